/** Every user-facing string, in both languages. A test checks that the two have the same keys. */
export const zhCN = {
  app: { name: 'Dingo 订单管理', tagline: '中小企业的订单到收款' },
  nav: {
    dashboard: '工作台', customers: '客户', orders: '订单', inventory: '库存', finance: '财务', reports: '报表',
    users: '成员', settings: '设置', comingSoon: '即将推出', logout: '退出登录', language: 'English',
  },
  auth: {
    login: '登录', signup: '注册公司', email: '邮箱', password: '密码', companyName: '公司名称', adminName: '您的姓名',
    noAccount: '还没有账号？注册公司', haveAccount: '已有账号？登录', newPassword: '设置新密码',
    newPasswordHint: '首次登录，请设置您自己的密码。', passwordRule: '至少 8 位，含大写字母、小写字母和数字',
    signupTitle: '免费开通您公司的订单管理', loginTitle: '登录 Dingo', submitNewPassword: '保存并登录',
  },
  common: {
    save: '保存', cancel: '取消', edit: '编辑', create: '新建', delete: '删除', search: '搜索', actions: '操作',
    next: '下一页', previous: '上一页', none: '—', loading: '加载中…', saved: '已保存', confirm: '确认', back: '返回',
    createdAt: '创建时间', updatedAt: '更新时间', all: '全部', add: '添加', remove: '移除', yes: '是', no: '否',
  },
  customers: {
    title: '客户', new: '新建客户', edit: '编辑客户', searchPlaceholder: '按名称搜索（支持前缀）', name: '客户名称',
    kind: '类型', tier: '等级', tags: '标签', stage: '阶段', owner: '负责人', contacts: '联系人', addresses: '地址',
    creditLimit: '信用额度（元）', paymentTermsDays: '账期（天）', archive: '归档', archived: '已归档',
    archiveConfirm: '归档后该客户不再出现在列表中，历史订单和发票保留。确定归档？', created: '客户已创建',
    empty: '还没有客户', notes: '沟通记录', addNote: '记录沟通', noteBody: '内容', channel: '方式', at: '时间',
    contactName: '姓名', phone: '电话', contactEmail: '邮箱', jobTitle: '职位', primary: '主联系人',
    label: '标签', country: '国家/地区', province: '省', city: '市', district: '区', line1: '详细地址', postalCode: '邮编',
    default: '默认', addContact: '添加联系人', addAddress: '添加地址', noNotes: '还没有沟通记录', overview: '概览',
  },
  kinds: { company: '企业', person: '个人' },
  stages: { lead: '线索', prospect: '意向', customer: '成交客户', inactive: '停用' },
  channels: { call: '电话', visit: '拜访', wechat: '微信', email: '邮件', meeting: '会议', other: '其他' },
  roles: { owner: '所有者', admin: '管理员', sales: '销售', warehouse: '仓库', finance: '财务', support: '客服', viewer: '只读' },
  users: {
    title: '成员', invite: '邀请成员', role: '角色', name: '姓名', status: '状态', invited: '已邀请', active: '已激活',
    inviteSent: '邀请已发送：临时密码已发到对方邮箱', removeConfirm: '移除后该成员将无法登录。确定移除？', you: '（您）',
  },
  settings: {
    title: '公司设置', companyName: '公司名称', legalName: '法定名称', taxId: '统一社会信用代码', phone: '电话', address: '地址',
    locale: '默认语言', baseCurrency: '本位币', orderPrefix: '订单编号前缀', invoicePrefix: '发票编号前缀',
    invoicingPolicy: '开票时机', on_shipment: '按发货开票', on_confirm: '确认订单时开票',
    defaultPaymentTermsDays: '默认账期（天）', approvalWaitingHours: '审批提醒（小时）',
  },
  dashboard: { title: '工作台', welcome: '欢迎回来，{{name}}', createdToday: '今日新增客户', createdThisMonth: '本月新增客户', trend: '近 30 天新增客户', quick: '快捷操作' },
  errors: {
    generic: '出错了，请稍后再试', network: '网络连接失败', invalid_request: '请检查填写的内容', unauthorized: '登录已过期，请重新登录',
    invalid_credentials: '邮箱或密码错误', forbidden: '您的角色无权执行此操作', not_found: '内容不存在或已被删除',
    stale_version: '数据已被他人修改，请刷新后重试', email_taken: '该邮箱已被使用', last_owner: '公司至少需要一位所有者',
    owner_required: '只有所有者可以变更所有者角色', cannot_remove_self: '不能移除您自己', unknown_owner: '负责人不是本公司成员',
    session_expired: '会话已过期，请重新登录', throttled: '操作太频繁，请稍后再试', required: '必填',
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const en: Shape<typeof zhCN> = {
  app: { name: 'Dingo Orders', tagline: 'Order to cash for small companies' },
  nav: {
    dashboard: 'Dashboard', customers: 'Customers', orders: 'Orders', inventory: 'Inventory', finance: 'Finance', reports: 'Reports',
    users: 'Team', settings: 'Settings', comingSoon: 'Coming soon', logout: 'Log out', language: '中文',
  },
  auth: {
    login: 'Log in', signup: 'Sign up your company', email: 'Email', password: 'Password', companyName: 'Company name', adminName: 'Your name',
    noAccount: 'No account yet? Sign up your company', haveAccount: 'Have an account? Log in', newPassword: 'Set a new password',
    newPasswordHint: 'This is your first login: choose your own password.', passwordRule: 'At least 8 characters with upper case, lower case and a digit',
    signupTitle: 'Start managing your orders, free', loginTitle: 'Log in to Dingo', submitNewPassword: 'Save and log in',
  },
  common: {
    save: 'Save', cancel: 'Cancel', edit: 'Edit', create: 'Create', delete: 'Delete', search: 'Search', actions: 'Actions',
    next: 'Next', previous: 'Previous', none: '—', loading: 'Loading…', saved: 'Saved', confirm: 'Confirm', back: 'Back',
    createdAt: 'Created', updatedAt: 'Updated', all: 'All', add: 'Add', remove: 'Remove', yes: 'Yes', no: 'No',
  },
  customers: {
    title: 'Customers', new: 'New customer', edit: 'Edit customer', searchPlaceholder: 'Search by name (prefix)', name: 'Name',
    kind: 'Kind', tier: 'Tier', tags: 'Tags', stage: 'Stage', owner: 'Owner', contacts: 'Contacts', addresses: 'Addresses',
    creditLimit: 'Credit limit', paymentTermsDays: 'Payment terms (days)', archive: 'Archive', archived: 'Archived',
    archiveConfirm: 'The customer will disappear from lists; its orders and invoices are kept. Archive it?', created: 'Customer created',
    empty: 'No customers yet', notes: 'Communication log', addNote: 'Log a conversation', noteBody: 'What was said', channel: 'Channel', at: 'When',
    contactName: 'Name', phone: 'Phone', contactEmail: 'Email', jobTitle: 'Title', primary: 'Primary',
    label: 'Label', country: 'Country', province: 'Province', city: 'City', district: 'District', line1: 'Address', postalCode: 'Postal code',
    default: 'Default', addContact: 'Add contact', addAddress: 'Add address', noNotes: 'Nothing logged yet', overview: 'Overview',
  },
  kinds: { company: 'Company', person: 'Person' },
  stages: { lead: 'Lead', prospect: 'Prospect', customer: 'Customer', inactive: 'Inactive' },
  channels: { call: 'Call', visit: 'Visit', wechat: 'WeChat', email: 'Email', meeting: 'Meeting', other: 'Other' },
  roles: { owner: 'Owner', admin: 'Admin', sales: 'Sales', warehouse: 'Warehouse', finance: 'Finance', support: 'Support', viewer: 'Viewer' },
  users: {
    title: 'Team', invite: 'Invite', role: 'Role', name: 'Name', status: 'Status', invited: 'Invited', active: 'Active',
    inviteSent: 'Invitation sent: a temporary password went to their email', removeConfirm: 'They will no longer be able to log in. Remove?', you: ' (you)',
  },
  settings: {
    title: 'Company settings', companyName: 'Company name', legalName: 'Legal name', taxId: 'Tax ID', phone: 'Phone', address: 'Address',
    locale: 'Default language', baseCurrency: 'Base currency', orderPrefix: 'Order number prefix', invoicePrefix: 'Invoice number prefix',
    invoicingPolicy: 'Invoice when', on_shipment: 'Each shipment', on_confirm: 'The order is confirmed',
    defaultPaymentTermsDays: 'Default payment terms (days)', approvalWaitingHours: 'Approval reminder (hours)',
  },
  dashboard: { title: 'Dashboard', welcome: 'Welcome back, {{name}}', createdToday: 'New customers today', createdThisMonth: 'New customers this month', trend: 'New customers, last 30 days', quick: 'Quick actions' },
  errors: {
    generic: 'Something went wrong; try again shortly', network: 'Network connection failed', invalid_request: 'Please check what you entered', unauthorized: 'Your session expired; log in again',
    invalid_credentials: 'Wrong email or password', forbidden: 'Your role does not allow this', not_found: 'It does not exist or was removed',
    stale_version: 'Someone else changed this; reload and try again', email_taken: 'That email is already in use', last_owner: 'A company needs at least one owner',
    owner_required: 'Only an owner can change the owner role', cannot_remove_self: 'You cannot remove yourself', unknown_owner: 'The owner is not on your team',
    session_expired: 'The session expired; log in again', throttled: 'Too many attempts; wait a moment', required: 'Required',
  },
};
