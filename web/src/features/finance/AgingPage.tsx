import { useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { Table } from '../../kit/Table.tsx';
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
import { currencyName } from '../../currencies.ts';

type Aging = Output<'getReceivablesAging'>;
type Row = Aging['customers'][number];

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
  const byCurrency = data?.byCurrency ?? [];
  const foreign = byCurrency.some((c) => c.currency !== (data?.currency ?? baseCurrency));
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
        <DateField
          value={asOf ? dayjs(asOf) : dayjs()}
          onChange={(d) => setAsOf(d?.format('YYYY-MM-DD'))}
          allowClear={false}
        />
        <Typography.Text type="secondary" data-testid="aging-base">
          {t('finance.agingBase', { currency: data?.currency ?? baseCurrency })}
        </Typography.Text>
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
          { title: t('money.currency'), dataIndex: 'currency' },
          ...agingBuckets.map((b) => ({
            title: t(`finance.buckets.${b}`),
            render: (_: unknown, r: Row) => formatMoney(r[b], r.currency),
            align: 'right' as const,
          })),
          {
            title: t('finance.buckets.total'),
            render: (_, r) => formatMoney(r.total, r.currency),
            align: 'right',
          },
          {
            title: t('finance.baseTotal', { currency: data?.currency ?? baseCurrency }),
            render: (_, r) => <strong>{money(r.baseTotal)}</strong>,
            align: 'right',
          },
          { title: t('finance.invoiceCount'), dataIndex: 'invoices', align: 'right', responsive: ['md'] },
        ]}
        summary={() =>
          data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('finance.buckets.total')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{data.currency}</Table.Summary.Cell>
              {agingBuckets.map((b, i) => (
                <Table.Summary.Cell key={b} index={i + 2} align="right">
                  {money(data.totals[b])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={agingBuckets.length + 2} align="right" />
              <Table.Summary.Cell index={agingBuckets.length + 3} align="right">
                <strong data-testid="aging-total">{money(data.totals.total)}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={agingBuckets.length + 4} />
            </Table.Summary.Row>
          )
        }
      />
      {foreign && (
        <>
          <Typography.Title level={2} style={{ marginTop: 24, fontSize: 16 }}>
            {t('finance.agingByCurrency')}
          </Typography.Title>
          <Table<Aging['byCurrency'][number]>
            rowKey="currency"
            size="small"
            dataSource={byCurrency}
            pagination={false}
            scroll={{ x: true }}
            data-testid="aging-by-currency"
            columns={[
              { title: t('money.currency'), render: (_, r) => `${r.currency} · ${currencyName(r.currency)}` },
              ...agingBuckets.map((b) => ({
                title: t(`finance.buckets.${b}`),
                render: (_: unknown, r: Aging['byCurrency'][number]) => formatMoney(r[b], r.currency),
                align: 'right' as const,
                responsive: ['md'] as 'md'[],
              })),
              { title: t('finance.buckets.total'), render: (_, r) => formatMoney(r.total, r.currency), align: 'right' },
              {
                title: t('finance.baseTotal', { currency: data?.currency ?? baseCurrency }),
                render: (_, r) => money(r.baseTotal),
                align: 'right',
              },
            ]}
          />
        </>
      )}
    </PageCard>
  );
}
