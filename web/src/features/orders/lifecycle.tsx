import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { carriers, type CarrierCode } from '#shared/domain/carriers.ts';
import { companyDay } from '#shared/domain/dates.ts';
import type { Output } from '../../api.ts';
import { useSettings } from '../../auth.tsx';

type Order = Output<'getOrder'>;

/** Today in the company's time zone (the day the server counts lateness by). */
export function useCompanyToday(): string {
  const settings = useSettings();
  return companyDay(new Date(), settings?.timeZone);
}

/** Late (逾期): confirmed or partly shipped past the day the customer asked for, as the dashboard counts it. */
export const isLate = (o: Pick<Order, 'status' | 'requestedDeliveryDate'>, today: string) =>
  (o.status === 'confirmed' || o.status === 'partially_shipped') &&
  Boolean(o.requestedDeliveryDate) &&
  o.requestedDeliveryDate! < today;

export function LateTag({ order, today }: { order: Pick<Order, 'status' | 'requestedDeliveryDate'>; today: string }) {
  const { t } = useTranslation();
  if (!isLate(order, today)) return null;
  return (
    <Tooltip title={t('orders.lateHint', { date: order.requestedDeliveryDate })}>
      <Tag color="red" data-testid="order-late">
        {t('orders.late')}
      </Tag>
    </Tooltip>
  );
}

/** A carrier's name in the reader's language; another carrier by the name it was shipped with. */
export function carrierName(code: CarrierCode | null, name: string | null, lang: string): string | null {
  if (code && code !== 'other') return carriers[code][lang === 'en' ? 'en' : 'zh-CN'];
  return name;
}

/** The known carriers for a select, in the reader's language, and "other" last. */
export const carrierOptions = (lang: string, other: string) => [
  ...(Object.keys(carriers) as Exclude<CarrierCode, 'other'>[]).map((code) => ({
    value: code as CarrierCode,
    label: carriers[code][lang === 'en' ? 'en' : 'zh-CN'],
  })),
  { value: 'other' as CarrierCode, label: other },
];
