import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type {
  PutSalesTargetsBody,
  SalesTargets as SalesTargetsSchema,
  TargetReport as TargetReportSchema,
} from '#shared/api/reports.ts';
type SalesTargets = z.infer<typeof SalesTargetsSchema>;
type TargetReport = z.infer<typeof TargetReportSchema>;
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { env } from '#functions/platform/env.ts';
import { PreconditionFailedError, UnprocessableError } from '#functions/platform/errors.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { getSettings } from '#functions/tenants/settings.ts';
import { departmentsAndUsers, visibility } from '#functions/tenants/scope.ts';
import { dimensionItems } from './store.ts';
import { inBase } from './money.ts';

/** A month's targets (业绩目标拆分): one item per company and month. */
const targetsKey = (t: TenantContext, period: string) => ({ pk: t.key('TARGETS'), sk: period });

export async function getTargets(t: TenantContext, period: string): Promise<SalesTargets> {
  const [{ Item }, settings] = await Promise.all([
    t.db.send(new GetCommand({ TableName: env.tableName, Key: targetsKey(t, period), ConsistentRead: true })),
    getSettings(t),
  ]);
  return {
    period,
    currency: settings.baseCurrency,
    targets: (Item?.targets as SalesTargets['targets']) ?? [],
    version: Number(Item?.version ?? 0),
  };
}

export function putTargets(
  t: TenantContext,
  period: string,
  body: z.output<typeof PutSalesTargetsBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getTargets(t, period);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const { users, departments } = await departmentsAndUsers(t);
    for (const target of body.targets) {
      if (target.userId && !users.some((u) => u.id === target.userId))
        throw new UnprocessableError('unknown_owner', `${target.userId} is not a user of this company.`);
      if (target.departmentId && !departments.some((d) => d.id === target.departmentId))
        throw new UnprocessableError('unknown_department', 'The department does not exist.');
    }
    const next = { ...current, targets: body.targets, version: current.version + 1 };
    await transact(t, [
      {
        Put: {
          TableName: env.tableName,
          Item: { ...targetsKey(t, period), entity: 'sales_targets', targets: next.targets, version: next.version },
          ConditionExpression: current.version === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(current.version === 0 ? {} : { ExpressionAttributeValues: { ':v': current.version } }),
        },
      },
    ]).catch(staleWrite(expected));
    return next;
  });
}

/**
 * Target, achieved and rate per rep and department for a month: achieved is the month's confirmed
 * sales in the base currency, credited to the order's rep (and their department) at confirmation.
 * A rep sees their own row; a department manager their department's people and departments.
 */
export async function targetReport(t: TenantContext, period: string): Promise<TargetReport> {
  const from = `${period}-01`;
  const to = `${period}-31`;
  const [targets, settings, seen, { users, departments }, repItems, departmentItems] = await Promise.all([
    getTargets(t, period),
    getSettings(t),
    visibility(t),
    departmentsAndUsers(t),
    dimensionItems(t, 'rep', from, to),
    dimensionItems(t, 'department', from, to),
  ]);
  const achieved = new Map<string, number>();
  for (const i of [...repItems, ...departmentItems]) {
    const key = String(i.sk).slice(11);
    achieved.set(key, (achieved.get(key) ?? 0) + inBase(i, 'sales', settings.baseCurrency));
  }
  const targetOf = new Map(targets.targets.map((x) => [x.userId ?? x.departmentId ?? '', x.amount]));
  const row = (kind: 'rep' | 'department', id: string, name: string) => {
    const target = targetOf.get(id) ?? 0;
    const done = achieved.get(id) ?? 0;
    return { kind, id, name, target, achieved: done, rate: target ? done / target : 0 };
  };
  const visibleUsers = users.filter((u) => seen.all || seen.userIds.has(u.id));
  const visibleDepartments = departments.filter(
    (d) => seen.all || (seen.scope === 'department' && visibleUsers.some((u) => u.departmentId === d.id)),
  );
  const rows = [
    ...visibleDepartments.map((d) => row('department', d.id, d.name)),
    ...visibleUsers
      .filter((u) => targetOf.has(u.id) || achieved.has(u.id) || u.role === 'sales')
      .map((u) => row('rep', u.id, u.name ?? u.email)),
  ];
  return { period, currency: settings.baseCurrency, rows };
}
