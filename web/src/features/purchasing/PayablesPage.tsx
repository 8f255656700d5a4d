import { useState } from 'react';
import { Space, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { Table } from '../../kit/Table.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { call, type Output } from '../../api.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Aging = Output<'getPayablesAging'>;
type Row = Aging['suppliers'][number];

/** 应付账龄: what is owed to each supplier, not yet due and overdue, with the total in the base currency. */
export function PayablesPage() {
  const { t } = useTranslation();
  const baseCurrency = useBaseCurrency();
  const [asOf, setAsOf] = useState<string>();
  const { data, isFetching, error } = useQuery({
    queryKey: ['payables', asOf],
    queryFn: () => call('getPayablesAging', { query: { asOf } }),
  });
  const currency = data?.currency ?? baseCurrency;
  const money = (a: number) => formatMoney(a, currency);
  return (
    <PageCard title={t('purchasing.payables')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('purchasing.asOf')}</span>
        <DateField
          aria-label={t('purchasing.asOf')}
          value={asOf ? dayjs(asOf) : dayjs()}
          onChange={(d) => setAsOf(d?.format('YYYY-MM-DD'))}
          allowClear={false}
        />
        <Typography.Text type="secondary">{t('purchasing.payablesBase', { currency })}</Typography.Text>
      </Space>
      {error && <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>}
      <Table<Row>
        rowKey="supplierId"
        loading={isFetching}
        dataSource={data?.suppliers ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="payables-table"
        locale={{ emptyText: t('purchasing.noPayables') }}
        columns={[
          {
            title: t('purchasing.supplier'),
            render: (_, r) => <Link to={`/bills?supplierId=${r.supplierId}`}>{r.supplierName}</Link>,
          },
          {
            title: t('purchasing.current'),
            render: (_, r) => formatMoney(r.current, r.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
            responsive: ['sm'],
          },
          {
            title: t('purchasing.overdue'),
            render: (_, r) => (
              <Typography.Text type={r.overdue > 0 ? 'danger' : undefined}>
                {formatMoney(r.overdue, r.currency)}
              </Typography.Text>
            ),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.payablesTotal'),
            render: (_, r) => formatMoney(r.total, r.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
            responsive: ['sm'],
          },
          {
            title: t('purchasing.baseTotal', { currency }),
            render: (_, r) => <strong>{money(r.baseTotal)}</strong>,
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
        ]}
      />
      {data && (
        <Space wrap size="large" style={{ marginTop: 16 }} data-testid="payables-totals">
          <span>
            {t('purchasing.current')}: <span data-testid="payables-current">{money(data.totals.current)}</span>
          </span>
          <span>
            {t('purchasing.overdue')}: <span data-testid="payables-overdue">{money(data.totals.overdue)}</span>
          </span>
          <strong>
            {t('purchasing.payablesTotal')}: <span data-testid="payables-total">{money(data.totals.total)}</span>
          </strong>
        </Space>
      )}
    </PageCard>
  );
}
