import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Progress, Radio, Space, Tag, Typography, Upload, type UploadFile } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { importKinds } from '#shared/api/enums.ts';
import { templateCsv } from '#shared/domain/import-columns.ts';
import { call, downloadText, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { importProblem, importWarning } from './problems.ts';
import { formatDateTime } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';

type Job = Output<'getImport'>;
type Preview = Output<'previewImport'>;
type Kind = (typeof importKinds)[number];
type RowError = Job['errors'][number];

/** A chosen file, read once: what the preview and the import send. */
interface Chosen {
  uid: string;
  name: string;
  format: 'csv' | 'xlsx';
  base64: string;
}

/** The lists (query keys) an import of each kind adds to. */
const listsOf: Record<Kind, string[]> = {
  customers: ['customers', 'customer-picker'],
  products: ['products', 'product-picker', 'levels', 'movements'],
  orders: ['orders', 'customer-orders', 'levels'],
  stock: ['levels', 'movements'],
};

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** How the file was read, in words: "GBK（中文 Excel 保存的 CSV）" rather than gb18030. */
const encodingText = (t: TFunction, encoding: string) => t(`imports.encodings.${encoding}`, { defaultValue: encoding });

/** The field a column fills, in the reader's language, or "not imported". */
function FieldTag({ kind, field }: { kind: Kind; field: string | null }) {
  const { t } = useTranslation();
  return field ? (
    <Tag color="blue">{t(`imports.fields.${kind}.${field}`, { defaultValue: field })}</Tag>
  ) : (
    <Tag>{t('imports.notImported')}</Tag>
  );
}

/** The warnings of a file (columns the importer does not know), each in words. */
function Warnings({ warnings, testId }: { warnings: Job['warnings']; testId: string }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      title={t('imports.warningsTitle', { count: warnings.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {warnings.map((w) => (
            <li key={`${w.code}:${w.column}`}>{importWarning(t, w)}</li>
          ))}
        </ul>
      }
    />
  );
}

/** Rows refused, with the row a person sees in Excel, the column and the reason in words. */
function ErrorsTable({ errors, testId }: { errors: RowError[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table<RowError>
      rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
      dataSource={errors}
      pagination={errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      size="small"
      locale={{ emptyText: t('imports.none') }}
      data-testid={testId}
      columns={[
        { title: t('imports.row'), dataIndex: 'row', width: 70 },
        { title: t('imports.column'), dataIndex: 'column', width: 120 },
        { title: t('imports.message'), render: (_, e) => importProblem(t, e) },
      ]}
    />
  );
}

/**
 * The file as the importer reads it, before anything is written: the encoding in words, the header
 * row, each column and the field it fills, warnings, the first rows as read and the ones that will
 * be refused. Only then the button that imports.
 */
function PreviewCard({
  kind,
  chosen,
  preview,
  starting,
  onStart,
  onCancel,
}: {
  kind: Kind;
  chosen: Chosen;
  preview: Preview;
  starting: boolean;
  onStart: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const refused = preview.rows.flatMap((r) => r.errors);
  const shown = (v: Preview['rows'][number]['values'][string] | undefined) =>
    v === null || v === undefined || v === ''
      ? ''
      : typeof v === 'boolean'
        ? t(v ? 'common.yes' : 'common.no')
        : String(v);
  return (
    <Card title={t('imports.previewTitle', { file: chosen.name })} data-testid="import-preview">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
          <Descriptions.Item label={t('imports.readAs')}>
            <span data-testid="import-encoding">{encodingText(t, preview.encoding)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('imports.headerRow')}>
            <span data-testid="import-header-row">{t('imports.rowNumber', { row: preview.headerRow })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('imports.totalRows')}>
            <span data-testid="import-total-rows">{preview.totalRows}</span>
          </Descriptions.Item>
        </Descriptions>
        <Warnings warnings={preview.warnings} testId="import-preview-warnings" />
        <div>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('imports.columns')}
          </Typography.Title>
          <Table<Preview['columns'][number]>
            rowKey="header"
            dataSource={preview.columns}
            pagination={false}
            size="small"
            data-testid="import-columns"
            columns={[
              { title: t('imports.header'), dataIndex: 'header' },
              { title: t('imports.fillsField'), render: (_, c) => <FieldTag kind={kind} field={c.field} /> },
            ]}
          />
        </div>
        {refused.length > 0 && (
          <div>
            <Typography.Title level={2} style={{ fontSize: 16 }}>
              {t('imports.willRefuse')}
            </Typography.Title>
            <ErrorsTable errors={refused} testId="import-preview-errors" />
          </div>
        )}
        <div>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('imports.firstRows', { count: preview.rows.length, total: preview.totalRows })}
          </Typography.Title>
          <Table<Preview['rows'][number]>
            rowKey="row"
            dataSource={preview.rows}
            pagination={false}
            size="small"
            scroll={{ x: true }}
            data-testid="import-rows"
            onRow={(r) => ({ style: r.errors.length ? { background: 'rgba(255, 77, 79, 0.08)' } : undefined })}
            columns={[
              { title: t('imports.row'), dataIndex: 'row', width: 60, fixed: 'left' },
              ...preview.columns.map((c) => ({
                key: c.header,
                title: (
                  <Typography.Text type={c.field ? undefined : 'secondary'} delete={!c.field}>
                    {c.header}
                  </Typography.Text>
                ),
                render: (_: unknown, r: Preview['rows'][number]) => (
                  <Typography.Text type={c.field ? undefined : 'secondary'} style={{ whiteSpace: 'nowrap' }}>
                    {shown(r.values[c.header])}
                  </Typography.Text>
                ),
              })),
            ]}
          />
          {preview.totalRows > preview.rows.length && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('imports.moreRows', { count: preview.totalRows - preview.rows.length })}
            </Typography.Paragraph>
          )}
        </div>
        <Space wrap>
          <Button type="primary" loading={starting} onClick={onStart} data-testid="import-start">
            {t('imports.startRows', { count: preview.totalRows })}
          </Button>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}

/** Choose a CSV or Excel file, see how it reads, import it, and see each row landing or refused in words. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('orders');
  const [chosen, setChosen] = useState<Chosen>();
  const [readError, setReadError] = useState(false);
  const [jobId, setJobId] = useState<string>();
  // The preview follows the file and the kind: the same file read as products maps other columns.
  const preview = useQuery({
    queryKey: ['import-preview', kind, chosen?.uid],
    queryFn: () => call('previewImport', { body: { kind, format: chosen!.format, file: chosen!.base64 } }),
    enabled: Boolean(chosen),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const start = useMutation({
    mutationFn: (file: Chosen) =>
      call('createImport', { body: { kind, format: file.format, fileName: file.name, file: file.base64 } }),
    onSuccess: (job) => {
      setJobId(job.id);
      setChosen(undefined);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
    },
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => call('getImport', { params: { id: jobId! } }),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data?.status === 'completed' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const current = job.data;
  const done = current?.status === 'completed' || current?.status === 'failed';
  // A finished job changes the recent list and the lists of what it wrote (and what the pickers find).
  const finishedKind = done ? current.kind : undefined;
  useEffect(() => {
    if (!finishedKind) return;
    for (const key of ['imports', ...listsOf[finishedKind]]) void queryClient.invalidateQueries({ queryKey: [key] });
  }, [finishedKind, queryClient]);
  const recent = useCursorList(['imports'], (cursor) => call('listImports', { query: { cursor, limit: 10 } }));
  const choose = async (file: File & { uid: string }) => {
    // A new file is the page's subject now: its preview, not the last job.
    setReadError(false);
    setJobId(undefined);
    start.reset();
    try {
      setChosen({
        uid: `${file.uid}:${file.size}:${file.lastModified}`,
        name: file.name,
        format: file.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
        base64: await toBase64(file),
      });
    } catch {
      setReadError(true);
    }
  };
  const fileList: UploadFile[] = chosen ? [{ uid: chosen.uid, name: chosen.name }] : [];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <PageCard title={t('imports.title')}>
        <Typography.Paragraph type="secondary">{t('imports.hint')}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            optionType="button"
            data-testid="import-kind"
            options={importKinds.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
          />
          <Typography.Text type="secondary">{t(`imports.kindHints.${kind}`)}</Typography.Text>
          <Button
            icon={<DownloadOutlined />}
            data-testid="import-template"
            onClick={() =>
              downloadText(
                templateCsv(kind, i18n.language === 'en' ? 'en' : 'zh-CN'),
                `${t('imports.templateFile', { kind: t(`imports.kinds.${kind}`) })}.csv`,
                'text/csv;charset=utf-8',
              )
            }
          >
            {t('imports.template')}
          </Button>
          <Upload
            accept=".csv,.xlsx"
            maxCount={1}
            fileList={fileList}
            beforeUpload={(f) => {
              void choose(f);
              return false;
            }}
            onRemove={() => setChosen(undefined)}
          >
            <Button icon={<UploadOutlined />} data-testid="import-file">
              {t('imports.file')}
            </Button>
          </Upload>
          {chosen && preview.isFetching && <Typography.Text type="secondary">{t('imports.reading')}</Typography.Text>}
          {readError && <Alert type="error" showIcon title={t('imports.unreadable')} />}
          {preview.error && <Alert type="error" showIcon title={errorMessage(t, preview.error)} />}
          {start.error && <Alert type="error" showIcon title={errorMessage(t, start.error)} />}
        </Space>
      </PageCard>
      {chosen && preview.data && !preview.isFetching && (
        <PreviewCard
          kind={kind}
          chosen={chosen}
          preview={preview.data}
          starting={start.isPending}
          onStart={() => start.mutate(chosen)}
          onCancel={() => setChosen(undefined)}
        />
      )}
      {current && (
        <Card title={`${current.fileName ?? ''} · ${t(`imports.statuses.${current.status}`)}`} data-testid="import-job">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <Progress
              percent={current.totalRows ? Math.round((current.processedRows / current.totalRows) * 100) : 0}
              status={current.status === 'completed' ? 'success' : current.status === 'failed' ? 'exception' : 'active'}
            />
            {current.encoding && current.headerRow && (
              <Typography.Text type="secondary" data-testid="import-read-as">
                {t('imports.readSummary', { encoding: encodingText(t, current.encoding), row: current.headerRow })}
              </Typography.Text>
            )}
            <Typography.Text strong data-testid="import-created">
              {t('imports.created', { count: current.created.length })}
            </Typography.Text>
            <Warnings warnings={current.warnings} testId="import-warnings" />
            <div>
              <Typography.Title level={2} style={{ fontSize: 16 }}>
                {t('imports.errors')}
              </Typography.Title>
              <ErrorsTable errors={current.errors} testId="import-errors" />
            </div>
          </Space>
        </Card>
      )}
      <Card title={t('imports.recent')}>
        <Table<Job>
          rowKey="id"
          dataSource={recent.items}
          loading={recent.isFetching}
          pagination={false}
          size="small"
          scroll={{ x: true }}
          data-testid="imports-recent"
          onRow={(j) => ({ onClick: () => setJobId(j.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('imports.kind'), render: (_, j) => t(`imports.kinds.${j.kind}`) },
            { title: t('imports.fileName'), dataIndex: 'fileName', responsive: ['md'] },
            {
              title: t('imports.status'),
              render: (_, j) => (
                <Tag color={j.status === 'completed' ? 'green' : j.status === 'failed' ? 'red' : 'blue'}>
                  {t(`imports.statuses.${j.status}`)}
                </Tag>
              ),
            },
            { title: t('imports.imported'), render: (_, j) => `${j.created.length} / ${j.totalRows}` },
            {
              title: t('imports.problemCount'),
              render: (_, j) =>
                `${j.errors.length}${j.warnings.length ? ` · ${t('imports.warningCount', { count: j.warnings.length })}` : ''}`,
              responsive: ['sm'],
            },
            { title: t('common.createdAt'), render: (_, j) => formatDateTime(j.createdAt), responsive: ['md'] },
          ]}
        />
        <Pager {...recent.pager} />
      </Card>
    </Space>
  );
}
