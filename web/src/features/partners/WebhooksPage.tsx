import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Modal, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { Table } from '../../kit/Table.tsx';
import { PlusOutlined, SendOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { publicEventTypeNames } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type EventType = (typeof publicEventTypeNames)[number];
const groups = [...new Set(publicEventTypeNames.map((e) => e.split('.')[0]!))];

// A webhook's deliveries (and the replay with its date picker) load the first time they are opened.
const DeliveriesDrawer = onDemand(async () => (await import('./deliveries-drawer.tsx')).DeliveriesDrawer);

export function WebhooksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);
  // Mounted from its first opening on, so that it can slide closed.
  const [logOpened, setLogOpened] = useState(false);
  const openLog = (id: string) => {
    setLogOpened(true);
    setLogOf(id);
  };
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => call('listWebhooks', {}) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  const fail = (e: unknown) => message.error(errorMessage(t, e));
  const toggle = useMutation({
    mutationFn: (w: { id: string; version: number; enabled: boolean }) =>
      call('updateWebhook', { params: { id: w.id }, ifMatch: w.version, body: { enabled: w.enabled } }),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  const rotate = useMutation({
    mutationFn: (w: { id: string; version: number }) =>
      call('rotateWebhookSecret', { params: { id: w.id }, ifMatch: w.version, body: { overlapHours: 24 } }),
    onSuccess: (w) => {
      setSecret(w.secret);
      void refresh();
    },
    onError: fail,
  });
  const test = useMutation({
    mutationFn: (id: string) => call('testWebhook', { params: { id } }),
    onSuccess: (d, id) => {
      message[d.status === 'succeeded' ? 'success' : 'warning'](t(`partners.statuses.${d.status}`));
      openLog(id);
    },
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: (w: { id: string; version: number }) =>
      call('deleteWebhook', { params: { id: w.id }, ifMatch: w.version }),
    onSuccess: () => void refresh(),
    onError: fail,
  });
  return (
    <PageCard
      title={t('partners.webhooks')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-webhook">
          {t('partners.newWebhook')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('partners.webhooksHint')}</Typography.Paragraph>
      <Table
        rowKey="id"
        loading={hooks.isFetching}
        dataSource={hooks.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="webhooks-table"
        columns={[
          {
            title: t('partners.url'),
            render: (_, w) => (
              <Space direction="vertical" size={0}>
                <Typography.Text code>{w.url}</Typography.Text>
                {w.description && <Typography.Text type="secondary">{w.description}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('partners.events'),
            render: (_, w) => (
              <Space size={4} wrap>
                {w.eventTypes.slice(0, 4).map((e) => (
                  <Tag key={e}>{e}</Tag>
                ))}
                {w.eventTypes.length > 4 && <Tag>+{w.eventTypes.length - 4}</Tag>}
              </Space>
            ),
            responsive: ['md'],
          },
          {
            title: t('partners.enabled'),
            render: (_, w) => (
              <Tooltip title={w.disabledReason}>
                <Switch
                  checked={w.enabled}
                  onChange={(enabled) => toggle.mutate({ id: w.id, version: w.version, enabled })}
                />
              </Tooltip>
            ),
          },
          {
            title: t('common.actions'),
            render: (_, w) => (
              <Space wrap>
                <Button size="small" onClick={() => openLog(w.id)} data-testid="open-deliveries">
                  {t('partners.deliveries')}
                </Button>
                <Button size="small" icon={<SendOutlined />} onClick={() => test.mutate(w.id)} data-testid="send-test">
                  {t('partners.sendTest')}
                </Button>
                <Button
                  size="small"
                  icon={<SyncOutlined />}
                  onClick={() =>
                    modal.confirm({
                      title: t('partners.rotateConfirm'),
                      okText: t('partners.rotate'),
                      cancelText: t('common.cancel'),
                      onOk: () => rotate.mutateAsync(w),
                    })
                  }
                >
                  {t('partners.rotate')}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: t('partners.deleteConfirm'),
                      okText: t('common.delete'),
                      cancelText: t('common.cancel'),
                      okButtonProps: { danger: true },
                      onOk: () => remove.mutateAsync(w),
                    })
                  }
                >
                  {t('common.delete')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ModalForm<{ url: string; description?: string; eventTypes: EventType[] }, { secret: string }>
        open={creating}
        title={t('partners.newWebhook')}
        okText={t('common.create')}
        width={640}
        initialValues={{ eventTypes: ['order.created', 'order.confirmed', 'order.shipped'] }}
        submit={(body) => call('createWebhook', { body: { ...body, enabled: true } })}
        refresh={[['webhooks']]}
        onDone={(w) => setSecret(w.secret)}
        onClose={() => setCreating(false)}
      >
        <Form.Item
          name="url"
          label={t('partners.url')}
          extra={t('partners.urlHint')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Input placeholder="https://erp.example.com/hooks/dingo" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('partners.description')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="eventTypes"
          label={t('partners.events')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Checkbox.Group style={{ width: '100%' }} data-testid="webhook-events">
            <Space direction="vertical" style={{ width: '100%' }}>
              {groups.map((g) => (
                <div key={g}>
                  <Typography.Text strong>{t(`partners.groups.${g}`, g)}</Typography.Text>
                  <div>
                    {publicEventTypeNames
                      .filter((e) => e.startsWith(`${g}.`))
                      .map((e) => (
                        <Checkbox key={e} value={e}>
                          {e}
                        </Checkbox>
                      ))}
                  </div>
                </div>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </ModalForm>
      <Modal
        open={Boolean(secret)}
        title={t('partners.copyOnce')}
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        okText={t('partners.copied')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('partners.whsecOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="webhook-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
      {logOpened && <DeliveriesDrawer webhookId={logOf} onClose={() => setLogOf(null)} />}
    </PageCard>
  );
}
