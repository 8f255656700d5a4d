/** Who may call what: role and scope lists the route files share. */
export const customerWriters = ['owner', 'admin', 'sales'] as const;
export const stockKeepers = ['owner', 'admin', 'warehouse'] as const;
export const pricers = ['owner', 'admin', 'sales', 'finance'] as const;
export const orderTakers = ['owner', 'admin', 'sales'] as const;
export const deciders = ['owner', 'admin', 'sales', 'warehouse', 'finance', 'support'] as const;
export const catalogRead = ['orders:read', 'orders:write', 'inventory:read', 'inventory:write'] as const;
export const orderRead = ['orders:read', 'orders:write'] as const;
export const financeReaders = ['owner', 'admin', 'sales', 'finance', 'support', 'viewer'] as const;
export const financeWriters = ['owner', 'admin', 'finance'] as const;
export const financeRead = ['finance:read', 'finance:write'] as const;
export const alertHandlers = ['owner', 'admin', 'sales', 'warehouse', 'finance', 'support'] as const;
export const customerNoteWriters = ['owner', 'admin', 'sales', 'support'] as const;
