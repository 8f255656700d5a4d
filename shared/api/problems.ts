/**
 * Every business error code the API answers with: its HTTP status, the extension members its
 * problem+json body carries, and what a person reads (zh-CN and en). One catalog, like the event
 * catalog: the server throws only these codes (typed), the OpenAPI document publishes it
 * (`x-problems`, and per route the codes it may answer), the web app shows its texts. A test fails
 * when a thrown code is missing here, or when no test provokes a code (`untestable` says why not).
 */
export interface ProblemDef {
  status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;
  text: { 'zh-CN': string; en: string };
  /** Extension members the body carries besides the RFC 9457 ones, with what each holds. */
  extensions?: Record<string, string>;
  /** Why no test provokes it (e.g. it needs a failure the local cloud cannot make). */
  untestable?: string;
}

export const problems = {
  invalid_request: {
    status: 400,
    text: { 'zh-CN': '请检查填写的内容', en: 'Please check what you entered' },
    extensions: { errors: 'one entry per bad field: path, message (English) and code (zod issue code)' },
  },
  malformed_path: {
    status: 400,
    text: { 'zh-CN': '请求地址的编码有误', en: 'The request path is malformed' },
  },
  unauthorized: { status: 401, text: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session expired; log in again' } },
  invalid_credentials: { status: 401, text: { 'zh-CN': '邮箱或密码错误', en: 'Wrong email or password' } },
  session_expired: {
    status: 401,
    text: { 'zh-CN': '会话已过期，请重新登录', en: 'The session expired; log in again' },
  },
  forbidden: { status: 403, text: { 'zh-CN': '您的角色无权执行此操作', en: 'Your role does not allow this' } },
  forbidden_for_api_keys: {
    status: 403,
    text: { 'zh-CN': 'API 密钥不能执行此操作，需由员工登录操作', en: 'API keys cannot do this; a user must' },
  },
  missing_scope: {
    status: 403,
    text: { 'zh-CN': '密钥缺少所需的权限范围', en: 'The key lacks the scope this needs' },
  },
  owner_required: {
    status: 403,
    text: { 'zh-CN': '只有所有者可以变更所有者角色', en: 'Only an owner can change the owner role' },
  },
  not_your_step: {
    status: 403,
    text: { 'zh-CN': '当前步骤不由您的角色审批', en: 'This step waits for another role' },
    extensions: { waitingFor: 'the role the current step waits for' },
  },
  not_found: { status: 404, text: { 'zh-CN': '内容不存在或已被删除', en: 'It does not exist or was removed' } },
  route_not_found: { status: 404, text: { 'zh-CN': '没有这个接口', en: 'There is no such route' } },
  method_not_allowed: {
    status: 405,
    text: { 'zh-CN': '该接口不支持此请求方法', en: 'The route does not take this method' },
  },
  email_taken: { status: 409, text: { 'zh-CN': '该邮箱已被使用', en: 'That email is already in use' } },
  last_owner: { status: 409, text: { 'zh-CN': '公司至少需要一位所有者', en: 'A company needs at least one owner' } },
  sku_taken: { status: 409, text: { 'zh-CN': '商品编码已存在', en: 'That SKU is already used' } },
  code_taken: { status: 409, text: { 'zh-CN': '仓库编码已存在', en: 'That warehouse code is already used' } },
  insufficient_stock: {
    status: 409,
    text: { 'zh-CN': '库存不足', en: 'Not enough stock' },
    extensions: { shortages: 'per product and warehouse: requested, available, and the order lines concerned' },
  },
  invalid_transition: {
    status: 409,
    text: { 'zh-CN': '当前状态不允许此操作', en: "Not possible in the order's current status" },
    extensions: {
      orderStatus: 'the current status',
      action: 'the action asked for',
      allowedFrom: 'the statuses it is allowed from',
    },
  },
  invoice_void: { status: 409, text: { 'zh-CN': '发票已作废', en: 'The invoice is void' } },
  concurrent_change: {
    status: 409,
    text: { 'zh-CN': '数据正被他人同时修改，请刷新后重试', en: 'Someone else is changing this; reload and try again' },
    untestable:
      'needs a dozen writers to win every retry in a row; the retry itself is tested (no 412 without If-Match)',
  },
  idempotency_in_progress: {
    status: 409,
    text: { 'zh-CN': '相同请求仍在处理中，请稍后重试', en: 'The same request is still being processed; retry shortly' },
  },
  stale_version: {
    status: 412,
    text: { 'zh-CN': '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and try again' },
  },
  payload_too_large: {
    status: 413,
    text: { 'zh-CN': '提交的内容超过 1 MB', en: 'The request is larger than 1 MiB' },
  },
  unsupported_media_type: {
    status: 415,
    text: { 'zh-CN': '请以 JSON 格式提交', en: 'Send the body as JSON' },
  },
  idempotency_key_reused: {
    status: 422,
    text: {
      'zh-CN': '该幂等键已用于另一个请求',
      en: 'This Idempotency-Key was already used for another request',
    },
  },
  cannot_remove_self: { status: 422, text: { 'zh-CN': '不能移除您自己', en: 'You cannot remove yourself' } },
  unknown_owner: { status: 422, text: { 'zh-CN': '负责人不是本公司成员', en: 'The owner is not on your team' } },
  unknown_price_list: { status: 422, text: { 'zh-CN': '价目表不存在', en: 'The price list does not exist' } },
  unknown_customer: { status: 422, text: { 'zh-CN': '客户不存在', en: 'The customer does not exist' } },
  archived_customer: { status: 422, text: { 'zh-CN': '客户已归档', en: 'The customer is archived' } },
  unknown_product: { status: 422, text: { 'zh-CN': '商品不存在', en: 'The product does not exist' } },
  inactive_product: { status: 422, text: { 'zh-CN': '商品已停用', en: 'The product is inactive' } },
  unknown_warehouse: { status: 422, text: { 'zh-CN': '仓库不存在', en: 'The warehouse does not exist' } },
  inactive_warehouse: { status: 422, text: { 'zh-CN': '仓库已停用', en: 'The warehouse is inactive' } },
  default_warehouse: {
    status: 422,
    text: { 'zh-CN': '默认仓库不能停用', en: 'The default warehouse cannot be deactivated' },
  },
  warehouse_mismatch: {
    status: 422,
    text: { 'zh-CN': '只能从订单的发货仓库发货', en: "Ship from the order's own warehouse" },
  },
  currency_mismatch: {
    status: 422,
    text: { 'zh-CN': '币种不一致', en: 'The currencies do not match' },
  },
  amount_too_large: {
    status: 422,
    text: { 'zh-CN': '单行金额过大，请拆分订单', en: 'A line comes to too much; split the order' },
    extensions: { lineIndex: 'the line (0-based) that is too large' },
  },
  over_shipment: {
    status: 422,
    text: { 'zh-CN': '发货数量超过剩余数量', en: 'More than is left to ship' },
    extensions: { lineId: 'the line', remaining: 'what is left to ship of it', requested: 'what was asked' },
  },
  unknown_line: {
    status: 422,
    text: { 'zh-CN': '订单没有这一行', en: 'The order has no such line' },
    extensions: { lineId: 'the line asked for' },
  },
  overpayment: {
    status: 422,
    text: { 'zh-CN': '收款金额超过应收余额', en: 'More than the amount due' },
    extensions: { amountDue: 'what is still due, as money' },
  },
  received_in_future: {
    status: 422,
    text: { 'zh-CN': '收款时间不能晚于明天', en: 'A payment cannot be received after tomorrow' },
  },
  base_currency_locked: {
    status: 422,
    text: {
      'zh-CN': '已有订单或发票，本位币不能再更改',
      en: 'The base currency cannot change once there are orders or invoices',
    },
  },
  exchange_rate_missing: {
    status: 422,
    text: {
      'zh-CN': '缺少该币种的汇率，请财务先在“汇率”中维护',
      en: 'No exchange rate for this currency; finance must set one first',
    },
    extensions: { currency: 'the currency that has no rate in force' },
  },
  over_allocation: {
    status: 422,
    text: {
      'zh-CN': '核销金额超过收款余额或发票未收金额',
      en: "More than the payment's unallocated rest or the invoice's balance",
    },
    extensions: {
      unallocated: "the payment's rest, as money",
      invoiceId: 'the invoice whose balance is exceeded, when it is one',
      amountDue: "that invoice's balance, as money",
    },
  },
  payment_reversed: {
    status: 409,
    text: { 'zh-CN': '该笔收款已冲销', en: 'This payment has been reversed' },
  },
  wrong_customer: {
    status: 422,
    text: {
      'zh-CN': '只能核销同一客户、同一币种的发票或订单',
      en: "Only the same customer's invoices and orders, in the payment's currency",
    },
    extensions: { invoiceId: 'the invoice or order that belongs elsewhere' },
  },
  fapiao_over_amount: {
    status: 422,
    text: { 'zh-CN': '开票金额超过结算单金额', en: 'The fapiao amounts exceed the invoice total' },
    extensions: { remaining: 'what may still be invoiced as fapiao, as money' },
  },
  fapiao_number_taken: {
    status: 409,
    text: { 'zh-CN': '该发票号码已登记', en: 'That fapiao number is already recorded' },
  },
  unknown_department: {
    status: 422,
    text: { 'zh-CN': '部门不存在', en: 'The department does not exist' },
  },
  over_receipt: {
    status: 422,
    text: { 'zh-CN': '收货数量超过未收数量', en: 'More than is left to receive' },
    extensions: { lineId: 'the line', remaining: 'what is left to receive of it', requested: 'what was asked' },
  },
  custom_field_in_use: {
    status: 422,
    text: { 'zh-CN': '该字段已有数据，不能更改类型', en: 'The field holds values; its type cannot change' },
    extensions: { entity: 'the entity', key: 'the field key' },
  },
  below_shipped: {
    status: 422,
    text: {
      'zh-CN': '改单后的数量不能少于已发货或已开票的数量',
      en: 'A line cannot go below what has shipped or been invoiced',
    },
    extensions: {
      lineId: 'the line',
      shipped: 'shipped of it',
      invoiced: 'invoiced of it',
      requested: 'what was asked',
    },
  },
  duplicate_external_ref: {
    status: 409,
    text: { 'zh-CN': '该渠道单号已下过单', en: 'An order with this channel reference exists already' },
    extensions: { orderId: 'the order that has it' },
  },
  unknown_user: { status: 422, text: { 'zh-CN': '该用户不存在', en: 'The user does not exist' } },
  over_return: {
    status: 422,
    text: { 'zh-CN': '退货数量超过已发货未退数量', en: 'More than was shipped and not yet returned' },
    extensions: { lineId: 'the line', returnable: 'what can still be returned of it', requested: 'what was asked' },
  },
  over_refund: {
    status: 422,
    text: { 'zh-CN': '退款金额超过可退余额', en: 'More than is left to refund' },
    extensions: { refundable: 'what can still be refunded (Money)' },
  },
  unknown_supplier: { status: 422, text: { 'zh-CN': '供应商不存在', en: 'The supplier does not exist' } },
  invalid_code: {
    status: 422,
    text: { 'zh-CN': '验证码错误或已过期，请重新获取', en: 'The code is wrong or has expired; ask for a new one' },
  },
  already_owned: {
    status: 409,
    text: { 'zh-CN': '该客户已有负责人', en: 'Someone else owns this customer already' },
  },
  tenant_closed: {
    status: 401,
    text: {
      'zh-CN': '该公司账户已注销；7 天内公司所有者可登录恢复',
      en: 'This company was closed; its owner can sign in and restore it within 7 days',
    },
    extensions: { purgeAfter: 'when its data will be purged (ISO 8601)' },
  },
  tenant_not_closed: {
    status: 409,
    text: { 'zh-CN': '公司账户未注销，无需恢复', en: 'The company is not closed' },
  },
  restore_window_passed: {
    status: 409,
    text: {
      'zh-CN': '已超过 7 天恢复期，数据正在清除',
      en: 'The 7 days to restore have passed; the data is being purged',
    },
  },
  export_not_ready: {
    status: 409,
    text: { 'zh-CN': '导出尚未完成', en: 'The export is not ready yet' },
    extensions: { exportStatus: 'running or failed' },
  },
  department_in_use: {
    status: 409,
    text: { 'zh-CN': '部门下还有成员或下级部门', en: 'The department still has people or sub-departments' },
  },
  url_not_allowed: {
    status: 422,
    text: {
      'zh-CN': '不允许的地址（需 https，且不能是内网地址）',
      en: 'That URL is not allowed (https, and not a private address)',
    },
    extensions: { channel: 'for notification channels: the index of the channel' },
  },
  invalid_range: { status: 422, text: { 'zh-CN': '结束时间早于开始时间', en: 'The end is before the start' } },
  empty_file: { status: 422, text: { 'zh-CN': '文件没有数据行', en: 'The file has no rows' } },
  too_many_rows: {
    status: 422,
    text: { 'zh-CN': '一个文件最多 5000 行，请拆分', en: 'At most 5,000 rows per file; split it' },
  },
  unreadable_file: {
    status: 422,
    text: { 'zh-CN': '无法读取该文件', en: 'The file cannot be read' },
  },
  export_too_large: {
    status: 422,
    text: {
      'zh-CN': '符合条件的订单超过 5000 个，请缩小日期或筛选范围',
      en: 'More than 5,000 orders match; narrow the dates or filters',
    },
    untestable: 'needs 5,001 orders in one tenant; the limit is a constant beside the export',
  },
  throttled: {
    status: 429,
    text: { 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many attempts; wait a moment' },
    untestable: "Cognito's own rate limit on logins; cognito-local has none",
  },
  rate_limited: {
    status: 429,
    text: {
      'zh-CN': '请求太频繁，已超出贵公司的请求额度，请稍后再试',
      en: "Too many requests: over the company's request budget; try again shortly",
    },
    extensions: {
      'Retry-After': 'a response header: the seconds until the budget refills',
      'RateLimit-Limit': 'a response header on every answer: the requests a window allows',
      'RateLimit-Remaining': 'a response header on every answer: the requests left in this window',
      'RateLimit-Reset': 'a response header on every answer: the seconds until the window resets',
    },
  },
  busy: {
    status: 503,
    text: { 'zh-CN': '系统繁忙，请稍后重试', en: 'Busy right now; try again in a moment' },
    extensions: { 'Retry-After': 'a response header: the seconds to wait' },
    untestable:
      'needs twenty order numbers taken in a row under one request; the retry of a taken number is tested (numbering race)',
  },
  internal_error: {
    status: 500,
    text: { 'zh-CN': '服务出错了，请稍后再试', en: 'Something went wrong on our side; try again shortly' },
    untestable: 'a defect by definition: every test fails on a 500',
  },
} as const satisfies Record<string, ProblemDef>;

export type ProblemCode = keyof typeof problems;
/** The codes answered with a given status (so a 409 error cannot carry a 422 code). */
export type CodeWithStatus<S extends ProblemDef['status']> = {
  [K in ProblemCode]: (typeof problems)[K]['status'] extends S ? K : never;
}[ProblemCode];

/** Answered by any route of the given shape; a route lists only its own business codes. */
export const commonProblems = {
  all: ['invalid_request', 'internal_error'],
  tenant: ['unauthorized', 'forbidden', 'forbidden_for_api_keys', 'missing_scope', 'rate_limited'],
  withId: ['not_found'],
  withBody: ['payload_too_large', 'unsupported_media_type'],
  versioned: ['stale_version'],
  post: ['idempotency_key_reused', 'idempotency_in_progress'],
  write: ['concurrent_change'],
} as const satisfies Record<string, readonly ProblemCode[]>;
