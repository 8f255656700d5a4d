import type { Customer } from '#shared/api/customers.ts';
import type { DataScope } from '#shared/api/tenants.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { getSettings } from './settings.ts';
import { listDepartments, subtree } from './departments.ts';
import * as store from './store.ts';

/**
 * What the caller may see of customers and orders (数据权限): everything, or what belongs to a set
 * of users — their own, or their department's and its sub-departments'. API keys and the system act
 * for the whole company. Out of scope answers 404, exactly like another company's id.
 */
export type Visibility = { all: true } | { all: false; scope: Exclude<DataScope, 'all'>; userIds: Set<string> };

const cache = new WeakMap<TenantContext, Promise<Visibility>>();

export function visibility(t: TenantContext): Promise<Visibility> {
  let found = cache.get(t);
  if (!found) {
    found = resolve(t);
    cache.set(t, found);
  }
  return found;
}

async function resolve(t: TenantContext): Promise<Visibility> {
  const { principal } = t;
  if (principal.kind !== 'user' || !principal.role || principal.role === 'owner') return { all: true };
  const scopes = (await getSettings(t)).dataScopes;
  const scope = scopes[principal.role];
  if (scope === 'all') return { all: true };
  if (scope === 'own') return { all: false, scope, userIds: new Set([principal.id]) };
  const [me, users, departments] = await Promise.all([
    store.getUser(t, principal.id),
    store.allUsers(t),
    listDepartments(t),
  ]);
  // The caller's own record read consistently (a department just changed counts at once).
  const company = { scopes, users: [...(me ? [me] : []), ...users.filter((u) => u.id !== principal.id)], departments };
  return visibilityOf({ id: principal.id, role: principal.role }, company);
}

type Company = {
  scopes: Record<string, DataScope>;
  users: { id: string; role: string; departmentId?: string | null }[];
  departments: Awaited<ReturnType<typeof listDepartments>>;
};
/** What a colleague may see, from what the company's settings, people and departments say (no reads). */
export function visibilityOf(user: { id: string; role: string }, company: Company): Visibility {
  if (user.role === 'owner') return { all: true };
  const scope = company.scopes[user.role] ?? 'all';
  if (scope === 'all') return { all: true };
  const me = company.users.find((u) => u.id === user.id);
  if (scope === 'own' || !me?.departmentId) return { all: false, scope, userIds: new Set([user.id]) };
  const mine = subtree(company.departments, me.departmentId);
  const ids = company.users.filter((u) => u.departmentId && mine.has(u.departmentId)).map((u) => u.id);
  return { all: false, scope, userIds: new Set([user.id, ...ids]) };
}

/** Everyone's visibility at once (for telling people about a record): three reads for the whole company. */
export async function everyonesVisibility(t: TenantContext) {
  const [settings, users, departments] = await Promise.all([getSettings(t), store.allUsers(t), listDepartments(t)]);
  const company = { scopes: settings.dataScopes, users, departments };
  return (user: { id: string; role: string }) => visibilityOf(user, company);
}

/** A customer is in scope when it is owned by someone the caller sees, or by no one (the shared pool, 公海). */
export function seesCustomer(v: Visibility, c: Pick<Customer, 'ownerId'>): boolean {
  return v.all || !c.ownerId || v.userIds.has(c.ownerId);
}

/** An order (or what came of it: invoices) is in scope when its sales rep is someone the caller sees. */
export function seesRep(v: Visibility, repId: string | null | undefined): boolean {
  return v.all || (!!repId && v.userIds.has(repId));
}

/** Whether a user id names one of the company's users (a rep, an owner being assigned). */
export const userExists = async (t: TenantContext, id: string) => Boolean(await store.getUser(t, id));

/** A sales rep as reports credit them: name and department (none for orders without a rep). */
export async function repOf(t: TenantContext, userId: string | null) {
  if (!userId) return { id: '—', name: '—', departmentId: null, departmentName: null };
  const user = await store.getUser(t, userId);
  const department = user?.departmentId
    ? (await listDepartments(t)).find((d) => d.id === user.departmentId)
    : undefined;
  return {
    id: userId,
    name: user?.name ?? user?.email ?? userId,
    departmentId: department?.id ?? null,
    departmentName: department?.name ?? null,
  };
}

/** The company's departments and users, for reports that group by them. */
export async function departmentsAndUsers(t: TenantContext) {
  const [users, departments] = await Promise.all([store.allUsers(t), listDepartments(t)]);
  return { users, departments };
}
