import { useState } from 'react';
import { Alert, App, Button, InputNumber, Space, Tag } from 'antd';
import { Table } from '../../kit/Table.tsx';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call } from '../../api.ts';
import { useBaseCurrency } from '../../auth.tsx';
import { errorMessage } from '../../errors.ts';
import { useDepartments, usePeople } from '../../components/people.tsx';

/** Setting a month's targets: one amount per department and per rep, in the base currency. */
export function TargetsEditor({ period, onDone }: { period: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const currency = useBaseCurrency();
  const people = usePeople();
  const departments = useDepartments();
  const current = useQuery({
    queryKey: ['sales-targets', period],
    queryFn: () => call('getSalesTargets', { query: { period } }),
  });
  const [amounts, setAmounts] = useState<Record<string, number | null>>({});
  const stored = new Map((current.data?.targets ?? []).map((x) => [x.userId ?? x.departmentId ?? '', x.amount]));
  const amountOf = (id: string) =>
    id in amounts ? amounts[id] : stored.has(id) ? fromMinor(stored.get(id)!, currency) : null;
  const rows = [
    ...departments.items.map((d) => ({ id: d.id, kind: 'department' as const, name: d.name })),
    ...people.users
      .filter((u) => u.role === 'sales' || stored.has(u.id))
      .map((u) => ({ id: u.id, kind: 'rep' as const, name: u.name ?? u.email })),
  ];
  const save = useMutation({
    mutationFn: () =>
      call('putSalesTargets', {
        query: { period },
        ifMatch: current.data?.version,
        body: {
          targets: rows
            .map((r) => ({ r, value: amountOf(r.id) }))
            .filter(({ value }) => value !== null && value !== undefined && value > 0)
            .map(({ r, value }) => ({
              ...(r.kind === 'rep' ? { userId: r.id } : { departmentId: r.id }),
              amount: toMinor(value!, currency),
            })),
        },
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void queryClient.invalidateQueries({ queryKey: ['sales-targets'] });
      void queryClient.invalidateQueries({ queryKey: ['target-report'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
      onDone();
    },
  });
  return (
    <div data-testid="targets-editor">
      {save.error && <Alert type="error" showIcon title={errorMessage(t, save.error)} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={current.isLoading || people.loading || departments.loading}
        dataSource={rows}
        locale={{ emptyText: t('targets.nobody') }}
        columns={[
          {
            title: t('targets.who'),
            render: (_, r) => (
              <Space size="small" wrap>
                <Tag>{t(`targets.kinds.${r.kind}`)}</Tag>
                {r.name}
              </Space>
            ),
          },
          {
            title: t('targets.target'),
            render: (_, r) => (
              <InputNumber
                min={0}
                precision={minorDigits(currency)}
                value={amountOf(r.id)}
                onChange={(v) => setAmounts((a) => ({ ...a, [r.id]: v }))}
                addonAfter={currency}
                aria-label={`${t('targets.target')} · ${r.name}`}
                style={{ width: 170 }}
                data-testid={`target-${r.name}`}
              />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="targets-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </div>
  );
}
