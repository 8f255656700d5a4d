import { useMemo } from 'react';
import { Button, Col, Empty, Progress, Row, Space, Statistic, Tag, Typography } from 'antd';
import { List } from '../../kit/List.tsx';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { call } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { formatMoney } from '../../format.ts';
import { Chart } from '../../components/Chart.tsx';
import { GettingStarted } from '../../components/GettingStarted.tsx';
import { fromMinor } from '#shared/domain/money.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { currencyName } from '../../currencies.ts';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { brand } from '../../theme.ts';

export function DashboardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me, can } = useAuth();
  // After-sales at a glance for who works the tickets.
  const seesTickets = ['owner', 'admin', 'support'].includes(me?.role ?? '') && can('listTickets');
  const { data } = useQuery({ queryKey: ['dashboard'], queryFn: () => call('getDashboard'), refetchInterval: 30_000 });
  const baseCurrency = useBaseCurrency();
  const currency = data?.currency ?? baseCurrency;
  const money = (a: number) => formatMoney(a, currency);
  // The figures are in the base currency; what was sold or is owed in others is shown in them too.
  const foreign = (data?.byCurrency ?? []).filter((r) => r.currency !== currency);
  const trend = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: (data?.trend ?? []).map((d) => d.date.slice(5)) },
      yAxis: [{ type: 'value' }, { type: 'value', splitLine: { show: false } }],
      series: [
        {
          name: t('dashboard.sales'),
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.15 },
          data: (data?.trend ?? []).map((d) => fromMinor(d.sales, currency)),
          itemStyle: { color: brand },
        },
        {
          name: t('dashboard.payments'),
          type: 'line',
          smooth: true,
          data: (data?.trend ?? []).map((d) => fromMinor(d.payments, currency)),
          itemStyle: { color: '#389e0d' },
        },
        {
          name: t('dashboard.orders'),
          type: 'bar',
          yAxisIndex: 1,
          data: (data?.trend ?? []).map((d) => d.orders),
          itemStyle: { color: '#ffd591' },
        },
      ],
    }),
    [data, t, currency],
  );
  const bars = (rows: { label: string; sales: number }[]) => ({
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', splitNumber: 3, axisLabel: { hideOverlap: true } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { width: 110, overflow: 'truncate' },
    },
    series: [
      {
        name: t('dashboard.sales'),
        type: 'bar',
        data: rows.map((r) => fromMinor(r.sales, currency)),
        itemStyle: { color: '#fa8c16' },
      },
    ],
  });
  const funnel = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 8,
          right: 96,
          top: 8,
          bottom: 8,
          label: { formatter: '{b}: {c}' },
          data: (data?.funnel ?? [])
            .filter((f) => !['cancelled', 'rejected'].includes(f.stage))
            .map((f) => ({ name: t(`dashboard.stages.${f.stage}`), value: f.count })),
        },
      ],
    }),
    [data, t],
  );
  const figure = (
    title: string,
    value: string | number,
    hint: string,
    testId: string,
    options: { to?: string; danger?: boolean; valueTestId?: string } = {},
  ) => (
    <Col xs={12} md={6}>
      <Card size="small">
        {options.to ? (
          <Link to={options.to} data-testid={options.valueTestId && `${options.valueTestId}-link`}>
            <Statistic
              title={title}
              value={value}
              valueStyle={{ color: options.danger ? '#cf1322' : undefined }}
              valueRender={(node) => <span data-testid={options.valueTestId}>{node}</span>}
            />
          </Link>
        ) : (
          <Statistic title={title} value={value} />
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={testId}>
          {hint}
        </Typography.Text>
      </Card>
    </Col>
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap align="center">
          <PageHeading>{t('dashboard.welcome', { name: me?.user.name ?? me?.user.email })}</PageHeading>
          {data && (
            <Tag color={data.scope === 'all' ? 'default' : 'blue'} data-testid="dashboard-scope">
              {t(`dashboard.scopes.${data.scope}`)}
            </Tag>
          )}
        </Space>
        <Space wrap>
          {can('createOrder') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/orders/new')}>
              {t('orders.new')}
            </Button>
          )}
          {can('createCustomer') && (
            <Button icon={<PlusOutlined />} onClick={() => navigate('/customers/new')}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      </Space>
      <GettingStarted />
      <Row gutter={[12, 12]} data-testid="dashboard-figures">
        {figure(
          t('dashboard.salesToday'),
          money(data?.sales.today ?? 0),
          t('dashboard.vsYesterday', { value: money(data?.sales.yesterday ?? 0) }),
          'sales-today',
        )}
        {figure(
          t('dashboard.ordersToday'),
          data?.orders.today ?? 0,
          t('dashboard.vsYesterday', { value: data?.orders.yesterday ?? 0 }),
          'orders-today',
        )}
        {figure(
          t('dashboard.paymentsToday'),
          money(data?.payments.today ?? 0),
          t('dashboard.vsYesterday', { value: money(data?.payments.yesterday ?? 0) }),
          'payments-today',
        )}
        {figure(
          t('dashboard.salesThisMonth'),
          money(data?.sales.thisMonth ?? 0),
          t('dashboard.vsLastMonth', { value: money(data?.sales.lastMonth ?? 0) }),
          'sales-month',
        )}
        {data &&
          ['owner', 'admin', 'finance'].includes(me?.role ?? '') &&
          figure(
            t('dashboard.grossMarginMonth'),
            money(data.grossMargin.thisMonth),
            t('dashboard.vsLastMonth', { value: money(data.grossMargin.lastMonth) }),
            'margin-month',
          )}
        {data &&
          figure(t('dashboard.lateOrders'), data.lateOrders, t('dashboard.lateOrdersHint'), 'late-orders-hint', {
            to: '/orders?late=1',
            danger: data.lateOrders > 0,
            valueTestId: 'late-orders',
          })}
      </Row>
      {data && seesTickets && (
        <Card
          size="small"
          title={t('dashboard.afterSales')}
          extra={<Link to="/tickets">{t('nav.tickets')}</Link>}
          data-testid="dashboard-aftersales"
        >
          <Row gutter={[12, 12]}>
            <Col xs={12} md={4}>
              <Link to="/tickets">
                <Statistic title={t('dashboard.openTickets')} value={data.afterSales.openTickets} />
              </Link>
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('dashboard.myOpenTickets')} value={data.afterSales.myOpenTickets} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic
                title={t('dashboard.breachedTickets')}
                value={data.afterSales.breachedTickets}
                valueStyle={{ color: data.afterSales.breachedTickets ? '#cf1322' : undefined }}
              />
            </Col>
            <Col xs={12} md={4}>
              <Link to="/returns">
                <Statistic title={t('dashboard.returnsWaiting')} value={data.afterSales.returnsWaiting} />
              </Link>
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('dashboard.averageRating')}
                value={data.afterSales.averageRating === null ? '—' : data.afterSales.averageRating.toFixed(1)}
                suffix={data.afterSales.averageRating === null ? undefined : '/ 5'}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {data.afterSales.ratings
                  ? t('dashboard.ratingsCount', { count: data.afterSales.ratings })
                  : t('dashboard.noRatings')}
              </Typography.Text>
            </Col>
          </Row>
        </Card>
      )}
      {data && (data.target || data.scope !== 'all') && (
        <Card size="small" title={t('dashboard.target')} extra={<Link to="/targets">{t('nav.targets')}</Link>}>
          {data.target ? (
            <Row gutter={[12, 12]} align="middle" data-testid="dashboard-target">
              <Col xs={24} md={12}>
                <Progress
                  percent={Math.min(100, Math.round(data.target.rate * 1000) / 10)}
                  format={() => `${Math.round(data.target!.rate * 1000) / 10}%`}
                  strokeColor={brand}
                  aria-label={t('targets.rate')}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('targets.achieved')} value={money(data.target.achieved)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('targets.target')} value={money(data.target.target)} />
              </Col>
            </Row>
          ) : (
            <Typography.Text type="secondary" data-testid="dashboard-target">
              {t('dashboard.noTarget')}
            </Typography.Text>
          )}
        </Card>
      )}
      <Typography.Text type="secondary" data-testid="dashboard-base">
        {t('money.inBase', { currency })}
      </Typography.Text>
      {foreign.length > 0 && (
        <Card size="small" title={t('dashboard.byCurrency')} data-testid="dashboard-by-currency">
          <Table
            rowKey="currency"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={data?.byCurrency ?? []}
            columns={[
              { title: t('money.currency'), render: (_, r) => `${r.currency} · ${currencyName(r.currency)}` },
              {
                title: t('dashboard.salesThisMonth'),
                render: (_, r) => formatMoney(r.salesThisMonth, r.currency),
                align: 'right',
              },
              {
                title: t('dashboard.openReceivables'),
                render: (_, r) => formatMoney(r.openReceivables, r.currency),
                align: 'right',
              },
              {
                title: t('dashboard.overdue'),
                render: (_, r) => formatMoney(r.overdueReceivables, r.currency),
                align: 'right',
              },
            ]}
          />
        </Card>
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('dashboard.trend')}>
            <Chart option={trend} height={280} testId="trend-chart" />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('dashboard.receivables')} extra={<Link to="/receivables">{t('nav.aging')}</Link>}>
            <Row gutter={12}>
              <Col span={12}>
                <Statistic title={t('dashboard.openReceivables')} value={money(data?.receivables.open.amount ?? 0)} />
              </Col>
              <Col span={12}>
                <Statistic
                  title={t('dashboard.overdue')}
                  value={money(data?.receivables.overdue.amount ?? 0)}
                  valueStyle={{ color: data?.receivables.overdue.amount ? '#cf1322' : undefined }}
                />
              </Col>
              <Col span={12} style={{ marginTop: 12 }}>
                <Statistic title={t('dashboard.overdueInvoices')} value={data?.receivables.overdueInvoices ?? 0} />
              </Col>
              <Col span={12} style={{ marginTop: 12 }}>
                <Link to="/alerts">
                  <Statistic
                    title={t('dashboard.openAlerts')}
                    value={data?.alerts.open ?? 0}
                    valueStyle={{ color: data?.alerts.open ? brand : undefined }}
                  />
                </Link>
              </Col>
            </Row>
          </Card>
        </Col>
        {/* The company-wide rankings: a rep or a manager sees their own figures, not these. */}
        {data?.scope !== 'department' && data?.scope !== 'own' && (
          <>
            <Col xs={24} md={12} lg={8}>
              <Card size="small" title={t('dashboard.topProducts')}>
                {data?.topProducts.length ? (
                  <Chart option={bars(data.topProducts)} height={220} testId="top-products" />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
              </Card>
            </Col>
            <Col xs={24} md={12} lg={8}>
              <Card size="small" title={t('dashboard.topCustomers')}>
                {data?.topCustomers.length ? (
                  <Chart option={bars(data.topCustomers)} height={220} testId="top-customers" />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
              </Card>
            </Col>
          </>
        )}
        <Col xs={24} md={12} lg={8}>
          <Card size="small" title={t('dashboard.funnel')}>
            <Chart option={funnel} height={220} testId="funnel" />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('dashboard.slowMovers')}>
            <List
              size="small"
              dataSource={data?.slowMovers ?? []}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              renderItem={(p) => (
                <List.Item extra={`${t('dashboard.onHand')} ${p.onHand}`}>
                  {p.sku} {p.name}
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('dashboard.quick')}>
            <Space direction="vertical">
              <Statistic title={t('dashboard.createdThisMonth')} value={data?.customers.createdThisMonth ?? 0} />
              <Link to="/reports">{t('reports.title')}</Link>
            </Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
