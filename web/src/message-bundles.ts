/**
 * Which messages (key paths of locales.ts) load together, in the reader's language only. `core` is
 * what the first screen, the app frame and the shared kit (pickers, people, custom fields) read: the app
 * renders once it has arrived. Every other bundle is a feature folder's (`features/<name>/`): a page
 * waits for its folder's bundle as it loads (App.tsx), so no key shows untranslated. The other language
 * loads when chosen. message-bundles.test.ts checks that each page's code reads only what core and its
 * folder's bundle hold; the build makes one chunk per bundle and language (vite.config.ts).
 */
export const messageBundles = {
  core: [
    'app',
    'nav',
    'auth',
    'common',
    'errors',
    'validation',
    'inbox',
    'money',
    'roles',
    'customFields.errors',
    'customFields.listSeparator',
    'customFields.removedReadOnly',
    'customFields.removedTag',
    'customFields.section',
    'orders.workflow',
    'orders.customer',
    'orders.product',
    'purchasing.supplier',
    'partners.developers',
    'team.colleague',
    'team.pool',
    'users.you',
  ],
  aftersales: [
    'aftersales',
    'customFields.editValues',
    'customFields.fillFirst',
    'finance',
    'orders.statuses',
    'payments.positive',
    'products.name',
    'products.sku',
    'reports.range',
    'users.name',
  ],
  alerts: [
    'alerts',
    'notify',
    'notificationRules',
    'aftersales.returns',
    'aftersales.tickets',
    'finance.methods',
    'imports.kinds',
    'orders.channels',
  ],
  catalog: ['products'],
  customers: [
    'customers',
    'billing',
    'channels',
    'kinds',
    'stages',
    'finance',
    'payments',
    'team',
    'aftersales.customer',
    'aftersales.rating',
    'aftersales.returns',
    'aftersales.tickets',
    'orders.createdAt',
    'orders.number',
    'orders.status',
    'orders.statuses',
    'orders.title',
    'orders.total',
  ],
  finance: ['finance', 'billing', 'fapiao', 'payments', 'rates'],
  identity: ['account', 'team.department', 'team.phone', 'users.name', 'users.role'],
  imports: ['imports'],
  inventory: ['inventory', 'products.active', 'products.name', 'products.product'],
  orders: [
    'orders',
    'finance',
    'payments',
    'aftersales.rating',
    'aftersales.returns',
    'aftersales.tickets',
    'products.name',
    'products.sku',
    'team.whose',
  ],
  partners: ['partners'],
  purchasing: ['purchasing', 'billing', 'finance.methods', 'inventory.warehouse'],
  reports: [
    'dashboard',
    'reports',
    'targets',
    'gettingStarted',
    'purchasing',
    'customers.new',
    'inventory.warehouse',
    'orders.new',
    'team.noDepartment',
    'team.noRep',
  ],
  tenants: [
    'settings',
    'team',
    'users',
    'scopes',
    'audit',
    'closed',
    'companyData',
    'customFields',
    'printSettings',
    'aftersales.tickets',
  ],
} as const satisfies Record<string, readonly string[]>;

export type MessageBundle = keyof typeof messageBundles;
export type Feature = Exclude<MessageBundle, 'core'>;

type Tree = { [key: string]: string | Tree };

/** The part of a dictionary a bundle holds: each path's subtree, at its place. */
export function pickMessages(dictionary: Tree, paths: readonly string[]): Tree {
  const picked: Tree = {};
  for (const path of paths) {
    const keys = path.split('.');
    let from: string | Tree = dictionary;
    let into = picked;
    keys.forEach((key, i) => {
      if (typeof from === 'string' || from[key] === undefined) throw new Error(`no messages at ${path}`);
      from = from[key];
      if (i === keys.length - 1) into[key] = from;
      else {
        into[key] ??= {};
        into = into[key] as Tree;
      }
    });
  }
  return picked;
}
