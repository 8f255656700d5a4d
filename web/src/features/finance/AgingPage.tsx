import { useState } from 'react';
import { App, Button, DatePicker, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { agingBuckets } from '#shared/api/enums.ts';
import { call, callText, downloadText, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Row = Output<'getReceivablesAging'>['customers'][number];

export function AgingPage() {
  const baseCurrency = useBaseCurrency();
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [asOf, setAsOf] = useState<string | undefined>();
  const { data, isFetching } = useQuery({
    queryKey: ['aging', asOf],
    queryFn: () => call('getReceivablesAging', { query: { asOf } }),
  });
  const money = (a: number) => formatMoney(a, data?.currency ?? baseCurrency);
  const download = async () => {
    try {
      downloadText(
        await callText('exportReport', {
          params: { name: 'receivables-aging' },
          query: { to: asOf, lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
        }),
        'receivables-aging.csv',
        'text/csv',
      );
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  return (
    <PageCard
      title={t('finance.aging')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('finance.exportCsv')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('finance.asOf')}</span>
        <DatePicker
          value={asOf ? dayjs(asOf) : dayjs()}
          onChange={(d) => setAsOf(d?.format('YYYY-MM-DD'))}
          allowClear={false}
        />
      </Space>
      <Table<Row>
        rowKey="customerId"
        loading={isFetching}
        dataSource={data?.customers ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="aging-table"
        columns={[
          { title: t('finance.customer'), dataIndex: 'customerName', fixed: 'left' },
          ...agingBuckets.map((b) => ({
            title: t(`finance.buckets.${b}`),
            render: (_: unknown, r: Row) => money(r[b]),
            align: 'right' as const,
          })),
          { title: t('finance.buckets.total'), render: (_, r) => <strong>{money(r.total)}</strong>, align: 'right' },
          { title: t('finance.invoiceCount'), dataIndex: 'invoices', align: 'right', responsive: ['md'] },
        ]}
        summary={() =>
          data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('finance.buckets.total')}</strong>
              </Table.Summary.Cell>
              {agingBuckets.map((b, i) => (
                <Table.Summary.Cell key={b} index={i + 1} align="right">
                  {money(data.totals[b])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={agingBuckets.length + 1} align="right">
                <strong>{money(data.totals.total)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={agingBuckets.length + 2} />
            </Table.Summary.Row>
          )
        }
      />
    </PageCard>
  );
}
