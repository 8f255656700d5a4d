import { useState } from 'react';
import { Col, Row, Space, Statistic, Typography } from 'antd';
import { Card } from '../../kit/Card.tsx';
import { DateRangeField } from '../../kit/DateField.tsx';
import { Table } from '../../kit/Table.tsx';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';

type Report = Output<'getAfterSalesReport'>;

/** A share (0..1) as a percentage with one decimal; a dash when there is nothing to measure. */
export const percent = (share: number | null | undefined, lang: string) =>
  share === null || share === undefined
    ? '—'
    : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** 售后报表: returns (by product with the return rate, by reason), tickets (by kind, SLA met, open), ratings. */
export function AfterSalesReportPage() {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[string, string]>([
    dayjs().subtract(29, 'day').format('YYYY-MM-DD'),
    dayjs().format('YYYY-MM-DD'),
  ]);
  const query = { from: range[0], to: range[1] };
  const { data, isFetching, error } = useQuery({
    queryKey: ['after-sales-report', query],
    queryFn: () => call('getAfterSalesReport', { query }),
  });
  const pct = (share: number | null | undefined) => percent(share, i18n.language);
  const figure = (testId: string, title: string, value: string | number) => (
    <Col xs={12} md={6}>
      <div data-testid={testId}>
        <Statistic title={title} value={value} loading={isFetching && !data} />
      </div>
    </Col>
  );
  return (
    <PageCard title={t('aftersales.report.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <DateRangeField
          aria-label={t('reports.range')}
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')])}
        />
      </Space>
      {error && <Typography.Paragraph type="danger">{errorMessage(t, error)}</Typography.Paragraph>}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {figure('as-returns', t('aftersales.report.returns'), data?.returns.count ?? '—')}
        {figure('as-tickets', t('aftersales.report.tickets'), data?.tickets.count ?? '—')}
        {figure('as-open', t('aftersales.report.open'), data?.tickets.open ?? '—')}
        {figure('as-sla', t('aftersales.report.slaMet'), pct(data?.tickets.slaMet))}
        {figure(
          'as-rating',
          t('aftersales.report.average'),
          data?.ratings.average === null || data?.ratings.average === undefined
            ? '—'
            : data.ratings.average.toLocaleString(i18n.language, { maximumFractionDigits: 2 }),
        )}
        {figure('as-ratings', t('aftersales.report.ratings'), data?.ratings.count ?? '—')}
      </Row>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card size="small" title={t('aftersales.report.byProduct')}>
          <Table<Report['returns']['byProduct'][number]>
            rowKey="productId"
            size="small"
            loading={isFetching}
            dataSource={data?.returns.byProduct ?? []}
            pagination={false}
            scroll={{ x: true }}
            data-testid="as-by-product"
            columns={[
              { title: t('products.sku'), dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
              { title: t('aftersales.report.product'), dataIndex: 'name', responsive: ['sm'] },
              { title: t('aftersales.report.returned'), dataIndex: 'returned', align: 'right' },
              { title: t('aftersales.report.shipped'), dataIndex: 'shipped', align: 'right', responsive: ['sm'] },
              {
                title: t('aftersales.report.returnRate'),
                render: (_, r) => pct(r.rate),
                align: 'right',
                onCell: () => ({ style: nowrap }),
              },
            ]}
          />
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12}>
            <Card size="small" title={t('aftersales.report.byReason')}>
              <Table<Report['returns']['byReason'][number]>
                rowKey="reason"
                size="small"
                loading={isFetching}
                dataSource={data?.returns.byReason ?? []}
                pagination={false}
                data-testid="as-by-reason"
                columns={[
                  {
                    title: t('aftersales.report.reason'),
                    render: (_, r) => t(`aftersales.returns.reasons.${r.reason}`),
                  },
                  { title: t('aftersales.report.count'), dataIndex: 'returns', align: 'right' },
                  { title: t('aftersales.report.units'), dataIndex: 'units', align: 'right' },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} md={12}>
            <Card size="small" title={t('aftersales.report.byKind')}>
              <Table<Report['tickets']['byKind'][number]>
                rowKey="kind"
                size="small"
                loading={isFetching}
                dataSource={data?.tickets.byKind ?? []}
                pagination={false}
                data-testid="as-by-kind"
                columns={[
                  { title: t('aftersales.report.kind'), render: (_, r) => t(`aftersales.tickets.kinds.${r.kind}`) },
                  { title: t('aftersales.report.tickets'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      </Space>
    </PageCard>
  );
}
