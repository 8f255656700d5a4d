/**
 * The carriers a Chinese company ships with (快递公司), each with where a customer looks a parcel up.
 * The tracking link goes to kuaidi100's public lookup, which covers all of them by one URL shape.
 */
export const carrierCodes = ['SF', 'ZTO', 'YTO', 'STO', 'YD', 'JD', 'EMS', 'DBL', 'other'] as const;
export type CarrierCode = (typeof carrierCodes)[number];

export const carriers: Record<Exclude<CarrierCode, 'other'>, { 'zh-CN': string; en: string; kuaidi100: string }> = {
  SF: { 'zh-CN': '顺丰速运', en: 'SF Express', kuaidi100: 'shunfeng' },
  ZTO: { 'zh-CN': '中通快递', en: 'ZTO Express', kuaidi100: 'zhongtong' },
  YTO: { 'zh-CN': '圆通速递', en: 'YTO Express', kuaidi100: 'yuantong' },
  STO: { 'zh-CN': '申通快递', en: 'STO Express', kuaidi100: 'shentong' },
  YD: { 'zh-CN': '韵达快递', en: 'Yunda Express', kuaidi100: 'yunda' },
  JD: { 'zh-CN': '京东物流', en: 'JD Logistics', kuaidi100: 'jd' },
  EMS: { 'zh-CN': '中国邮政 EMS', en: 'China Post EMS', kuaidi100: 'ems' },
  DBL: { 'zh-CN': '德邦快递', en: 'Deppon', kuaidi100: 'debangkuaidi' },
};

/** Where the customer (or the clerk) sees where the parcel is; none for another carrier. */
export function trackingUrl(code: CarrierCode | null | undefined, number: string | null | undefined): string | null {
  if (!code || code === 'other' || !number) return null;
  return `https://www.kuaidi100.com/chaxun?com=${carriers[code].kuaidi100}&nu=${encodeURIComponent(number)}`;
}

export const trackingStatuses = ['in_transit', 'out_for_delivery', 'delivered', 'exception'] as const;
