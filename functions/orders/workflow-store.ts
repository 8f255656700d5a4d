import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalWorkflow } from '#shared/api/orders.ts';
import { env } from '#functions/platform/env.ts';
import type { TenantContext } from '#functions/platform/tenant.ts';

const workflowKey = (t: TenantContext) => ({ pk: t.key('WORKFLOW'), sk: 'APPROVAL' });

/** A tenant that never configured approvals has no rules: orders confirm at submit (credit check aside). */
export async function getApprovalWorkflow(t: TenantContext): Promise<ApprovalWorkflow> {
  const { Item } = await t.db.send(
    new GetCommand({ TableName: env.tableName, Key: workflowKey(t), ConsistentRead: true }),
  );
  return Item
    ? { rules: Item.rules, version: Item.version, updatedAt: Item.updatedAt }
    : { rules: [], version: 0, updatedAt: null };
}

export async function putApprovalWorkflow(t: TenantContext, workflow: ApprovalWorkflow, previousVersion: number) {
  await t.db.send(
    new PutCommand({
      TableName: env.tableName,
      Item: { ...workflowKey(t), entity: 'approval_workflow', ...workflow },
      ConditionExpression: previousVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :v',
      ...(previousVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': previousVersion } }),
    }),
  );
}
