/**
 * What a person is told when something concerns them (the inbox, their email, a robot @mention),
 * in i18next's `{{param}}` form: the server renders them for mail and robots in the company's
 * language; the web app shows the inbox in the reader's language from the same templates.
 */
export const notificationKinds = [
  'approval_requested',
  'order_approved',
  'order_rejected',
  'order_shipped',
  'order_delivered',
  'invoice_paid',
  'follow_up_due',
  'ticket_assigned',
  'ticket_rated',
  'return_requested',
  'rule_matched',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notificationText = {
  'zh-CN': {
    approval_requested: '订单 {{number}}（{{customer}}，{{amount}}）等待您审批',
    order_approved: '订单 {{number}}（{{customer}}）已审批通过',
    order_rejected: '订单 {{number}}（{{customer}}）被驳回：{{reason}}',
    order_shipped: '订单 {{number}}（{{customer}}）已发货',
    order_delivered: '订单 {{number}}（{{customer}}）已送达',
    invoice_paid: '{{customer}} 的结算单 {{number}} 已收齐款项 {{amount}}',
    follow_up_due: '该跟进客户 {{customer}} 了：{{note}}',
    ticket_assigned: '工单 {{number}}（{{customer}}）分配给您：{{subject}}',
    ticket_rated: '{{customer}} 给工单 {{number}} 打了 {{score}} 星：{{comment}}',
    return_requested: '{{customer}} 申请退货 {{number}}（订单 {{order}}，{{amount}}），等待审批',
    rule_matched: '「{{rule}}」{{number}} {{customer}} {{amount}}',
  },
  en: {
    approval_requested: 'Order {{number}} ({{customer}}, {{amount}}) waits for your approval',
    order_approved: 'Order {{number}} ({{customer}}) was approved',
    order_rejected: 'Order {{number}} ({{customer}}) was rejected: {{reason}}',
    order_shipped: 'Order {{number}} ({{customer}}) has shipped',
    order_delivered: 'Order {{number}} ({{customer}}) was delivered',
    invoice_paid: 'Statement {{number}} of {{customer}} is paid in full ({{amount}})',
    follow_up_due: 'Time to follow up with {{customer}}: {{note}}',
    ticket_assigned: 'Ticket {{number}} ({{customer}}) is yours: {{subject}}',
    ticket_rated: '{{customer}} rated ticket {{number}} {{score}} stars: {{comment}}',
    return_requested: '{{customer}} asks to return {{number}} (order {{order}}, {{amount}}); it waits for approval',
    rule_matched: '"{{rule}}": {{number}} {{customer}} {{amount}}',
  },
} as const satisfies Record<'zh-CN' | 'en', Record<NotificationKind, string>>;

export function renderNotification(
  locale: 'zh-CN' | 'en',
  kind: NotificationKind,
  params: Record<string, string | number>,
): string {
  return notificationText[locale][kind].replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(params[k] ?? ''));
}
