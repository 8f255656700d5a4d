import { useState } from 'react';
import { Alert, Button, Card, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { importKinds } from '#shared/api/enums.ts';
import { templateCsv } from '#shared/domain/import-columns.ts';
import { call, downloadText, type Output } from '../../api.ts';
import { errorMessage, importProblem } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';

type Job = Output<'getImport'>;

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Upload a CSV or Excel file, watch its progress, and see each bad row with its column and problem. */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<(typeof importKinds)[number]>('orders');
  const [file, setFile] = useState<File>();
  const [jobId, setJobId] = useState<string>();
  const start = useMutation({
    mutationFn: async () =>
      call('createImport', {
        body: {
          kind,
          format: file!.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv',
          fileName: file!.name,
          file: await toBase64(file!),
        },
      }),
    onSuccess: (job) => {
      setJobId(job.id);
      void queryClient.invalidateQueries({ queryKey: ['imports'] });
    },
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => call('getImport', { params: { id: jobId! } }),
    enabled: Boolean(jobId),
    refetchInterval: (q) => (q.state.data?.status === 'completed' || q.state.data?.status === 'failed' ? false : 1000),
  });
  const recent = useQuery({ queryKey: ['imports'], queryFn: () => call('listImports', { query: { limit: 10 } }) });
  const current = job.data;
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
            beforeUpload={(f) => {
              setFile(f);
              return false;
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />} data-testid="import-file">
              {t('imports.file')}
            </Button>
          </Upload>
          <Button
            type="primary"
            disabled={!file}
            loading={start.isPending}
            onClick={() => start.mutate()}
            data-testid="import-start"
          >
            {t('imports.start')}
          </Button>
          {start.error && <Alert type="error" showIcon title={errorMessage(t, start.error)} />}
        </Space>
      </PageCard>
      {current && (
        <Card title={`${current.fileName ?? ''} · ${t(`imports.statuses.${current.status}`)}`} data-testid="import-job">
          <Progress
            percent={current.totalRows ? Math.round((current.processedRows / current.totalRows) * 100) : 0}
            status={current.status === 'completed' ? 'success' : 'active'}
          />
          <Typography.Paragraph data-testid="import-created">
            {t('imports.created', { count: current.created.length })}
          </Typography.Paragraph>
          <Typography.Title level={5}>{t('imports.errors')}</Typography.Title>
          <Table<Job['errors'][number]>
            rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
            dataSource={current.errors}
            pagination={false}
            size="small"
            locale={{ emptyText: t('imports.none') }}
            data-testid="import-errors"
            columns={[
              { title: t('imports.row'), dataIndex: 'row', width: 80 },
              { title: t('imports.column'), dataIndex: 'column', width: 140 },
              { title: t('imports.message'), render: (_, e) => importProblem(t, e) },
            ]}
          />
        </Card>
      )}
      <Card title={t('imports.recent')}>
        <Table<Job>
          rowKey="id"
          dataSource={recent.data?.items ?? []}
          pagination={false}
          size="small"
          scroll={{ x: true }}
          onRow={(j) => ({ onClick: () => setJobId(j.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('imports.kind'), render: (_, j) => t(`imports.kinds.${j.kind}`) },
            { title: t('imports.fileName'), dataIndex: 'fileName', responsive: ['md'] },
            {
              title: t('imports.status'),
              render: (_, j) => (
                <Tag color={j.status === 'completed' ? 'green' : 'blue'}>{t(`imports.statuses.${j.status}`)}</Tag>
              ),
            },
            { title: t('imports.imported'), render: (_, j) => `${j.created.length} / ${j.totalRows}` },
            { title: t('common.createdAt'), render: (_, j) => formatDateTime(j.createdAt), responsive: ['md'] },
          ]}
        />
      </Card>
    </Space>
  );
}
