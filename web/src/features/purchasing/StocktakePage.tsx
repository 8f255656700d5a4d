import { Alert, App, Button, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { call, type Output } from '../../api.ts';
import { useAuth } from '../../auth.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { stocktakeColor } from '../../status.ts';

type Stocktake = Output<'getStocktake'>;
type Line = Stocktake['lines'][number];

/** A difference with its sign, in red when stock is missing and green when more was found. */
function Difference({ value }: { value: number }) {
  if (value === 0) return <span>0</span>;
  return (
    <Typography.Text strong type={value < 0 ? 'danger' : 'success'} style={nowrap}>
      {value > 0 ? `+${value}` : value}
    </Typography.Text>
  );
}

/** A count sheet: each line's book quantity, count and difference (differences marked), then 过账. */
export function StocktakePage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const sheet = useQuery({ queryKey: ['stocktake', id], queryFn: () => call('getStocktake', { params: { id: id! } }) });
  const post = useMutation({
    mutationFn: (s: Stocktake) => call('postStocktake', { params: { id: s.id }, ifMatch: s.version }),
    onSuccess: (next) => {
      queryClient.setQueryData(['stocktake', id], next);
      for (const key of ['stocktakes', 'levels', 'movements', 'stock-value', 'suggestions'])
        void queryClient.invalidateQueries({ queryKey: [key] });
      message.success(t('purchasing.postedDone'));
    },
    onError: (e) => message.error(errorMessage(t, e)),
  });
  if (sheet.isLoading) return <Spin />;
  if (!sheet.data) return <Alert type="error" title={errorMessage(t, sheet.error)} />;
  const s = sheet.data;
  const differences = s.lines.filter((l) => l.difference !== 0);
  const marked = (l: Line) => (l.difference !== 0 ? { style: { background: '#fff1f0' } } : {});
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="stocktake-title">{`${t('purchasing.stocktake')} · ${warehouses.name(s.warehouseId)}`}</PageHeading>
            <Tag color={stocktakeColor[s.status]} data-testid="stocktake-status">
              {t(`purchasing.stocktakeStatuses.${s.status}`)}
            </Tag>
          </Space>
        }
        actions={
          s.status !== 'posted' &&
          can('postStocktake') && (
            <Button
              type="primary"
              loading={post.isPending}
              data-testid="stocktake-post"
              onClick={() =>
                modal.confirm({
                  title: t('purchasing.post'),
                  content: t('purchasing.postConfirm'),
                  okText: t('purchasing.post'),
                  cancelText: t('common.cancel'),
                  onOk: () => post.mutateAsync(s),
                })
              }
            >
              {t('purchasing.post')}
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, md: 4 }} size="small">
          <Descriptions.Item label={t('common.createdAt')}>{formatDateTime(s.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('purchasing.lineCount')}>{s.lines.length}</Descriptions.Item>
          <Descriptions.Item label={t('purchasing.differences')}>
            <span data-testid="stocktake-differences">{differences.length}</span>
          </Descriptions.Item>
          {s.postedAt && (
            <Descriptions.Item label={t('purchasing.postedAt')}>{formatDateTime(s.postedAt)}</Descriptions.Item>
          )}
        </Descriptions>
        {!differences.length && <Alert type="success" showIcon title={t('purchasing.noDifferences')} />}
      </HeaderCard>
      <CardTable<Line>
        rowKey="productId"
        dataSource={s.lines}
        pagination={false}
        scroll={{ x: true }}
        testId="stocktake-lines"
        onRow={marked}
        card={(l) => ({
          title: (
            <span>
              {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
            </span>
          ),
          extra: <Difference value={l.difference} />,
          fields: [
            { label: t('purchasing.expected'), value: l.expected },
            { label: t('purchasing.counted'), value: l.counted },
            { label: t('purchasing.difference'), value: <Difference value={l.difference} /> },
          ],
        })}
        columns={[
          { title: 'SKU', dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
          { title: t('purchasing.product'), dataIndex: 'name', responsive: ['sm'] },
          { title: t('purchasing.expected'), dataIndex: 'expected', align: 'right' },
          { title: t('purchasing.counted'), dataIndex: 'counted', align: 'right' },
          {
            title: t('purchasing.difference'),
            render: (_, l) => <Difference value={l.difference} />,
            align: 'right',
          },
        ]}
      />
    </Space>
  );
}
