/**
 * The words of alerts, in i18next's `{{param}}` form: the server renders them for robots, email
 * and the stored message in the company's language; the web app loads the same templates.
 */
export const alertText = {
  'zh-CN': {
    kinds: {
      low_stock: '库存不足',
      invoice_overdue: '发票逾期',
      approval_waiting: '审批等待',
      order_exception: '订单异常',
      webhook_disabled: 'Webhook 已停用',
      ticket_sla_breached: '工单超时',
      order_late: '订单逾期未发',
    },
    messages: {
      low_stock: '{{sku}} {{name}} 在 {{warehouse}} 可用 {{available}}，低于安全库存 {{safetyStock}}',
      invoice_overdue: '发票 {{number}}（{{customer}}）已逾期，应收 {{amountDue}}，到期日 {{dueDate}}',
      approval_waiting: '订单 {{number}}（{{customer}}）等待「{{role}}」审批已超过 {{hours}} 小时',
      order_exception: '订单 {{number}}（{{customer}}）超出信用额度，已加入财务审批',
      webhook_disabled: 'Webhook {{url}} 已停用：{{reason}}',
      order_late: '订单 {{number}}（{{customer}}）要求 {{date}} 前交货，已发 {{shipped}} / {{ordered}}',
      ticket_sla_breached: '工单 {{number}}（{{customer}}）{{timerText}}已超时，期限 {{due}}',
      test: '这是一条 Dingo 测试通知，通道「{{channel}}」配置正确。',
    },
    title: 'Dingo 提醒',
    roles: {
      owner: '所有者',
      admin: '管理员',
      sales: '销售',
      warehouse: '仓库',
      finance: '财务',
      support: '客服',
      viewer: '只读',
    },
  },
  en: {
    kinds: {
      low_stock: 'Low stock',
      invoice_overdue: 'Invoice overdue',
      approval_waiting: 'Approval waiting',
      order_exception: 'Order exception',
      webhook_disabled: 'Webhook disabled',
      ticket_sla_breached: 'Ticket SLA missed',
      order_late: 'Order late',
    },
    messages: {
      low_stock:
        '{{sku}} {{name}} in {{warehouse}}: {{available}} available, below the safety stock of {{safetyStock}}',
      invoice_overdue: 'Invoice {{number}} ({{customer}}) is overdue: {{amountDue}} due on {{dueDate}}',
      approval_waiting:
        'Order {{number}} ({{customer}}) has waited more than {{hours}} hours for the {{role}} approval',
      order_exception: 'Order {{number}} ({{customer}}) exceeds the credit limit; a finance approval was added',
      webhook_disabled: 'Webhook {{url}} was disabled: {{reason}}',
      order_late: 'Order {{number}} ({{customer}}) was due by {{date}}; {{shipped}} of {{ordered}} shipped',
      ticket_sla_breached: 'Ticket {{number}} ({{customer}}) missed its {{timerText}} time, due {{due}}',
      test: 'This is a Dingo test notification: channel "{{channel}}" works.',
    },
    title: 'Dingo alert',
    roles: {
      owner: 'owner',
      admin: 'admin',
      sales: 'sales',
      warehouse: 'warehouse',
      finance: 'finance',
      support: 'support',
      viewer: 'viewer',
    },
  },
};

export type AlertLocale = keyof typeof alertText;

export function renderAlert(
  locale: AlertLocale,
  key: keyof (typeof alertText)['en']['messages'],
  params: Record<string, string | number>,
): string {
  return alertText[locale].messages[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
