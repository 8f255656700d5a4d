import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { Steps } from '../../kit/Timeline.tsx';
import { Card } from '../../kit/Card.tsx';
import { Table } from '../../kit/Table.tsx';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { mayDecide } from '#shared/domain/approval.ts';
import { call, openPrintable, type Output } from '../../api.ts';
import { useAuth, useBaseCurrency } from '../../auth.tsx';
import { usePeople } from '../../components/people.tsx';
import { useWarehouses } from '../../components/pickers.tsx';
import { errorMessage } from '../../errors.ts';
import { formatDateTime, formatMoney } from '../../format.ts';
import { CardTable, nowrap } from '../../kit/CardTable.tsx';
import { HeaderCard } from '../../kit/HeaderCard.tsx';
import { ModalForm } from '../../kit/ModalForm.tsx';
import { PageHeading } from '../../kit/PageHeading.tsx';
import { readAll } from '../../kit/useCursorList.ts';
import { billColor, poColor } from '../../status.ts';

type PurchaseOrder = Output<'getPurchaseOrder'>;
type Action = 'submit' | 'approve' | 'cancel' | 'close';

/** The bills a purchase order's receipts made (the list is by supplier; the order's are picked from it). */
function OrderBills({ po }: { po: PurchaseOrder }) {
  const { t } = useTranslation();
  const received = po.lines.some((l) => l.received > 0);
  const bills = useQuery({
    queryKey: ['bills', { supplierId: po.supplierId, purchaseOrderId: po.id, version: po.version }],
    enabled: received,
    queryFn: async () =>
      (
        await readAll((cursor) => call('listBills', { query: { supplierId: po.supplierId, cursor, limit: 100 } }))
      ).filter((b) => b.purchaseOrderId === po.id),
  });
  if (!received) return null;
  return (
    <Card title={t('purchasing.bills')}>
      <Table
        rowKey="id"
        size="small"
        loading={bills.isFetching}
        dataSource={bills.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        data-testid="po-bills"
        locale={{ emptyText: t('purchasing.noBills') }}
        columns={[
          {
            title: t('purchasing.billNumber'),
            render: (_, b) => <Link to={`/bills/${b.id}`}>{b.number}</Link>,
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.status'),
            render: (_, b) => <Tag color={billColor[b.status]}>{t(`purchasing.billStatuses.${b.status}`)}</Tag>,
          },
          {
            title: t('purchasing.total'),
            render: (_, b) => formatMoney(b.total, b.currency),
            align: 'right',
            onCell: () => ({ style: nowrap }),
          },
          {
            title: t('purchasing.amountDue'),
            render: (_, b) => formatMoney(b.amountDue, b.currency),
            align: 'right',
            responsive: ['sm'],
          },
          { title: t('purchasing.dueDate'), dataIndex: 'dueDate', responsive: ['md'] },
        ]}
      />
    </Card>
  );
}

/** 采购订单: its lines with what was received, its approval, and what may be done with it now. */
export function PurchaseOrderPage() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const { id } = useParams();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseCurrency = useBaseCurrency();
  const people = usePeople();
  const warehouses = useWarehouses();
  const [rejecting, setRejecting] = useState(false);
  const order = useQuery({
    queryKey: ['purchase-order', id],
    queryFn: () => call('getPurchaseOrder', { params: { id: id! } }),
  });
  const updated = (next: PurchaseOrder) => {
    queryClient.setQueryData(['purchase-order', id], next);
    void queryClient.invalidateQueries({ queryKey: ['purchase-orders'] });
    void queryClient.invalidateQueries({ queryKey: ['suggestions'] });
  };
  const act = useMutation({
    mutationFn: (action: Action) => {
      const common = { params: { id: order.data!.id }, ifMatch: order.data!.version };
      switch (action) {
        case 'submit':
          return call('submitPurchaseOrder', common);
        case 'approve':
          return call('approvePurchaseOrder', { ...common, body: {} });
        case 'cancel':
          return call('cancelPurchaseOrder', common);
        default:
          return call('closePurchaseOrder', common);
      }
    },
    onSuccess: updated,
    onError: (e) => message.error(errorMessage(t, e)),
  });
  if (order.isLoading) return <Spin />;
  if (!order.data) return <Alert type="error" title={errorMessage(t, order.error)} />;
  const po = order.data;
  const money = (a: number) => formatMoney(a, po.currency);
  const current = po.approval.steps.findIndex((s) => s.decision === null);
  const step = po.approval.steps[current];
  const mayDecideStep = po.status === 'pending_approval' && step !== undefined && mayDecide(step, me?.role ?? null);
  const receivable = po.status === 'approved' || po.status === 'partially_received';
  const confirm = (action: 'cancel' | 'close') =>
    modal.confirm({
      title: t(`purchasing.${action}`),
      content: t(action === 'cancel' ? 'purchasing.cancelConfirm' : 'purchasing.closeConfirm'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      onOk: () => act.mutateAsync(action),
    });
  const button = (action: Action, show: boolean, primary = false, onClick?: () => void) =>
    show && (
      <Button
        key={action}
        type={primary ? 'primary' : 'default'}
        danger={action === 'cancel'}
        loading={act.isPending && act.variables === action}
        onClick={onClick ?? (() => act.mutate(action))}
        data-testid={`po-${action}`}
      >
        {t(`purchasing.${action}`)}
      </Button>
    );
  const print = async () => {
    try {
      await openPrintable('printPurchaseOrder', {
        params: { id: po.id },
        query: { lang: i18n.language === 'en' ? 'en' : 'zh-CN' },
      });
    } catch (e) {
      message.error(errorMessage(t, e));
    }
  };
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <HeaderCard
        title={
          <Space wrap>
            <PageHeading testId="po-number">{po.number}</PageHeading>
            <Tag color={poColor[po.status]} data-testid="po-status">
              {t(`purchasing.statuses.${po.status}`)}
            </Tag>
          </Space>
        }
        actions={
          <Space wrap>
            {button('submit', po.status === 'draft' && can('submitPurchaseOrder'), true)}
            {button('approve', mayDecideStep && can('approvePurchaseOrder'), true)}
            {mayDecideStep && can('rejectPurchaseOrder') && (
              <Button danger onClick={() => setRejecting(true)} data-testid="po-reject">
                {t('purchasing.reject')}
              </Button>
            )}
            {receivable && can('receivePurchaseOrder') && (
              <Button
                type="primary"
                onClick={() => navigate(`/purchase-orders/${po.id}/receive`)}
                data-testid="po-receive"
              >
                {t('purchasing.receive')}
              </Button>
            )}
            {(po.status === 'draft' || po.status === 'rejected') && can('updatePurchaseOrder') && (
              <Button onClick={() => navigate(`/purchase-orders/${po.id}/edit`)} data-testid="po-edit">
                {t('common.edit')}
              </Button>
            )}
            {button('close', receivable && can('closePurchaseOrder'), false, () => confirm('close'))}
            {button(
              'cancel',
              ['draft', 'pending_approval', 'approved', 'rejected'].includes(po.status) && can('cancelPurchaseOrder'),
              false,
              () => confirm('cancel'),
            )}
            {can('printPurchaseOrder') && (
              <Button icon={<PrinterOutlined />} onClick={print} data-testid="po-print">
                {t('purchasing.print')}
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('purchasing.supplier')}>
            <Link to={`/suppliers/${po.supplierId}`}>{po.supplierName}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.warehouse')}>{warehouses.name(po.warehouseId)}</Descriptions.Item>
          <Descriptions.Item label={t('purchasing.total')}>
            <Typography.Text strong data-testid="po-total">
              {money(po.total)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('purchasing.currency')}>{po.currency}</Descriptions.Item>
          {po.currency !== baseCurrency && (
            <Descriptions.Item label={t('money.fxRate')}>
              {t('money.fxRateValue', { currency: po.currency, rate: po.fxRate, base: baseCurrency })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('purchasing.expectedAt')}>{po.expectedAt ?? t('common.none')}</Descriptions.Item>
          <Descriptions.Item label={t('purchasing.createdAt')}>{formatDateTime(po.createdAt)}</Descriptions.Item>
          {po.notes && <Descriptions.Item label={t('purchasing.notes')}>{po.notes}</Descriptions.Item>}
        </Descriptions>
      </HeaderCard>
      {po.status !== 'draft' && (
        <Card title={t('purchasing.approval')}>
          {po.approval.steps.length === 0 ? (
            <Typography.Text type="secondary" data-testid="po-no-approval">
              {t('purchasing.noApproval')}
            </Typography.Text>
          ) : (
            <>
              {po.approval.matchedRules.length > 0 && (
                <Typography.Paragraph type="secondary" data-testid="po-approval-rules">
                  {t('purchasing.matchedRules')}: {po.approval.matchedRules.join(' · ')}
                </Typography.Paragraph>
              )}
              <Steps
                current={current === -1 ? po.approval.steps.length : current}
                status={po.status === 'rejected' ? 'error' : undefined}
                data-testid="po-approval-steps"
                items={po.approval.steps.map((s) => ({
                  title: t(`roles.${s.role}`),
                  description: s.decision
                    ? [
                        t(s.decision === 'approved' ? 'purchasing.approve' : 'purchasing.reject'),
                        s.decidedBy ? people.nameOf(s.decidedBy) : null,
                        s.at ? formatDateTime(s.at) : null,
                        s.comment,
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : po.status === 'pending_approval'
                      ? t('purchasing.waitingFor', { role: t(`roles.${s.role}`) })
                      : undefined,
                }))}
              />
            </>
          )}
        </Card>
      )}
      <Card title={t('purchasing.lines')}>
        <CardTable
          rowKey="lineId"
          dataSource={po.lines}
          pagination={false}
          scroll={{ x: true }}
          testId="po-lines"
          card={(l) => ({
            title: (
              <span>
                {l.name} <Typography.Text type="secondary">{l.sku}</Typography.Text>
              </span>
            ),
            fields: [
              { label: t('purchasing.ordered'), value: l.quantity },
              { label: t('purchasing.received'), value: l.received },
              { label: t('purchasing.unitCost'), value: money(l.unitCost) },
              { label: t('purchasing.lineTotal'), value: money(l.total) },
            ],
          })}
          columns={[
            { title: 'SKU', dataIndex: 'sku', onCell: () => ({ style: nowrap }) },
            { title: t('purchasing.product'), dataIndex: 'name', responsive: ['md'] },
            { title: t('purchasing.ordered'), dataIndex: 'quantity', align: 'right' },
            { title: t('purchasing.received'), dataIndex: 'received', align: 'right' },
            {
              title: t('purchasing.remaining'),
              render: (_, l) => Math.max(l.quantity - l.received, 0),
              align: 'right',
              responsive: ['md'],
            },
            {
              title: t('purchasing.unitCost'),
              render: (_, l) => money(l.unitCost),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
            {
              title: t('purchasing.lineTotal'),
              render: (_, l) => money(l.total),
              align: 'right',
              onCell: () => ({ style: nowrap }),
            },
          ]}
        />
      </Card>
      {can('listBills') && <OrderBills po={po} />}
      <ModalForm<{ reason: string }, PurchaseOrder>
        open={rejecting}
        title={t('purchasing.reject')}
        okText={t('purchasing.reject')}
        submit={(v) =>
          call('rejectPurchaseOrder', { params: { id: po.id }, ifMatch: po.version, body: { reason: v.reason.trim() } })
        }
        onDone={updated}
        onClose={() => setRejecting(false)}
      >
        <Form.Item
          name="reason"
          label={t('purchasing.reason')}
          rules={[{ required: true, whitespace: true, message: t('errors.required') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="po-reject-reason" />
        </Form.Item>
      </ModalForm>
    </Space>
  );
}
