import { Button, Empty, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { stocktakeStatuses } from '#shared/api/purchasing.ts';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { CardTable } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { Pager } from '../../kit/Pager.tsx';
import { useCursorList } from '../../kit/useCursorList.ts';
import { stocktakeColor } from '../../status.ts';

type Stocktake = Output<'getStocktake'>;
type Status = (typeof stocktakeStatuses)[number];

/** 盘点: count sheets, newest first, by status or warehouse. */
export function StocktakesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const warehouses = useWarehouses();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? undefined) as Status | undefined;
  const warehouseId = params.get('warehouseId') ?? undefined;
  const setFilter = (name: 'status' | 'warehouseId', value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const list = useCursorList(['stocktakes', { status, warehouseId }], (cursor) =>
    call('listStocktakes', { query: { status, warehouseId, cursor, limit: 20 } }),
  );
  const differences = (s: Stocktake) => s.lines.filter((l) => l.difference !== 0).length;
  const link = (s: Stocktake) => (
    <Link to={`/stocktakes/${s.id}`}>
      {warehouses.name(s.warehouseId)} · {formatDateTime(s.createdAt)}
    </Link>
  );
  const statusTag = (s: Stocktake) => (
    <Tag color={stocktakeColor[s.status]}>{t(`purchasing.stocktakeStatuses.${s.status}`)}</Tag>
  );
  return (
    <PageCard
      title={t('purchasing.stocktakes')}
      extra={
        can('createStocktake') && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/stocktakes/new')}
            data-testid="new-stocktake"
          >
            {t('purchasing.newStocktake')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('purchasing.status')}
          aria-label={t('purchasing.status')}
          style={{ width: 150 }}
          value={status}
          onChange={(v) => setFilter('status', v)}
          options={stocktakeStatuses.map((s) => ({ value: s, label: t(`purchasing.stocktakeStatuses.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('inventory.warehouse')}
          aria-label={t('inventory.warehouse')}
          style={{ width: 180 }}
          value={warehouseId}
          onChange={(v) => setFilter('warehouseId', v)}
          options={warehouses.items.map((w) => ({ value: w.id, label: w.name }))}
        />
      </Space>
      {list.error && <Typography.Text type="danger">{errorMessage(t, list.error)}</Typography.Text>}
      <CardTable<Stocktake>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.items}
        pagination={false}
        scroll={{ x: true }}
        testId="stocktakes-table"
        emptyText={<Empty description={t('purchasing.noStocktakes')} />}
        card={(s) => ({
          title: link(s),
          extra: statusTag(s),
          fields: [
            { label: t('purchasing.lineCount'), value: s.lines.length },
            { label: t('purchasing.differences'), value: differences(s) },
          ],
        })}
        columns={[
          { title: t('purchasing.stocktake'), render: (_, s) => link(s) },
          { title: t('purchasing.status'), render: (_, s) => statusTag(s) },
          { title: t('purchasing.lineCount'), render: (_, s) => s.lines.length, align: 'right' },
          { title: t('purchasing.differences'), render: (_, s) => differences(s), align: 'right' },
          {
            title: t('purchasing.postedAt'),
            render: (_, s) => (s.postedAt ? formatDateTime(s.postedAt) : t('common.none')),
            responsive: ['md'],
          },
        ]}
      />
      <Pager {...list.pager} />
    </PageCard>
  );
}
