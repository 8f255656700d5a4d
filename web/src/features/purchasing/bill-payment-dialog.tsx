import { Form, Input, InputNumber, Radio } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { paymentMethods } from '#shared/api/enums.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { call, type Output } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';

type Bill = Output<'getBill'>;

interface PayValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  paidAt: dayjs.Dayjs;
}

/** 付款: what is due by default, how, the bank's reference and when. */
export function PayModal({ bill, onClose }: { bill: Bill; onClose: () => void }) {
  const { t } = useTranslation();
  const due = fromMinor(bill.amountDue, bill.currency);
  return (
    <ModalForm<PayValues>
      open
      title={t('purchasing.payTitle', { number: bill.number })}
      okText={t('purchasing.pay')}
      initialValues={{ amount: due, method: 'bank_transfer', paidAt: dayjs() }}
      submit={(v) =>
        call('payBill', {
          params: { id: bill.id },
          ifMatch: bill.version,
          body: {
            amount: { amount: toMinor(v.amount, bill.currency), currency: bill.currency },
            method: v.method,
            reference: v.reference?.trim() || undefined,
            paidAt: v.paidAt.toISOString(),
          },
        })
      }
      refresh={[['bill', bill.id], ['bills'], ['payables']]}
      successMessage={t('purchasing.paymentRecorded')}
      onClose={onClose}
    >
      <Form.Item
        name="amount"
        label={`${t('purchasing.amount')} (${bill.currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          {
            type: 'number',
            min: 10 ** -minorDigits(bill.currency),
            message: t('purchasing.positive'),
          },
          {
            type: 'number',
            max: due,
            message: t('purchasing.overpayment', { due: formatMoney(bill.amountDue, bill.currency) }),
          },
        ]}
      >
        <InputNumber
          min={0}
          precision={minorDigits(bill.currency)}
          style={{ width: '100%' }}
          data-testid="bill-payment-amount"
        />
      </Form.Item>
      <Form.Item name="method" label={t('purchasing.method')}>
        <Radio.Group
          optionType="button"
          options={paymentMethods.map((m) => ({ value: m, label: t(`finance.methods.${m}`) }))}
          data-testid="bill-payment-method"
        />
      </Form.Item>
      <Form.Item name="reference" label={t('purchasing.reference')}>
        <Input maxLength={100} data-testid="bill-payment-reference" />
      </Form.Item>
      <Form.Item
        name="paidAt"
        label={t('purchasing.paidAt')}
        rules={[{ required: true, message: t('errors.required') }]}
      >
        <DateField showTime style={{ width: '100%' }} data-testid="bill-payment-paid-at" />
      </Form.Item>
    </ModalForm>
  );
}
