import { Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CarrierCode } from '#shared/domain/carriers.ts';
import type { Output } from '../../api.ts';
import { carrierOptions } from './lifecycle.tsx';

type Order = Output<'getOrder'>;

/** 发货: how many of each reserved line go now, and the carrier with its tracking number. */
export function ShipModal({
  order,
  onClose,
  onShip,
}: {
  order: Order;
  onClose: () => void;
  onShip: (v: {
    lines: { lineId: string; quantity: number }[];
    carrierCode?: CarrierCode;
    carrier?: string;
    trackingNumber?: string;
  }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm();
  // A known carrier gets its tracking link; another (or none chosen) is named in words.
  const carrierCode = Form.useWatch('carrierCode', form) as CarrierCode | undefined;
  const named = !carrierCode || carrierCode === 'other';
  const open_ = order.lines.filter((l) => l.reserved > 0);
  // Mounted afresh for each shipment (see the caller), so a new form starts from what is left to ship
  // now; a form instance kept across openings would keep the last shipment's quantities and carrier.
  const initialValues = Object.fromEntries(open_.map((l) => [`q_${l.lineId}`, l.reserved]));
  return (
    <Modal
      open
      title={t('orders.ship')}
      onCancel={onClose}
      okText={t('orders.ship')}
      cancelText={t('common.cancel')}
      onOk={() =>
        form.validateFields().then((v) =>
          onShip({
            lines: open_
              .map((l) => ({ lineId: l.lineId, quantity: v[`q_${l.lineId}`] as number }))
              .filter((l) => l.quantity > 0),
            carrierCode: v.carrierCode || undefined,
            carrier: named ? v.carrier?.trim() || undefined : undefined,
            trackingNumber: v.trackingNumber?.trim() || undefined,
          }),
        )
      }
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {open_.map((l) => (
          <Form.Item
            key={l.lineId}
            name={`q_${l.lineId}`}
            label={`${l.sku} · ${l.name} (${t('orders.reserved')} ${l.reserved})`}
          >
            <InputNumber min={0} max={l.reserved} precision={0} data-testid={`ship-${l.lineId}`} />
          </Form.Item>
        ))}
        <Space wrap align="start">
          <Form.Item name="carrierCode" label={t('orders.carrierCode')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 180 }}
              options={carrierOptions(i18n.language, t('orders.carrierOther'))}
              data-testid="ship-carrier-code"
            />
          </Form.Item>
          {named && (
            <Form.Item
              name="carrier"
              label={t('orders.carrierName')}
              rules={
                carrierCode === 'other' ? [{ required: true, whitespace: true, message: t('errors.required') }] : []
              }
            >
              <Input maxLength={60} data-testid="ship-carrier" />
            </Form.Item>
          )}
          <Form.Item name="trackingNumber" label={t('orders.trackingNumber')}>
            <Input maxLength={60} data-testid="ship-tracking" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
