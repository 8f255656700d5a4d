import { useEffect } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, Select, Space, Spin, Switch, Tag } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { alertKinds, channelKinds } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Channels = Output<'getNotificationChannels'>;
interface Row {
  id?: string;
  kind: (typeof channelKinds)[number];
  name: string;
  enabled: boolean;
  alertKinds: string[];
  to?: string;
  url?: string;
  secret?: string;
  hasSecret?: boolean;
}

const toRows = (c: Channels): Row[] => c.channels.map((ch) => ({ ...ch, to: ch.to?.join(', '), secret: undefined }));

export function ChannelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ channels: Row[] }>();
  const channels = useQuery({ queryKey: ['channels'], queryFn: () => call('getNotificationChannels') });
  useEffect(() => {
    if (channels.data) form.setFieldsValue({ channels: toRows(channels.data) });
  }, [channels.data, form]);
  const save = useMutation({
    mutationFn: (rows: Row[]) =>
      call('putNotificationChannels', {
        ifMatch: channels.data?.version,
        body: {
          channels: rows.map((r) => {
            const base = {
              id: r.id,
              name: r.name,
              enabled: r.enabled,
              alertKinds: r.alertKinds as (typeof alertKinds)[number][],
            };
            if (r.kind === 'email')
              return { ...base, kind: 'email' as const, to: (r.to ?? '').split(/[,，;\s]+/).filter(Boolean) };
            if (r.kind === 'wecom') return { ...base, kind: 'wecom' as const, url: r.url ?? '' };
            return { ...base, kind: r.kind, url: r.url ?? '', secret: r.secret || undefined };
          }),
        },
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(['channels'], next);
      message.success(t('notify.saved'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  const test = useMutation({
    mutationFn: (id: string) => call('testNotificationChannel', { params: { id } }),
    onSuccess: (r) => {
      if (r.ok) message.success(t('notify.testOk'));
      else message.error(t('notify.testFailed', { error: r.error }));
      void queryClient.invalidateQueries({ queryKey: ['channels'] });
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  if (channels.isLoading) return <Spin />;
  if (!channels.data) return <Alert type="error" title={errorMessage(t, channels.error)} />;
  const saved = new Map(channels.data.channels.map((c) => [c.id, c]));
  return (
    <PageCard title={t('notify.title')}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.channels ?? [])}>
        <Form.List name="channels">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => {
                const row = form.getFieldValue(['channels', field.name]) as Row | undefined;
                const stored = row?.id ? saved.get(row.id) : undefined;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid={`channel-${field.name}`}
                    title={
                      <Space wrap>
                        <Form.Item name={[field.name, 'kind']} noStyle>
                          <Select
                            style={{ width: 170 }}
                            options={channelKinds.map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))}
                            data-testid={`channel-kind-${field.name}`}
                          />
                        </Form.Item>
                        <Form.Item name={[field.name, 'enabled']} valuePropName="checked" noStyle>
                          <Switch />
                        </Form.Item>
                        {stored?.lastDelivery && (
                          <Tag color={stored.lastDelivery.ok ? 'green' : 'red'}>
                            {t('notify.lastDelivery')}: {formatDateTime(stored.lastDelivery.at)}{' '}
                            {stored.lastDelivery.ok
                              ? t('notify.ok')
                              : `${t('notify.failed')} ${stored.lastDelivery.error ?? ''}`}
                          </Tag>
                        )}
                      </Space>
                    }
                    extra={
                      <Space>
                        {stored && (
                          <Button
                            size="small"
                            icon={<SendOutlined />}
                            loading={test.isPending && test.variables === stored.id}
                            onClick={() => test.mutate(stored.id)}
                            data-testid={`channel-test-${field.name}`}
                          >
                            {t('notify.test')}
                          </Button>
                        )}
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('common.remove')}
                        />
                      </Space>
                    }
                  >
                    <Form.Item name={[field.name, 'id']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('notify.name')}
                      rules={[{ required: true, message: t('errors.required') }]}
                    >
                      <Input maxLength={60} data-testid={`channel-name-${field.name}`} />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() => {
                        const kind = form.getFieldValue(['channels', field.name, 'kind']) as Row['kind'];
                        return kind === 'email' ? (
                          <Form.Item
                            name={[field.name, 'to']}
                            label={t('notify.to')}
                            rules={[{ required: true, message: t('errors.required') }]}
                          >
                            <Input />
                          </Form.Item>
                        ) : (
                          <>
                            <Form.Item
                              name={[field.name, 'url']}
                              label={t('notify.url')}
                              extra={t(`notify.hints.${kind}`)}
                              rules={[{ required: true, message: t('errors.required') }]}
                            >
                              <Input placeholder="https://" data-testid={`channel-url-${field.name}`} />
                            </Form.Item>
                            {kind !== 'wecom' && (
                              <Form.Item name={[field.name, 'secret']} label={t('notify.secret')}>
                                <Input.Password
                                  placeholder={stored?.hasSecret ? t('notify.secretSet') : ''}
                                  autoComplete="new-password"
                                />
                              </Form.Item>
                            )}
                          </>
                        );
                      }}
                    </Form.Item>
                    <Form.Item name={[field.name, 'alertKinds']} label={t('notify.alertKinds')}>
                      <Checkbox.Group options={alertKinds.map((k) => ({ value: k, label: t(`alerts.kinds.${k}`) }))} />
                    </Form.Item>
                  </Card>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'dingtalk', name: '', enabled: true, alertKinds: [...alertKinds] })}
                data-testid="channel-add"
              >
                {t('notify.add')}
              </Button>
            </Space>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          style={{ marginTop: 16 }}
          data-testid="channels-save"
        >
          {t('common.save')}
        </Button>
      </Form>
    </PageCard>
  );
}
