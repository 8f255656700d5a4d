import { registerTenant } from '#functions/platform/jobs.ts';
import type * as z from 'zod';
import type {
  Settings,
  SignupBody,
  Tenant,
  User,
  InviteUserBody,
  PatchUserBody,
  PatchSettingsBody,
} from '#shared/api/tenants.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnauthorizedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { staleWrite, retryOnConflict } from '#functions/platform/db.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { TenantContext } from '#functions/platform/tenant.ts';
import { hasAnyOrder } from '#functions/orders/reads.ts';
import * as identity from './identity.ts';
import { requireDepartment } from './departments.ts';
import { defaultDataScopes, defaultTicketSla } from '#shared/api/tenants.ts';
import * as store from './store.ts';
import { getSettings } from './settings.ts';
import { getCustomFields } from './custom-fields.ts';

export { userNames } from './store.ts';

export async function signup(input: z.output<typeof SignupBody>) {
  const tenantId = newId('tenant');
  const userId = newId('user');
  const now = nowIso();
  const t = await TenantContext.of(tenantId, { id: userId, kind: 'user', role: 'owner', scopes: [] });
  const tenant: Tenant = {
    id: tenantId,
    companyName: input.companyName,
    locale: input.locale,
    baseCurrency: input.baseCurrency,
    createdAt: now,
  };
  const settings: Settings = {
    companyName: input.companyName,
    legalName: null,
    taxId: null,
    phone: null,
    address: null,
    bankName: null,
    bankAccount: null,
    locale: input.locale,
    baseCurrency: input.baseCurrency,
    numbering: { order: 'SO', invoice: 'INV' },
    invoicingPolicy: 'on_shipment',
    defaultPaymentTermsDays: 30,
    approvalWaitingHours: 24,
    timeZone: input.timeZone,
    pricesIncludeTax: true,
    defaultTaxRate: 1300,
    appUrl: null,
    dataScopes: defaultDataScopes,
    ticketSla: defaultTicketSla,
    ticketAssignment: 'round_robin',
    backorders: 'refuse',
    version: 1,
    updatedAt: now,
  };
  const owner: User = {
    id: userId,
    email: input.adminEmail,
    name: input.adminName ?? null,
    role: 'owner',
    departmentId: null,
    phone: null,
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const warehouse = {
    id: newId('warehouse'),
    code: 'WH01',
    name: input.locale === 'en' ? 'Main warehouse' : '主仓库',
    isDefault: true as const,
    active: true as const,
    version: 1 as const,
    createdAt: now,
    updatedAt: now,
  };
  // The login first: a taken email or a weak password is refused before anything is written.
  await identity.createLogin({ email: input.adminEmail, password: input.adminPassword, tenantId, userId });
  try {
    await store.insertTenant(t, tenant, settings, owner, warehouse);
    // Last, so every registry entry the scheduled jobs walk has a company behind it.
    await registerTenant(tenantId, now);
  } catch (error) {
    await identity.deleteLogin(input.adminEmail); // no login without a registered tenant behind it
    throw error;
  }
  const tokens = await identity.passwordLogin(input.adminEmail, input.adminPassword);
  if ('challenge' in tokens) throw new Error('a new owner was asked for a new password');
  return { tenant, user: owner, tokens };
}

export async function login(email: string, password: string) {
  const result = await identity.passwordLogin(email, password);
  if ('idToken' in result) await activate(result.idToken);
  else await store.saveChallenge(result.session, email);
  return result;
}

/** Sets the first password: only with the session the login challenge issued for this email, once. */
export async function completeNewPassword(email: string, session: string, newPassword: string) {
  if (!(await store.challengeIssuedFor(session, email)))
    throw new UnauthorizedError('The session has expired; log in again.', 'session_expired');
  const tokens = await identity.completeNewPassword(email, session, newPassword);
  await store.forgetChallenge(session);
  await activate(tokens.idToken);
  return tokens;
}

/** An invited user becomes active at their first successful login. */
async function activate(idToken: string) {
  const { tenantId, userId } = identity.claimsOf(idToken);
  if (!tenantId || !userId) return;
  const t = await TenantContext.of(tenantId, { id: userId, kind: 'user', role: null, scopes: [] });
  await store.markUserActive(t, userId);
}

export const refresh = (refreshToken: string) => identity.refreshLogin(refreshToken);

export async function getUser(t: TenantContext, id: string): Promise<User> {
  const user = await store.getUser(t, id);
  if (!user) throw new NotFoundError('user');
  return user;
}

async function getTenant(t: TenantContext): Promise<Tenant> {
  const tenant = await store.getTenant(t);
  if (!tenant) throw new NotFoundError('tenant');
  return tenant;
}

/**
 * Operation ids the role may call, from the route table: the web app shows or hides actions by it. The whole
 * table is loaded here, on the first /v1/me, not by every function that bundles this module (orders, imports).
 */
export async function permissionsOf(role: User['role']): Promise<string[]> {
  const { routes } = await import('#shared/api/routes.ts');
  return routes
    .filter((r) => r.auth === 'tenant' && (r.roles as readonly string[]).includes(role))
    .map((r) => r.operationId);
}

export async function me(t: TenantContext) {
  const [user, tenant, { fields, removed }] = await Promise.all([
    getUser(t, t.principal.id),
    getTenant(t),
    getCustomFields(t),
  ]);
  const permissions = await permissionsOf(user.role);
  // The company's own fields, so that everyone's forms show them (their settings are the admins').
  return { user, tenant, role: user.role, permissions, customFields: { fields, removed } };
}

export const listUsers = (t: TenantContext, limit: number, cursor?: string) => store.listUsers(t, limit, cursor);

/** Only an owner makes owners or changes an owner; nobody demotes or removes the last owner. */
function guardOwnership(t: TenantContext, target: User | undefined, newRole: User['role'] | undefined) {
  const touchesOwner = target?.role === 'owner' || newRole === 'owner';
  if (touchesOwner && t.principal.role !== 'owner') {
    throw new ForbiddenError('Only an owner can grant, change or remove the owner role.', 'owner_required');
  }
}

/**
 * An owner other than `id` who must still be an owner when the change commits: the write carries
 * a condition on that owner's item, so two owners demoting or removing each other at once cannot
 * both succeed (the second finds its keeper gone and re-reads). None left: 409 last_owner.
 */
async function anotherOwner(t: TenantContext, id: string): Promise<string> {
  const keeper = (await store.ownerIds(t)).find((owner) => owner !== id);
  if (!keeper)
    throw new ConflictError('last_owner', 'A company needs at least one owner; make someone else owner first.');
  return keeper;
}

export async function inviteUser(t: TenantContext, input: z.output<typeof InviteUserBody>) {
  guardOwnership(t, undefined, input.role);
  if (input.departmentId) await requireDepartment(t, input.departmentId);
  const now = nowIso();
  const user: User = {
    id: newId('user'),
    email: input.email,
    name: input.name ?? null,
    role: input.role,
    departmentId: input.departmentId ?? null,
    phone: input.phone ?? null,
    status: 'invited',
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const { temporaryPassword } = await identity.createLogin({
    email: input.email,
    tenantId: t.tenantId,
    userId: user.id,
  });
  try {
    await store.insertUser(t, user);
  } catch (error) {
    await identity.deleteLogin(input.email);
    throw error;
  }
  const [tenant, settings] = await Promise.all([getTenant(t), getSettings(t)]);
  await identity.sendInvitationMail(input.email, tenant.companyName, temporaryPassword, settings.appUrl);
  return user;
}

export function updateUser(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchUserBody>,
  expectedVersion?: number,
) {
  return retryOnConflict(async () => {
    const current = await getUser(t, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PreconditionFailedError();
    guardOwnership(t, current, patch.role);
    if (patch.departmentId) await requireDepartment(t, patch.departmentId);
    const keeper =
      current.role === 'owner' && patch.role && patch.role !== 'owner' ? await anotherOwner(t, id) : undefined;
    const next: User = {
      ...current,
      role: patch.role ?? current.role,
      name: patch.name === undefined ? current.name : patch.name,
      departmentId: patch.departmentId === undefined ? (current.departmentId ?? null) : patch.departmentId,
      phone: patch.phone === undefined ? (current.phone ?? null) : patch.phone,
      version: current.version + 1,
      updatedAt: nowIso(),
    };
    await store.replaceUser(t, next, current.version, keeper).catch(staleWrite(expectedVersion));
    return next;
  });
}

export function removeUser(t: TenantContext, id: string, expectedVersion?: number) {
  return retryOnConflict(async () => {
    const current = await getUser(t, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PreconditionFailedError();
    if (id === t.principal.id) throw new UnprocessableError('cannot_remove_self', 'You cannot remove yourself.');
    guardOwnership(t, current, undefined);
    const keeper = current.role === 'owner' ? await anotherOwner(t, id) : undefined;
    await store.deleteUser(t, id, current.version, keeper).catch(staleWrite(expectedVersion));
    await identity.deleteLogin(current.email);
    return current;
  });
}

export { getSettings };
export const allUsers = (t: TenantContext) => store.allUsers(t);

export function updateSettings(t: TenantContext, patch: z.output<typeof PatchSettingsBody>, expectedVersion?: number) {
  return retryOnConflict(async () => {
    const current = await getSettings(t);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PreconditionFailedError();
    if (patch.baseCurrency && patch.baseCurrency !== current.baseCurrency && (await hasAnyOrder(t))) {
      // Every amount booked so far (orders, invoices, reports, receivables) is counted in the base currency.
      throw new UnprocessableError(
        'base_currency_locked',
        `The base currency stays ${current.baseCurrency} once the company has orders or invoices.`,
      );
    }
    const next: Settings = {
      ...current,
      ...patch,
      numbering: { ...current.numbering, ...patch.numbering },
      legalName: patch.legalName === undefined ? current.legalName : patch.legalName,
      appUrl: patch.appUrl === undefined ? current.appUrl : patch.appUrl,
      // The owner always sees everything: a company cannot lock its owner out of its own data.
      dataScopes: { ...current.dataScopes, ...patch.dataScopes, owner: 'all' },
      ticketSla: { ...current.ticketSla, ...patch.ticketSla },
      version: current.version + 1,
      updatedAt: nowIso(),
    } as Settings;
    await store.replaceSettings(t, next, current.version).catch(staleWrite(expectedVersion));
    return next;
  });
}
