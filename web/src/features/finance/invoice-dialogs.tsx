import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { DateField } from '../../kit/DateField.tsx';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { fapiaoTypes, paymentMethods } from '#shared/api/enums.ts';
import { call, type Output } from '../../api.ts';
import { formatMoney } from '../../format.ts';
import { fromMinor, minorDigits, toMinor } from '#shared/domain/money.ts';
import { ModalForm } from '../../kit/ModalForm.tsx';

type Invoice = Output<'getInvoice'>;

interface PaymentValues {
  amount: number;
  method: (typeof paymentMethods)[number];
  reference?: string;
  receivedAt: dayjs.Dayjs;
}

export function PaymentModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const due = fromMinor(invoice.amountDue, invoice.currency);
  return (
    <ModalForm<PaymentValues>
      open
      title={t('finance.recordPayment')}
      initialValues={{ amount: due, method: 'bank_transfer', receivedAt: dayjs() }}
      submit={(v) =>
        call('recordPayment', {
          params: { id: invoice.id },
          ifMatch: invoice.version,
          body: {
            amount: { amount: toMinor(v.amount, invoice.currency), currency: invoice.currency },
            method: v.method,
            reference: v.reference || undefined,
            receivedAt: v.receivedAt.toISOString(),
          },
        })
      }
      refresh={[
        ['invoice', invoice.id],
        ['invoices'],
        ['dashboard'],
        ['aging'],
        ['customer-payments', invoice.customerId],
      ]}
      successMessage={t('finance.paymentRecorded')}
      onClose={onClose}
    >
      <Form.Item
        name="amount"
        label={`${t('finance.amount')} (${invoice.currency})`}
        rules={[
          { required: true, message: t('errors.required') },
          {
            type: 'number',
            min: 10 ** -minorDigits(invoice.currency),
            max: due,
            message: t('finance.overpayment', { due: formatMoney(invoice.amountDue, invoice.currency) }),
          },
        ]}
      >
        <InputNumber
          min={0}
          precision={minorDigits(invoice.currency)}
          style={{ width: '100%' }}
          data-testid="payment-amount"
        />
      </Form.Item>
      <Form.Item name="method" label={t('finance.method')}>
        <Radio.Group
          optionType="button"
          options={paymentMethods.map((m) => ({ value: m, label: t(`finance.methods.${m}`) }))}
          data-testid="payment-method"
        />
      </Form.Item>
      <Form.Item name="reference" label={t('finance.reference')}>
        <Input maxLength={100} data-testid="payment-reference" />
      </Form.Item>
      <Form.Item name="receivedAt" label={t('finance.receivedAt')}>
        <DateField showTime style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}

interface FapiaoValues {
  kind: 'blue' | 'red';
  type: (typeof fapiaoTypes)[number];
  number: string;
  issuedAt: dayjs.Dayjs;
  amount: number;
}

/**
 * Records a fapiao issued in the tax system (增值税发票) against the statement: a blue one for what
 * is still to be covered (the default), or a red-letter one (红字) that takes back what was issued.
 */
export function FapiaoModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const currency = invoice.currency;
  const issued = invoice.fapiao.issuedAmount;
  const remaining = invoice.total - issued;
  return (
    <ModalForm<FapiaoValues>
      open
      title={t('fapiao.record')}
      initialValues={{
        kind: remaining > 0 ? 'blue' : 'red',
        type: invoice.buyer?.fapiaoType ?? 'e_normal',
        issuedAt: dayjs(),
        amount: fromMinor(remaining > 0 ? remaining : issued, currency),
      }}
      submit={(v) => {
        const amount = toMinor(v.amount, currency);
        return call('recordFapiao', {
          params: { id: invoice.id },
          ifMatch: invoice.version,
          body: {
            type: v.type,
            number: v.number.trim(),
            issuedAt: v.issuedAt.format('YYYY-MM-DD'),
            amount: v.kind === 'red' ? -amount : amount,
          },
        });
      }}
      refresh={[['invoice', invoice.id], ['invoices']]}
      successMessage={t('fapiao.recorded')}
      onClose={onClose}
    >
      {(form) => (
        <>
          <Form.Item name="kind" label={t('fapiao.kind')}>
            <Radio.Group
              optionType="button"
              onChange={(e) =>
                form.setFieldValue(
                  'amount',
                  fromMinor(e.target.value === 'red' ? issued : Math.max(remaining, 0), currency),
                )
              }
              options={[
                { value: 'blue', label: t('fapiao.blue'), disabled: remaining <= 0 },
                { value: 'red', label: t('fapiao.red'), disabled: issued <= 0 },
              ]}
              data-testid="fapiao-kind"
            />
          </Form.Item>
          <Form.Item name="type" label={t('fapiao.type')}>
            <Select
              options={fapiaoTypes.map((f) => ({ value: f, label: t(`billing.fapiaoTypes.${f}`) }))}
              data-testid="fapiao-type"
            />
          </Form.Item>
          <Form.Item
            name="number"
            label={t('fapiao.number')}
            rules={[
              { required: true, message: t('errors.required') },
              { pattern: /^\s*[0-9A-Za-z]{8,20}\s*$/, message: t('fapiao.numberRule') },
            ]}
          >
            <Input maxLength={20} data-testid="fapiao-number" />
          </Form.Item>
          <Form.Item
            name="issuedAt"
            label={t('fapiao.issuedAt')}
            rules={[{ required: true, message: t('errors.required') }]}
          >
            <DateField style={{ width: '100%' }} data-testid="fapiao-issued-at" />
          </Form.Item>
          <Form.Item
            name="amount"
            label={`${t('fapiao.amount')} (${currency})`}
            extra={t('fapiao.amountHint', {
              issued: formatMoney(issued, currency),
              remaining: formatMoney(remaining, currency),
            })}
            rules={[
              { required: true, message: t('errors.required') },
              { type: 'number', min: 10 ** -minorDigits(currency), message: t('payments.positive') },
            ]}
          >
            <InputNumber
              min={0}
              precision={minorDigits(currency)}
              style={{ width: '100%' }}
              data-testid="fapiao-amount"
            />
          </Form.Item>
        </>
      )}
    </ModalForm>
  );
}
