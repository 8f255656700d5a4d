import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type * as z from 'zod';
import type { CreateDepartmentBody, Department, PatchDepartmentBody } from '#shared/api/tenants.ts';
import { retryOnConflict, staleWrite } from '#functions/platform/db.ts';
import { env } from '#functions/platform/env.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
} from '#functions/platform/errors.ts';
import { newId, nowIso } from '#functions/platform/ids.ts';
import { putIfVersion, putNew, resourceOf } from '#functions/platform/items.ts';
import { queryAll } from '#functions/platform/query.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';
import { transact } from '#functions/platform/transact.ts';
import { userKey } from './keys.ts';

/** Departments (部门) live in one partition per company: the whole tree is one Query. */
const departmentKey = (t: TenantContext, id: string) => ({ pk: t.key('DEPARTMENTS'), sk: id });

export async function listDepartments(t: TenantContext): Promise<Department[]> {
  const items = await queryAll(t.db, {
    TableName: env.tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': t.key('DEPARTMENTS') },
    ConsistentRead: true,
  });
  return items.map((i) => resourceOf<Department>(i)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

export async function getDepartment(t: TenantContext, id: string): Promise<Department> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: departmentKey(t, id), ConsistentRead: true }),
  );
  if (!Item) throw new NotFoundError('department');
  return resourceOf<Department>(Item);
}

export async function requireDepartment(t: TenantContext, id: string) {
  await getDepartment(t, id).catch(() => {
    throw new UnprocessableError('unknown_department', 'The department does not exist.');
  });
}

async function checkLinks(t: TenantContext, id: string | null, parentId: string | null, managerId: string | null) {
  if (parentId) {
    const all = await listDepartments(t);
    if (!all.some((d) => d.id === parentId))
      throw new UnprocessableError('unknown_department', 'The parent department does not exist.');
    // A department cannot sit under itself or one of its own sub-departments.
    for (let at: string | null = parentId; at; at = all.find((d) => d.id === at)?.parentId ?? null)
      if (at === id) throw new UnprocessableError('unknown_department', 'A department cannot sit under itself.');
  }
  if (managerId) {
    const { Item } = await t.db.send(new GetCommand({ TableName: env.tableName, Key: userKey(t, managerId) }));
    if (!Item) throw new UnprocessableError('unknown_owner', 'The manager is not a user of this company.');
  }
}

export async function createDepartment(t: TenantContext, body: z.output<typeof CreateDepartmentBody>) {
  await checkLinks(t, null, body.parentId, body.managerId);
  const now = nowIso();
  const department: Department = { id: newId('department'), ...body, version: 1, createdAt: now, updatedAt: now };
  await transact(t, [putNew({ ...departmentKey(t, department.id), entity: 'department', ...department })]);
  return department;
}

export function updateDepartment(
  t: TenantContext,
  id: string,
  patch: z.output<typeof PatchDepartmentBody>,
  expected?: number,
) {
  return retryOnConflict(async () => {
    const current = await getDepartment(t, id);
    if (expected !== undefined && expected !== current.version) throw new PreconditionFailedError();
    const next: Department = { ...current, ...patch, version: current.version + 1, updatedAt: nowIso() };
    await checkLinks(t, id, next.parentId, next.managerId);
    await transact(t, [
      putIfVersion({ ...departmentKey(t, id), entity: 'department', ...next }, current.version),
    ]).catch(staleWrite(expected));
    return next;
  });
}

/** A department with sub-departments or people in it stays: move them first. */
export async function deleteDepartment(t: TenantContext, id: string, members: { departmentId: string | null }[]) {
  const current = await getDepartment(t, id);
  const all = await listDepartments(t);
  if (all.some((d) => d.parentId === id) || members.some((u) => u.departmentId === id))
    throw new ConflictError('department_in_use', 'The department still has people or sub-departments.');
  await transact(t, [
    {
      Delete: {
        TableName: env.tableName,
        Key: departmentKey(t, id),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': current.version },
      },
    },
  ]);
  return current;
}

/** A department and every department under it. */
export function subtree(all: Department[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of all)
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
  }
  return out;
}
