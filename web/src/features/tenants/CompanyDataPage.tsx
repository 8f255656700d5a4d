import { useId, useState, type CSSProperties } from 'react';
import { Alert, App, Button, Empty, Input, Modal, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined, SyncOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, call, callBlob, downloadBlob, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import i18n from '../../i18n.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';

type DataExport = Output<'getExport'>;

/** How often the list is read again while an export is being written. */
const POLL_MS = 2_000;

const statusColor: Record<DataExport['status'], string> = { running: 'blue', ready: 'green', failed: 'red' };

/** A section's heading under the page's h1, sized for a console. */
const sectionHeading: CSSProperties = { fontSize: 16, marginTop: 0, marginBottom: 8 };

/** A zip's size in the reader's digits: 900 B, 12.3 KB, 4.5 MB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(i18n.language, { maximumFractionDigits: unit ? 1 : 0 })} ${units[unit]}`;
}

function StatusTag({ status }: { status: DataExport['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={statusColor[status]}
      icon={status === 'running' ? <SyncOutlined spin aria-hidden /> : undefined}
      style={{ marginInlineEnd: 0 }}
      data-testid="export-status"
      data-status={status}
    >
      {t(`companyData.exports.statuses.${status}`)}
    </Tag>
  );
}

/** 导出全部数据: every record of the company as JSON Lines per kind, zipped, downloadable for 7 days. */
function Exports() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  // Read again while one is running, so it turns ready (or failed) by itself.
  const list = useCursorList(['exports'], (cursor) => call('listExports', { query: { cursor, limit: 20 } }), {
    refetchInterval: (page) => (page?.items.some((e) => e.status === 'running') ? POLL_MS : false),
  });
  const create = useMutation({
    mutationFn: () => call('createExport'),
    onSuccess: () => {
      message.success(t('companyData.exports.started'));
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
    },
  });
  // The zip needs the session's token: fetched as a blob, then saved as a file.
  // A large company's export comes as several zips of whole files (each at most 4 MB): one button per zip.
  const download = useMutation({
    mutationFn: async ({ e, part }: { e: DataExport; part: number }) =>
      downloadBlob(
        await callBlob('downloadExport', { params: { id: e.id }, query: { part } }),
        `dingo-export-${e.id}${part > 1 ? `-${part}` : ''}.zip`,
      ),
  });
  const contents = (e: DataExport) =>
    e.status === 'ready'
      ? t('companyData.exports.contentsValue', {
          files: e.files.length,
          records: e.files.reduce((sum, f) => sum + f.records, 0).toLocaleString(i18n.language),
        })
      : t('common.none');
  const size = (e: DataExport) => (e.bytes === null ? t('common.none') : formatBytes(e.bytes));
  const action = (e: DataExport) =>
    e.status === 'ready' ? (
      <Space wrap size={4}>
        {Array.from({ length: Math.max(1, e.parts) }, (_, i) => i + 1).map((part) => (
          <Button
            key={part}
            size="small"
            icon={<DownloadOutlined />}
            loading={download.isPending && download.variables?.e.id === e.id && download.variables.part === part}
            onClick={() => download.mutate({ e, part })}
            aria-label={
              e.parts > 1
                ? t('companyData.exports.downloadPartOf', { at: formatDateTime(e.requestedAt), part, parts: e.parts })
                : t('companyData.exports.downloadOf', { at: formatDateTime(e.requestedAt) })
            }
            data-testid={part === 1 ? 'export-download' : `export-download-${part}`}
          >
            {e.parts > 1
              ? t('companyData.exports.downloadPart', { part, parts: e.parts })
              : t('companyData.exports.download')}
          </Button>
        ))}
      </Space>
    ) : e.status === 'failed' ? (
      <Typography.Text type="secondary">{t('companyData.exports.failedHint')}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">{t('companyData.exports.runningHint')}</Typography.Text>
    );
  return (
    <section aria-labelledby="company-data-exports" data-testid="exports">
      <Typography.Title level={2} id="company-data-exports" style={sectionHeading}>
        {t('companyData.exports.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('companyData.exports.contains')}</Typography.Paragraph>
      <Button
        type="primary"
        icon={<ExportOutlined />}
        loading={create.isPending}
        onClick={() => create.mutate()}
        style={{ marginBottom: 16, maxWidth: '100%' }}
        data-testid="export-create"
      >
        {t('companyData.exports.create')}
      </Button>
      {[create.error, download.error, list.error].map(
        (error, i) =>
          error && (
            <Alert
              // biome-ignore lint/suspicious/noArrayIndexKey: one place per kind of error
              key={i}
              type="error"
              showIcon
              title={errorMessage(t, error)}
              style={{ marginBottom: 16 }}
              data-testid="exports-error"
            />
          ),
      )}
      <CardTable<DataExport>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="exports-table"
        emptyText={<Empty description={t('companyData.exports.none')} />}
        card={(e) => ({
          title: formatDateTime(e.requestedAt),
          extra: <StatusTag status={e.status} />,
          fields: [
            { label: t('companyData.exports.size'), value: size(e) },
            { label: t('companyData.exports.contents'), value: contents(e) },
            { label: t('companyData.exports.expiresAt'), value: formatDateTime(e.expiresAt) },
          ],
          footer: action(e),
        })}
        columns={[
          {
            title: t('companyData.exports.requestedAt'),
            render: (_, e) => formatDateTime(e.requestedAt),
            onCell: () => ({ style: nowrap }),
          },
          { title: t('companyData.exports.status'), render: (_, e) => <StatusTag status={e.status} /> },
          { title: t('companyData.exports.size'), render: (_, e) => size(e), onCell: () => ({ style: nowrap }) },
          { title: t('companyData.exports.contents'), render: (_, e) => contents(e) },
          {
            title: t('companyData.exports.expiresAt'),
            render: (_, e) => formatDateTime(e.expiresAt),
            onCell: () => ({ style: nowrap }),
          },
          { title: t('common.actions'), render: (_, e) => action(e) },
        ]}
      />
      <Pager {...list.pager} />
    </section>
  );
}

/** 注销公司: the owner types the company's name; every account stops at once, the data goes after 7 days unless restored. */
function CloseCompany() {
  const { t } = useTranslation();
  const { me, companyClosed } = useAuth();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const name = me?.tenant.companyName ?? '';
  const matches = name.trim() !== '' && typed.trim() === name.trim();
  const close = useMutation({
    mutationFn: () => call('closeTenant', { body: { confirm: typed } }),
    // The company is closed from this answer on: the app shows what that means and how to restore it.
    onSuccess: (status) => companyClosed({ purgeAfter: status.purgeAfter }),
  });
  const refusal =
    close.error instanceof ApiError && close.error.problem.errors?.some((e) => /(^|\.)confirm$/.test(e.path))
      ? t('companyData.close.mismatch')
      : close.error && errorMessage(t, close.error);
  const dismiss = () => {
    setOpen(false);
    setTyped('');
    close.reset();
  };
  return (
    <section
      aria-labelledby="company-data-close"
      data-testid="close-company"
      style={{ border: '1px solid #ffa39e', borderRadius: 8, padding: 16, marginTop: 24 }}
    >
      <Typography.Title level={2} id="company-data-close" style={sectionHeading}>
        <WarningOutlined aria-hidden style={{ color: '#cf1322', marginInlineEnd: 8 }} />
        {t('companyData.close.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('companyData.close.intro')}</Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, marginTop: 0 }}>
        <li>{t('companyData.close.stopAtOnce')}</li>
        <li>{t('companyData.close.purge')}</li>
        <li>{t('companyData.close.restore')}</li>
      </ul>
      <Typography.Paragraph type="secondary">{t('companyData.close.exportFirst')}</Typography.Paragraph>
      <Button danger onClick={() => setOpen(true)} style={{ maxWidth: '100%' }} data-testid="close-company-open">
        {t('companyData.close.button')}
      </Button>
      <Modal
        open={open}
        title={t('companyData.close.dialogTitle', { name })}
        onCancel={dismiss}
        destroyOnHidden
        footer={[
          <Button key="cancel" onClick={dismiss}>
            {t('common.cancel')}
          </Button>,
          <Button
            key="submit"
            type="primary"
            danger
            disabled={!matches}
            loading={close.isPending}
            onClick={() => close.mutate()}
            data-testid="close-company-submit"
          >
            {t('companyData.close.submit')}
          </Button>,
        ]}
      >
        <Alert
          type="error"
          showIcon
          title={t('companyData.close.warning')}
          style={{ marginBottom: 16 }}
          data-testid="close-company-warning"
        />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (matches && !close.isPending) close.mutate();
          }}
        >
          <label htmlFor={inputId} style={{ display: 'block', marginBottom: 8, overflowWrap: 'anywhere' }}>
            {t('companyData.close.confirmLabel')} <Typography.Text strong>{name}</Typography.Text>
          </label>
          <Input
            id={inputId}
            value={typed}
            autoComplete="off"
            status={refusal ? 'error' : undefined}
            aria-invalid={refusal ? true : undefined}
            aria-describedby={refusal ? `${inputId}-error` : undefined}
            onChange={(event) => {
              setTyped(event.target.value);
              if (close.error) close.reset();
            }}
            data-testid="close-company-confirm"
          />
          {refusal && (
            <Typography.Text
              type="danger"
              id={`${inputId}-error`}
              style={{ display: 'block', marginTop: 4 }}
              data-testid="close-company-error"
            >
              {refusal}
            </Typography.Text>
          )}
        </form>
      </Modal>
    </section>
  );
}

/**
 * 公司数据 (the owner): a copy of every record of the company to download, and closing the company
 * (restorable by its owner for 7 days, then purged).
 */
export function CompanyDataPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canExport = can('listExports');
  const canClose = can('closeTenant');
  return (
    <PageCard title={t('companyData.title')}>
      {!canExport && !canClose && (
        <Alert type="info" showIcon title={t('companyData.ownerOnly')} data-testid="company-data-owner-only" />
      )}
      {canExport && <Exports />}
      {canClose && <CloseCompany />}
    </PageCard>
  );
}
