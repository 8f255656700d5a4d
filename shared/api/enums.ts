/**
 * The API's closed sets of values, as plain constants: the zod schemas build on them and the
 * web app imports them without pulling in zod.
 */
export const roles = ['owner', 'admin', 'sales', 'warehouse', 'finance', 'support', 'viewer'] as const;
export const scopes = [
  'orders:read',
  'orders:write',
  'customers:read',
  'customers:write',
  'inventory:read',
  'inventory:write',
  'finance:read',
  'finance:write',
  'webhooks:manage',
  'reports:read',
] as const;
export const locales = ['zh-CN', 'en'] as const;
export const customerKinds = ['company', 'person'] as const;
export const customerStages = ['lead', 'prospect', 'customer', 'inactive'] as const;
export const noteChannels = ['call', 'visit', 'wechat', 'email', 'meeting', 'other'] as const;
export const invoicingPolicies = ['on_confirm', 'on_shipment'] as const;
export const userStatuses = ['invited', 'active'] as const;
export const movementKinds = ['receipt', 'adjustment', 'transfer'] as const;
/** Ledger rows: the three a person records, and the ones orders cause. */
export const ledgerKinds = [
  'receipt',
  'adjustment',
  'transfer_out',
  'transfer_in',
  'reservation',
  'release',
  'shipment',
  'return',
] as const;
export const orderStatuses = [
  'draft',
  'pending_approval',
  'confirmed',
  'partially_shipped',
  'shipped',
  'delivered',
  'completed',
  'rejected',
  'cancelled',
] as const;
export const orderChannels = ['manual', 'import', 'api', 'webshop'] as const;
export const priceRules = ['customer_list', 'tier_list', 'product_default', 'manual'] as const;
export const importKinds = ['orders', 'customers', 'products', 'stock'] as const;
export const importFormats = ['csv', 'xlsx'] as const;
export const importStatuses = ['queued', 'running', 'completed', 'failed'] as const;
/** Why an import row was refused, for translation; otherwise a row carries a validation code or the API's problem code. */
export const importProblems = [
  'required',
  'customer_not_found',
  'product_not_found',
  'whole_number',
  'price',
  'formula_without_value',
  'warehouse_not_found',
  'invalid_custom_field',
] as const;
/** What an import tells about the file without refusing a row. */
export const importWarnings = ['unknown_column'] as const;
/** zod's issue codes, which field errors (400 `errors[].code`) and import rows carry for translation. */
export const validationCodes = [
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_value',
  'invalid_format',
  'invalid_union',
  'invalid_key',
  'invalid_element',
  'unrecognized_keys',
  'not_multiple_of',
  'custom',
] as const;
export const invoiceStatuses = ['open', 'partially_paid', 'paid', 'overdue', 'void'] as const;
/** 专票, 普票, and their electronic (全电) forms. */
export const fapiaoTypes = ['vat_special', 'vat_normal', 'e_special', 'e_normal'] as const;
export const fapiaoStatuses = ['not_requested', 'requested', 'issued', 'red_flushed'] as const;
export const paymentStatuses = ['received', 'reversed'] as const;
export const paymentMethods = ['bank_transfer', 'alipay', 'wechat_pay', 'cash', 'card', 'other'] as const;
/** How money a customer is owed is settled: the methods above, or a credit note (红字) that settles invoices itself. */
export const settlementMethods = [...paymentMethods, 'credit_note'] as const;
export const returnReasons = ['damaged', 'wrong_item', 'quality', 'not_needed', 'expired', 'other'] as const;
export const returnResolutions = ['refund', 'credit', 'exchange', 'repair'] as const;
export const returnStatuses = ['requested', 'approved', 'received', 'closed', 'rejected', 'cancelled'] as const;
export const dispositions = ['restock', 'scrap', 'repair'] as const;
export const ticketKinds = ['complaint', 'inquiry', 'repair', 'return', 'other'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketStatuses = ['open', 'in_progress', 'waiting_customer', 'resolved', 'closed'] as const;
export const ticketChannels = ['phone', 'wechat', 'email', 'visit', 'web', 'other'] as const;
export const alertKinds = [
  'low_stock',
  'invoice_overdue',
  'approval_waiting',
  'order_exception',
  'webhook_disabled',
  'ticket_sla_breached',
  'order_late',
] as const;
export const alertSeverities = ['info', 'warning', 'critical'] as const;
export const alertStatuses = ['open', 'acknowledged'] as const;
export const channelKinds = ['email', 'webhook', 'dingtalk', 'wecom', 'feishu'] as const;
export const reportGroupings = [
  'day',
  'week',
  'month',
  'product',
  'customer',
  'region',
  'channel',
  'rep',
  'department',
] as const;
export const agingBuckets = ['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus'] as const;
export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
/** The event types partners can receive (webhooks, event log); the event catalog checks it lists exactly these. */
export const publicEventTypeNames = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.updated',
  'order.submitted',
  'order.approval_requested',
  'order.approved',
  'order.rejected',
  'order.confirmed',
  'order.cancelled',
  'order.backorder_filled',
  'order.revised',
  'order.shipped',
  'order.delivered',
  'order.completed',
  'inventory.level_changed',
  'inventory.low_stock',
  'import.requested',
  'import.completed',
  'invoice.created',
  'invoice.paid',
  'invoice.overdue',
  'payment.received',
  'payment.allocated',
  'payment.reversed',
  'report.generated',
  'purchase_order.submitted',
  'purchase_order.approved',
  'purchase_order.received',
  'purchase_order.closed',
  'bill.created',
  'bill.paid',
  'stocktake.posted',
  'return.requested',
  'return.approved',
  'return.received',
  'return.closed',
  'credit_note.issued',
  'refund.paid',
  'ticket.created',
  'ticket.assigned',
  'ticket.resolved',
  'ticket.rated',
] as const;
