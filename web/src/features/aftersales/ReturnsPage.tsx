import { Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { returnStatuses } from '#shared/api/enums.ts';
import { call } from '../../api.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { ReturnsTable } from './returns.tsx';

type Status = (typeof returnStatuses)[number];

/** 退货单: newest first, by status or customer (kept in the URL). Returns are asked for from an order or a ticket. */
export function ReturnsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const customerId = params.get('customerId') ?? undefined;
  const setFilter = (name: 'status' | 'customerId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const list = useCursorList(['returns', { status, customerId }], (cursor) =>
    call('listReturns', { query: { status, customerId, cursor, limit: 20 } }),
  );
  return (
    <PageCard title={t('aftersales.returns.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('aftersales.returns.status')}
          aria-label={t('aftersales.returns.status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={returnStatuses.map((s) => ({ value: s, label: t(`aftersales.returns.statuses.${s}`) }))}
          data-testid="return-status-filter"
        />
        <div style={{ width: 220, maxWidth: '100%' }}>
          <CustomerPicker
            allowClear
            ariaLabel={t('aftersales.returns.customer')}
            value={customerId}
            onChange={(v) => setFilter('customerId', v)}
            testId="return-customer-filter"
          />
        </div>
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <ReturnsTable returns={list.items} loading={list.isFetching} testId="returns-table" showCustomer />
      <Pager {...list.pager} />
    </PageCard>
  );
}
