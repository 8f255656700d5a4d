import { useCallback, useMemo, useState } from 'react';
import { App, Button, Grid, Segmented, Select, Space, Typography } from 'antd';
import { DateRangeField } from '../../kit/DateField.tsx';
import { Table } from '../../kit/Table.tsx';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { reportGroupings } from '#shared/api/enums.ts';
import { call, callText, downloadText, type Output } from '../../api.ts';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { Chart } from '../../components/Chart.tsx';
import { fromMinor } from '#shared/domain/money.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { nowrap } from '../../kit/CardTable.tsx';
import { useDataScope } from '../../components/people.tsx';
import { brand } from '../../theme.ts';

type Row = Output<'getSalesReport'>['rows'][number];
type Grouping = (typeof reportGroupings)[number];
/** What a rep or a department manager may group by: the product, customer, region and channel breakdowns cover the whole company. */
const scopedGroupings: readonly Grouping[] = ['day', 'week', 'month', 'rep', 'department'];

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [range, setRange] = useState<[string, string]>([
    dayjs().subtract(29, 'day').format('YYYY-MM-DD'),
    dayjs().format('YYYY-MM-DD'),
  ]);
  const [groupBy, setGroupBy] = useState<Grouping>('day');
  const scope = useDataScope();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const narrow = screens.sm === false;
  const groupings = reportGroupings.filter((g) => scope === 'all' || scopedGroupings.includes(g));
  const query = { from: range[0], to: range[1], groupBy };
  const { data, isFetching, error } = useQuery({
    queryKey: ['sales-report', query],
    queryFn: () => call('getSalesReport', { query }),
  });
  const baseCurrency = useBaseCurrency();
  const currency = data?.currency ?? baseCurrency;
  const label = useCallback(
    (r: Row) =>
      groupBy === 'channel'
        ? t(`reports.orderChannels.${r.key}`, { defaultValue: r.label })
        : (groupBy === 'rep' || groupBy === 'department') && r.key === '—'
          ? t(groupBy === 'rep' ? 'team.noRep' : 'team.noDepartment')
          : r.label,
    [groupBy, t],
  );
  const option = useMemo(() => {
    const rows = (data?.rows ?? []).slice(
      0,
      groupBy === 'day' || groupBy === 'week' || groupBy === 'month' ? undefined : 15,
    );
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map(label), axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('reports.sales'),
          type: groupBy === 'day' ? 'line' : 'bar',
          smooth: true,
          data: rows.map((r) => fromMinor(r.sales, currency)),
          itemStyle: { color: brand },
        },
      ],
    };
  }, [data, groupBy, label, t, currency]);
  const download = async () => {
    try {
      downloadText(
        await callText('exportReport', {
          params: { name: 'sales' },
          query: { ...query, lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
        }),
        `sales-${range[0]}-${range[1]}.csv`,
        'text/csv',
      );
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  return (
    <PageCard
      title={t('reports.title')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="report-export">
          {t('reports.exportCsv')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DateRangeField
          aria-label={t('reports.range')}
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(r) => r?.[0] && r[1] && setRange([r[0].format('YYYY-MM-DD'), r[1].format('YYYY-MM-DD')])}
        />
        {phone ? (
          <Select
            value={groupBy}
            onChange={(v) => setGroupBy(v)}
            aria-label={t('reports.groupBy')}
            options={groupings.map((g) => ({ value: g, label: t(`reports.groupings.${g}`) }))}
            style={{ width: 140 }}
            data-testid="report-groupby"
          />
        ) : (
          <Segmented
            value={groupBy}
            onChange={(v) => setGroupBy(v as Grouping)}
            options={groupings.map((g) => ({ value: g, label: t(`reports.groupings.${g}`) }))}
            data-testid="report-groupby"
          />
        )}
      </Space>
      {data && (
        <Typography.Paragraph type="secondary" data-testid="report-by-currency">
          {t('money.inBase', { currency })}
          {data.byCurrency.some((c) => c.currency !== currency) &&
            ` · ${t('reports.byCurrency', { list: data.byCurrency.map((c) => formatMoney(c.sales, c.currency)).join(' · ') })}`}
        </Typography.Paragraph>
      )}
      {error ? (
        <Typography.Text type="danger">{errorMessage(t, error)}</Typography.Text>
      ) : (
        <Chart option={option} testId="report-chart" />
      )}
      <Table<Row>
        rowKey="key"
        loading={isFetching}
        dataSource={data?.rows ?? []}
        size="small"
        scroll={{ x: true }}
        data-testid="report-table"
        pagination={{ pageSize: 31, hideOnSinglePage: true }}
        columns={[
          { title: t('reports.group'), render: (_, r) => label(r) },
          { title: t('reports.orders'), dataIndex: 'orders', align: 'right', onCell: () => ({ style: nowrap }) },
          {
            title: t('reports.units'),
            dataIndex: 'units',
            align: 'right',
            responsive: ['sm'],
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('reports.sales'),
            render: (_, r) => formatMoney(r.sales, currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
        ]}
        summary={() =>
          data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>{t('reports.totals')}</strong>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.totals.orders}
              </Table.Summary.Cell>
              {!narrow && (
                <Table.Summary.Cell index={2} align="right">
                  {data.totals.units}
                </Table.Summary.Cell>
              )}
              <Table.Summary.Cell index={narrow ? 2 : 3} align="right">
                <strong data-testid="report-total-sales">{formatMoney(data.totals.sales, currency)}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
      />
    </PageCard>
  );
}
