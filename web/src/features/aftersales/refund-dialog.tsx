import { Form, Input, InputNumber, Radio } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';
import type { CreditNote } from './shared.tsx';

interface RefundValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  paidAt: dayjs.Dayjs;
}

/** 退款: paying back what the credit note left as the customer's credit. */
export function RefundModal({
  note,
  refundable,
  onDone,
  onClose,
}: {
  note: CreditNote;
  refundable: number;
  onDone: (n: CreditNote) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const currency = note.currency;
  return (
    <ModalForm<RefundValues, CreditNote>
      open
      title={t('aftersales.creditNotes.refundTitle', { amount: formatMoney(refundable, currency) })}
      okText={t('aftersales.creditNotes.refund')}
      initialValues={{ amount: fromMinor(refundable, currency), method: 'bank_transfer', paidAt: dayjs() }}
      submit={(v) =>
        call('refundCreditNote', {
          params: { id: note.id },
          ifMatch: note.version,
          body: {
            amount: { amount: toMinor(v.amount, currency), currency },
            method: v.method,
            reference: v.reference?.trim() || undefined,
            paidAt: v.paidAt.toISOString(),
          },
        })
      }
      refresh={[
        ['credit-notes'],
        ['customer-payments', note.customerId],
        ['customer-summary', note.customerId],
        ['dashboard'],
      ]}
      successMessage={t('aftersales.creditNotes.refundDone')}
      onDone={onDone}
      onClose={onClose}
    >
      <Form.Item
        name="amount"
        label={`${t('finance.amount')} (${currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          { type: 'number', min: 10 ** -minorDigits(currency), message: t('payments.positive') },
          {
            type: 'number',
            max: fromMinor(refundable, currency),
            message: t('aftersales.creditNotes.overRefund', { amount: formatMoney(refundable, currency) }),
          },
        ]}
      >
        <InputNumber min={0} precision={minorDigits(currency)} style={{ width: '100%' }} data-testid="refund-amount" />
      </Form.Item>
      <Form.Item name="method" label={t('aftersales.creditNotes.method')}>
        <Radio.Group
          optionType="button"
          options={paymentMethods.map((m) => ({ value: m, label: t(`finance.methods.${m}`) }))}
          data-testid="refund-method"
        />
      </Form.Item>
      <Form.Item name="reference" label={t('finance.reference')}>
        <Input maxLength={100} data-testid="refund-reference" />
      </Form.Item>
      <Form.Item
        name="paidAt"
        label={t('aftersales.creditNotes.paidAt')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <DateField showTime style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}
