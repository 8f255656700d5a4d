import { useState } from 'react';
import { Alert, App, Button, Checkbox, Form, Input, InputNumber, Modal, Space, Tag, Typography } from 'antd';
import { Table } from '../../kit/Table.tsx';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { scopes } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useCursorList(['api-keys'], (cursor) => call('listApiKeys', { query: { cursor, limit: 50 } }));
  const revoke = useMutation({
    mutationFn: (id: string) => call('revokeApiKey', { params: { id } }),
    onSuccess: () => {
      message.success(t('partners.revoked'));
      void queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  return (
    <PageCard
      title={t('partners.apiKeys')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-api-key">
          {t('partners.newKey')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('partners.keysHint')}</Typography.Paragraph>
      <Table
        rowKey="id"
        loading={keys.isFetching}
        dataSource={keys.items}
        pagination={false}
        scroll={{ x: true }}
        data-testid="api-keys-table"
        columns={[
          { title: t('partners.name'), dataIndex: 'name' },
          { title: t('partners.prefix'), render: (_, k) => <Typography.Text code>{k.prefix}…</Typography.Text> },
          {
            title: t('partners.scopes'),
            render: (_, k) => (
              <Space size={4} wrap>
                {k.scopes.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('partners.rateLimit'),
            render: (_, k) =>
              k.rateLimit ? t('partners.perSecond', { count: k.rateLimit }) : t('partners.companyBudget'),
            responsive: ['lg'],
          },
          {
            title: t('partners.lastUsed'),
            render: (_, k) => (k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('partners.never')),
            responsive: ['md'],
          },
          { title: t('common.createdAt'), render: (_, k) => formatDateTime(k.createdAt), responsive: ['lg'] },
          {
            title: t('common.actions'),
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t('partners.revokedAt', { at: formatDateTime(k.revokedAt) })}</Tag>
              ) : (
                <Button
                  size="small"
                  danger
                  data-testid={`revoke-${k.name}`}
                  onClick={() =>
                    modal.confirm({
                      title: t('partners.revokeConfirm', { name: k.name }),
                      okText: t('partners.revoke'),
                      cancelText: t('common.cancel'),
                      okButtonProps: { danger: true },
                      onOk: () => revoke.mutateAsync(k.id),
                    })
                  }
                >
                  {t('partners.revoke')}
                </Button>
              ),
          },
        ]}
      />
      <Pager {...keys.pager} />
      <ModalForm<{ name: string; scopes: (typeof scopes)[number][]; rateLimit?: number }, { secret: string }>
        open={creating}
        title={t('partners.newKey')}
        okText={t('common.create')}
        initialValues={{ scopes: ['orders:read'] }}
        submit={(body) => call('createApiKey', { body })}
        refresh={[['api-keys']]}
        onDone={(key) => setSecret(key.secret)}
        onClose={() => setCreating(false)}
      >
        <Form.Item name="name" label={t('partners.name')} rules={[{ required: true, message: t('errors.required') }]}>
          <Input maxLength={60} data-testid="api-key-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('partners.scopes')}
          rules={[{ required: true, message: t('errors.required') }]}
        >
          <Checkbox.Group options={scopes.map((s) => ({ value: s, label: s }))} data-testid="api-key-scopes" />
        </Form.Item>
        <Form.Item name="rateLimit" label={t('partners.rateLimit')} extra={t('partners.rateLimitHint')}>
          <InputNumber min={1} precision={0} suffix={t('partners.perSecondUnit')} data-testid="api-key-rate" />
        </Form.Item>
      </ModalForm>
      <Modal
        open={Boolean(secret)}
        title={
          <Space>
            <KeyOutlined />
            {t('partners.copyOnce')}
          </Space>
        }
        onCancel={() => setSecret(null)}
        onOk={() => setSecret(null)}
        okText={t('partners.copied')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        <Alert type="warning" showIcon title={t('partners.secretOnce')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph copyable={{ text: secret ?? '' }} code data-testid="api-key-secret">
          {secret}
        </Typography.Paragraph>
      </Modal>
    </PageCard>
  );
}
