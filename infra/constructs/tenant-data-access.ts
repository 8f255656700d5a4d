import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { AccountPrincipal, Effect, PolicyDocument, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { ModuleFunction } from './module-function.ts';

/** The item and query actions module code needs. No Scan, no table administration. */
export const tenantDataActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/**
 * The isolation invariant, enforced by IAM: module functions reach the table only through this
 * role, assumed per tenant with a TenantID session tag, and the role's policy limits every key
 * to `<TenantID>#*` (dynamodb:LeadingKeys). Only this app's roles (Dingo* stacks) may assume it,
 * and only functions granted here have the sts permission to.
 */
export class TenantDataAccess extends Construct {
  readonly role: Role;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: { table: ITable; rolePrefix: string },
  ) {
    super(scope, id);
    const account = Stack.of(this).account;
    this.role = new Role(this, 'TenantRole', {
      description: 'Assumed by module functions with a TenantID session tag; keys limited to that tenant',
      assumedBy: new AccountPrincipal(account)
        .withConditions({ ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${account}:role/${props.rolePrefix}*` } })
        .withSessionTags(),
      inlinePolicies: {
        tenantItems: new PolicyDocument({
          statements: [
            new PolicyStatement({
              effect: Effect.ALLOW,
              actions: tenantDataActions,
              resources: [props.table.tableArn, `${props.table.tableArn}/index/*`],
              // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, resolved by IAM, not a template
              conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/TenantID}#*'] } },
            }),
          ],
        }),
      },
    });
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(props.table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason: 'Index ARNs for GSI queries; every key is still limited to the tenant by dynamodb:LeadingKeys.',
    });
  }

  /** Lets functions assume the role (with the TenantID tag) and tells them its ARN and the table. */
  /**
   * Platform items outside every tenant's keys, by their leading key: the tenant registry
   * (`PLATFORM#TENANTS`: signup writes, jobs read), API-key lookups (`APIKEY#<hash>`: the partners
   * module writes, the authorizer reads), companies with pending webhook retries. Nothing else.
   */
  grantPlatformKeys(functions: ModuleFunction[], actions: string[], leadingKeys: string[]) {
    for (const fn of functions) {
      fn.fn.addToRolePolicy(
        new PolicyStatement({
          actions: actions.map((a) => `dynamodb:${a}`),
          resources: [this.props.table.tableArn],
          conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys } },
        }),
      );
    }
  }

  grantAssume(functions: ModuleFunction[]) {
    for (const fn of functions) {
      fn.fn.addToRolePolicy(
        new PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: [this.role.roleArn] }),
      );
      fn.env('TENANT_ROLE_ARN', this.role.roleArn);
      fn.env('TABLE_NAME', this.props.table.tableName);
    }
  }
}
