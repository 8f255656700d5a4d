import { useState } from 'react';
import { Alert, Button, Form, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { FilePick } from '../../kit/FilePick.tsx';
import { Table } from '../../kit/Table.tsx';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, call, type Output } from '../../api.ts';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { nowrap } from '../../kit/CardTable.tsx';
import { PageCard } from '../../kit/PageCard.tsx';
import { readAll } from '../../kit/useCursorList.ts';

type Level = Output<'listLevels'>['items'][number];
type Mode = 'hand' | 'file';
interface ChosenFile {
  name: string;
  format: 'csv' | 'xlsx';
  base64: string;
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** SKU and name of each product of the sheet, one cached read each. */
function useProductNames(ids: string[]) {
  const products = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['product', id],
      queryFn: () => call('getProduct', { params: { id } }),
      staleTime: 60_000,
    })),
  });
  const byId = new Map(products.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  return (id: string) => byId.get(id);
}

/**
 * 新建盘点: choose the warehouse; its every stock level (read to the end) becomes a count sheet
 * with the book quantity and a box for what was counted. Or a count file (商品编码 and 盘点数量).
 * Nothing moves here: the sheet shows its differences before it is posted.
 */
export function StocktakeFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const warehouses = useWarehouses();
  const [mode, setMode] = useState<Mode>('hand');
  const [warehouseId, setWarehouseId] = useState<string>();
  const [counts, setCounts] = useState<Record<string, number | null>>({});
  const [file, setFile] = useState<ChosenFile>();
  const [unreadable, setUnreadable] = useState(false);
  const levels = useQuery({
    queryKey: ['levels', 'all', warehouseId],
    enabled: Boolean(warehouseId) && mode === 'hand',
    queryFn: () => readAll((cursor) => call('listLevels', { query: { warehouseId, cursor, limit: 100 } })),
  });
  const product = useProductNames((levels.data ?? []).map((l) => l.productId));
  const save = useMutation({
    mutationFn: () => {
      if (mode === 'file')
        return call('createStocktake', {
          body: { warehouseId: warehouseId!, format: file!.format, file: file!.base64 },
        });
      const lines = (levels.data ?? []).flatMap((l) => {
        const counted = counts[l.productId];
        return counted === null || counted === undefined ? [] : [{ productId: l.productId, counted }];
      });
      if (!lines.length) return Promise.reject(new ApiError(400, { code: 'nothing_counted' }));
      return call('createStocktake', { body: { warehouseId: warehouseId!, lines } });
    },
    onSuccess: (sheet) => {
      queryClient.setQueryData(['stocktake', sheet.id], sheet);
      void queryClient.invalidateQueries({ queryKey: ['stocktakes'] });
      navigate(`/stocktakes/${sheet.id}`);
    },
  });
  const fieldErrors = save.error instanceof ApiError ? (save.error.problem.errors ?? []) : [];
  const counted = Object.values(counts).filter((c) => c !== null && c !== undefined).length;
  const ready = Boolean(warehouseId) && (mode === 'file' ? Boolean(file) : counted > 0);
  return (
    <PageCard title={t('purchasing.newStocktake')}>
      <Form layout="vertical">
        <Space wrap align="end" size="middle">
          <Form.Item
            label={t('inventory.warehouse')}
            htmlFor="stocktake-warehouse"
            required
            style={{ marginBottom: 12 }}
          >
            <Select
              id="stocktake-warehouse"
              aria-label={t('inventory.warehouse')}
              style={{ width: 220 }}
              value={warehouseId}
              onChange={(v) => {
                setWarehouseId(v);
                setCounts({});
              }}
              options={warehouses.items.filter((w) => w.active).map((w) => ({ value: w.id, label: w.name }))}
              data-testid="stocktake-warehouse"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 12 }}>
            <Segmented<Mode>
              value={mode}
              onChange={setMode}
              options={[
                { value: 'hand', label: t('purchasing.byHand') },
                { value: 'file', label: t('purchasing.byFile') },
              ]}
              data-testid="stocktake-mode"
            />
          </Form.Item>
        </Space>
      </Form>
      {save.error && (
        <Alert
          type="error"
          showIcon
          style={{ margin: '12px 0' }}
          data-testid="stocktake-error"
          title={
            save.error instanceof ApiError && save.error.code === 'nothing_counted'
              ? t('purchasing.countHint')
              : errorMessage(t, save.error)
          }
          description={
            fieldErrors.length > 0 && (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {fieldErrors.map((e) => (
                  <li key={`${e.path}:${e.message}`}>
                    {e.path.replace(/^body\./, '')}: {e.message}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      {mode === 'file' ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Typography.Paragraph type="secondary">{t('purchasing.fileHint')}</Typography.Paragraph>
          <FilePick
            accept=".csv,.xlsx"
            chosen={file?.name}
            onFile={(f) => {
              setUnreadable(false);
              toBase64(f)
                .then((base64) =>
                  setFile({ name: f.name, format: f.name.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv', base64 }),
                )
                .catch(() => setUnreadable(true));
            }}
            onRemove={() => setFile(undefined)}
          >
            <Button icon={<UploadOutlined />} data-testid="stocktake-file">
              {t('purchasing.chooseFile')}
            </Button>
          </FilePick>
          {unreadable && <Alert type="error" showIcon title={t('purchasing.unreadable')} />}
        </Space>
      ) : (
        warehouseId && (
          <>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {levels.isFetching ? t('purchasing.loadingLevels') : t('purchasing.countHint')}
            </Typography.Paragraph>
            <Table<Level>
              rowKey="productId"
              size="small"
              loading={levels.isFetching}
              dataSource={levels.data ?? []}
              pagination={false}
              scroll={{ x: true }}
              data-testid="count-sheet"
              locale={{ emptyText: t('purchasing.noLevels') }}
              columns={[
                {
                  title: t('purchasing.product'),
                  render: (_, l) => {
                    const p = product(l.productId);
                    return p ? (
                      <div>
                        <div>{p.name}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {p.sku}
                        </Typography.Text>
                      </div>
                    ) : (
                      l.productId
                    );
                  },
                },
                {
                  title: t('purchasing.expected'),
                  dataIndex: 'onHand',
                  align: 'right',
                  onCell: () => ({ style: nowrap }),
                },
                {
                  title: t('purchasing.counted'),
                  render: (_, l) => (
                    <InputNumber
                      min={0}
                      precision={0}
                      value={counts[l.productId]}
                      onChange={(v) => setCounts((c) => ({ ...c, [l.productId]: v }))}
                      aria-label={`${t('purchasing.counted')} ${product(l.productId)?.sku ?? l.productId}`}
                      style={{ width: 100 }}
                      data-testid={`count-${product(l.productId)?.sku ?? l.productId}`}
                    />
                  ),
                },
              ]}
            />
          </>
        )
      )}
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          disabled={!ready}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="stocktake-save"
        >
          {t('purchasing.saveStocktake')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
      </Space>
    </PageCard>
  );
}
