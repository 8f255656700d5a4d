import { Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call } from '../../api.ts';
import { CustomerPicker } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { creditNoteColor } from '../../status.ts';
import type { CreditNote } from './shared.tsx';

/** 红字结算单: newest first, or one customer's. Each comes from a received refund or credit return. */
export function CreditNotesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const list = useCursorList(['credit-notes', { customerId }], (cursor) =>
    call('listCreditNotes', { query: { customerId, cursor, limit: 20 } }),
  );
  const link = (n: CreditNote) => <Link to={`/credit-notes/${n.id}`}>{n.number}</Link>;
  const status = (n: CreditNote) => (
    <Tag color={creditNoteColor[n.status]}>{t(`aftersales.creditNotes.statuses.${n.status}`)}</Tag>
  );
  const money = (n: CreditNote, a: number) => formatMoney(a, n.currency);
  return (
    <PageCard title={t('aftersales.creditNotes.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ width: 220, maxWidth: '100%' }}>
          <CustomerPicker
            allowClear
            ariaLabel={t('aftersales.creditNotes.customer')}
            value={customerId}
            onChange={(v) => setParams(v ? { customerId: v } : {}, { replace: true })}
            testId="credit-note-customer-filter"
          />
        </div>
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<CreditNote>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="credit-notes-table"
        emptyText={<Empty description={t('aftersales.creditNotes.none')} />}
        card={(n) => ({
          title: link(n),
          extra: status(n),
          fields: [
            { label: t('aftersales.creditNotes.customer'), value: n.customerName },
            { label: t('aftersales.creditNotes.total'), value: money(n, n.total) },
            { label: t('aftersales.creditNotes.credited'), value: money(n, n.credited) },
            { label: t('aftersales.creditNotes.issueDate'), value: n.issueDate },
          ],
        })}
        columns={[
          { title: t('aftersales.creditNotes.number'), render: (_, n) => link(n), onCell: () => ({ style: nowrap }) },
          { title: t('aftersales.creditNotes.customer'), dataIndex: 'customerName' },
          {
            title: t('aftersales.creditNotes.return'),
            render: (_, n) => <Link to={`/returns/${n.returnId}`}>{n.returnNumber}</Link>,
            responsive: ['lg'],
          },
          { title: t('aftersales.creditNotes.status'), render: (_, n) => status(n) },
          {
            title: t('aftersales.creditNotes.total'),
            render: (_, n) => money(n, n.total),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('aftersales.creditNotes.credited'),
            render: (_, n) => money(n, n.credited),
            align: 'right',
            responsive: ['md'],
          },
          {
            title: t('aftersales.creditNotes.refunded'),
            render: (_, n) => money(n, n.refunded),
            align: 'right',
            responsive: ['md'],
          },
          { title: t('aftersales.creditNotes.issueDate'), dataIndex: 'issueDate', responsive: ['md'] },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
