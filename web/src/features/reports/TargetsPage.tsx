import { useState } from 'react';
import { Alert, Button, Empty, Progress, Space, Tag, Typography } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { formatMoney } from '../../format.ts';
import { PageCard } from '../../kit/PageCard.tsx';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { onDemand } from '../../kit/on-demand.tsx';

type TargetRow = Output<'getTargetReport'>['rows'][number];

// Setting the targets (a number input per person) is for managers, after a click: it loads then.
const TargetsEditor = onDemand(async () => (await import('./targets-editor.tsx')).TargetsEditor);

/** Attainment as a bar and a percentage (over 100 % when the target is beaten). */
export function Attainment({ rate, target }: { rate: number; target: number }) {
  const { t } = useTranslation();
  if (!target) return <Typography.Text type="secondary">{t('targets.noTarget')}</Typography.Text>;
  const percent = Math.round(rate * 1000) / 10;
  return (
    <Space size="small" style={{ minWidth: 140 }}>
      <Progress
        percent={Math.min(100, percent)}
        showInfo={false}
        size="small"
        status={percent >= 100 ? 'success' : 'normal'}
        style={{ width: 80, margin: 0 }}
        aria-label={t('targets.rate')}
      />
      <span style={nowrap} data-testid="attainment-rate">
        {percent}%
      </span>
    </Space>
  );
}

/** 业绩目标: a month's target, achieved sales and attainment per department and rep; managers set the targets. */
export function TargetsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [period, setPeriod] = useState(dayjs().format('YYYY-MM'));
  const [editing, setEditing] = useState(false);
  const report = useQuery({
    queryKey: ['target-report', period],
    queryFn: () => call('getTargetReport', { query: { period } }),
  });
  const currency = report.data?.currency;
  const money = (a: number) => (currency ? formatMoney(a, currency) : String(a));
  const name = (r: TargetRow) => (r.id === '—' ? t('team.noRep') : r.name);
  return (
    <PageCard
      title={t('targets.title')}
      extra={
        can('putSalesTargets') &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-targets">
            {t('targets.set')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <DateField
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
          aria-label={t('targets.month')}
          data-testid="targets-month"
        />
        <Typography.Text type="secondary">{currency && t('money.inBase', { currency })}</Typography.Text>
      </Space>
      {editing ? (
        <TargetsEditor period={period} onDone={() => setEditing(false)} />
      ) : (
        <>
          {report.error && <Alert type="error" showIcon title={errorMessage(t, report.error)} />}
          <CardTable<TargetRow>
            rowKey={(r) => `${r.kind}:${r.id}`}
            loading={report.isFetching}
            dataSource={report.data?.rows ?? []}
            pagination={false}
            scroll={{ x: true }}
            testId="targets-table"
            emptyText={<Empty description={t('targets.empty')} />}
            card={(r) => ({
              title: name(r),
              extra: <Tag>{t(`targets.kinds.${r.kind}`)}</Tag>,
              fields: [
                { label: t('targets.target'), value: r.target ? money(r.target) : t('common.none') },
                { label: t('targets.achieved'), value: money(r.achieved) },
                { label: t('targets.rate'), value: <Attainment rate={r.rate} target={r.target} /> },
              ],
            })}
            columns={[
              {
                title: t('targets.who'),
                render: (_, r) => (
                  <Space size="small" wrap>
                    <Tag>{t(`targets.kinds.${r.kind}`)}</Tag>
                    {name(r)}
                  </Space>
                ),
              },
              {
                title: t('targets.target'),
                align: 'right',
                render: (_, r) => <span style={nowrap}>{r.target ? money(r.target) : t('common.none')}</span>,
              },
              {
                title: t('targets.achieved'),
                align: 'right',
                render: (_, r) => <span style={nowrap}>{money(r.achieved)}</span>,
              },
              { title: t('targets.rate'), render: (_, r) => <Attainment rate={r.rate} target={r.target} /> },
            ]}
          />
        </>
      )}
    </PageCard>
  );
}
