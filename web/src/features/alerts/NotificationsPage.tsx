import { useState } from 'react';
import { App, Button, Empty, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { CheckOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { renderNotification } from '#shared/domain/notification-text.ts';
import { call, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { useUnreadCount } from '../../components/inbox.ts';
import { brand } from '../../theme.ts';

type Notification = Output<'listNotifications'>['items'][number];

/** A notification in the reader's language, from its kind's template and values (the server's words otherwise). */
export function notificationText(n: Notification, language: string) {
  try {
    return renderNotification(language === 'en' ? 'en' : 'zh-CN', n.kind, n.params);
  } catch {
    return n.text;
  }
}

/** Where a notification leads in the app: its own path (a link from another host is opened as it is). */
const inApp = (link: string) => link.startsWith('/');

/** My inbox (站内通知): what concerns me, newest first; open one to act on it, mark one or all read. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const unreadCount = useUnreadCount();
  const [show, setShow] = useState<'unread' | 'all'>('all');
  const list = useCursorList(
    ['notifications', 'inbox', show],
    (cursor) =>
      call('listNotifications', { query: { unread: show === 'unread' ? 'true' : undefined, cursor, limit: 20 } }),
    { refetchInterval: 30_000 },
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const read = useMutation({
    mutationFn: (n: Notification) => call('readNotification', { params: { id: n.id } }),
    onSuccess: () => void refresh(),
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const readAll = useMutation({
    mutationFn: () => call('readAllNotifications'),
    onSuccess: () => {
      message.success(t('inbox.allRead'));
      void refresh();
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const open = (n: Notification) => {
    if (!n.readAt) read.mutate(n);
    if (inApp(n.link)) navigate(n.link);
    else window.location.assign(n.link);
  };
  return (
    <PageCard
      title={t('inbox.title')}
      extra={
        <Space wrap>
          <Button
            icon={<CheckOutlined />}
            disabled={!unreadCount}
            loading={readAll.isPending}
            onClick={() => readAll.mutate()}
            data-testid="read-all"
          >
            {t('inbox.readAll')}
          </Button>
          <Link to="/account">
            <SettingOutlined /> {t('inbox.preferences')}
          </Link>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={show}
          onChange={(v) => setShow(v as typeof show)}
          options={[
            { value: 'all', label: t('inbox.all') },
            { value: 'unread', label: `${t('inbox.unread')}${unreadCount ? ` (${unreadCount})` : ''}` },
          ]}
          data-testid="inbox-filter"
        />
      </Space>
      <Spin spinning={list.isFetching && !list.data}>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="inbox">
          {list.data && list.items.length === 0 && (
            <Empty description={show === 'unread' ? t('inbox.noUnread') : t('inbox.empty')} />
          )}
          {list.items.map((n) => (
            <Card
              key={n.id}
              size="small"
              data-testid="notification"
              data-read={n.readAt ? 'yes' : 'no'}
              style={{ borderInlineStart: n.readAt ? undefined : `3px solid ${brand}` }}
            >
              <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                <span
                  aria-hidden
                  style={{
                    flex: 'none',
                    width: 6,
                    height: 6,
                    borderRadius: '50%',
                    marginTop: 8,
                    background: n.readAt ? '#bfbfbf' : brand,
                  }}
                />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Link
                    strong={!n.readAt}
                    href={n.link}
                    onClick={(e) => {
                      e.preventDefault();
                      open(n);
                    }}
                    style={{ display: 'block', overflowWrap: 'anywhere', padding: '4px 0' }}
                    data-testid="notification-open"
                  >
                    {notificationText(n, i18n.language)}
                  </Typography.Link>
                  <Space wrap size="small" style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">
                      {formatDateTime(n.createdAt)} · {t(`inbox.kinds.${n.kind}`)}
                    </Typography.Text>
                    {!n.readAt && <Tag color="orange">{t('inbox.unread')}</Tag>}
                  </Space>
                </div>
                {!n.readAt && (
                  <Button
                    type="text"
                    icon={<CheckOutlined />}
                    aria-label={t('inbox.markRead')}
                    title={t('inbox.markRead')}
                    onClick={() => read.mutate(n)}
                    data-testid="notification-read"
                  />
                )}
              </div>
            </Card>
          ))}
        </div>
      </Spin>
      {(list.pager.cursors.length > 0 || list.pager.nextCursor) && <Pager {...list.pager} />}
    </PageCard>
  );
}
