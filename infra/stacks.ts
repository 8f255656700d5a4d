import { CfnOutput, Duration, RemovalPolicy, Stack, Token, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  type ITable,
} from 'aws-cdk-lib/aws-dynamodb';
import {
  AccountRecovery,
  Mfa,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
  type IUserPool,
  type IUserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { StartingPosition, FilterCriteria, FilterRule, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ModuleName } from '#shared/api/route.ts';
import { scheduledJobs } from '#shared/events/rules.ts';
import { tableDesign } from './table-design.ts';
import { functionSpecs } from './functions.ts';
import { ModuleFunction } from './constructs/module-function.ts';
import { TenantDataAccess } from './constructs/tenant-data-access.ts';
import { DingoHttpApi } from './constructs/http-api.ts';
import { EventConsumers, alarmOn } from './constructs/event-consumers.ts';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { EdgeFirewall, WebHosting } from './constructs/web-hosting.ts';

/** The single table: keys and indexes from table-design.ts, stream for the outbox, PITR on. */
export class DataStack extends Stack {
  readonly table: Table;
  readonly tenantAccess: TenantDataAccess;
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new Table(this, 'DataTable', {
      partitionKey: key(tableDesign.partitionKey),
      sortKey: key(tableDesign.sortKey),
      billingMode: BillingMode.PAY_PER_REQUEST,
      stream: StreamViewType.NEW_IMAGE,
      timeToLiveAttribute: tableDesign.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of tableDesign.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: key(gsi.partitionKey),
        ...(gsi.sortKey ? { sortKey: key(gsi.sortKey) } : {}),
        projectionType: gsi.projection === 'KEYS_ONLY' ? ProjectionType.KEYS_ONLY : ProjectionType.ALL,
      });
    }
    this.tenantAccess = new TenantDataAccess(this, 'TenantData', { table: this.table, rolePrefix: 'Dingo' });
  }
}

/** Staff identities: email sign-in, tenant and user ids as immutable custom attributes. */
export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.userPool = new UserPool(this, 'Users', {
      signInAliases: { email: true },
      selfSignUpEnabled: false,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      customAttributes: {
        tenantId: new StringAttribute({ mutable: false }),
        userId: new StringAttribute({ mutable: false }),
      },
      passwordPolicy: {
        minLength: 8,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(7),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      email: UserPoolEmail.withCognito(),
      userInvitation: {
        emailSubject: '您已被邀请加入 Dingo / You are invited to Dingo',
        emailBody:
          '登录邮箱 / Email: {username}<br>临时密码 / Temporary password: {####}<br>首次登录时请设置新密码。/ Set a new password at first login.',
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.client = this.userPool.addClient('Web', {
      authFlows: { userPassword: true },
      preventUserExistenceErrors: true,
      generateSecret: false,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason: 'Length 8 with upper, lower and digit; symbols are not required for SME staff (product decision).',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional (TOTP); tenants may require it later.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason: 'The Plus feature plan is an opt-in cost per deployment.',
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG3',
      reason: 'Threat protection (Plus plan) is an opt-in cost per deployment.',
    });
  }
}

export interface ApiStackProps extends StackProps {
  table: ITable;
  tenantAccess: TenantDataAccess;
  userPool: IUserPool;
  userPoolClient: IUserPoolClient;
}

/** The HTTP API and one function per module, all generated from the route table. */
export class ApiStack extends Stack {
  readonly httpApi: DingoHttpApi;
  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Signs list cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Rotating it would only invalidate open list cursors; rotate by redeploying.',
    });
    const common = {
      TABLE_NAME: props.table.tableName,
      USER_POOL_ID: props.userPool.userPoolId,
      USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
      TOKEN_ISSUER: `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      CURSOR_SECRET_ARN: cursorSecret.secretArn,
      // Every company's request budget (requests/s; bursts of twice that): `npx cdk deploy -c rateLimitPerSecond=80`.
      RATE_LIMIT_PER_SECOND: String(this.node.tryGetContext('rateLimitPerSecond') ?? 50),
    };
    const modules = new Map<ModuleName, ModuleFunction>();
    for (const spec of functionSpecs().filter((s) => s.kind === 'http')) {
      const fn = new ModuleFunction(this, spec.id, { spec, environment: common });
      cursorSecret.grantRead(fn.fn);
      modules.set(spec.module!, fn);
    }
    const authorizerSpec = functionSpecs().find((s) => s.kind === 'authorizer')!;
    const authorizer = new ModuleFunction(this, authorizerSpec.id, {
      spec: authorizerSpec,
      environment: common,
      memorySize: 512,
      timeout: Duration.seconds(5),
    });
    // The authorizer reads only API-key lookups and user items: no other kind of item, of any tenant.
    authorizer.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: [props.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['APIKEY#*', 'ten_*#USER#*'] } },
      }),
    );
    props.tenantAccess.grantAssume([...modules.values()]);
    const tenants = modules.get('tenants')!;
    props.tenantAccess.grantPlatformKeys([tenants], ['PutItem'], ['PLATFORM#TENANTS']);
    // Closing a company takes it off the registry and the jobs' lists and puts it on the purge list; restoring undoes it.
    props.tenantAccess.grantPlatformKeys([tenants], ['PutItem', 'DeleteItem'], ['PLATFORM#TENANTS', 'PLATFORM#CLOSED']);
    props.tenantAccess.grantPlatformKeys(
      [tenants],
      ['PutItem', 'BatchWriteItem'],
      ['PLATFORM#DUE#*', 'PLATFORM#WEBHOOK_PENDING'],
    );
    // First-login challenges bound to their email (issued at login, checked and spent at new-password).
    props.tenantAccess.grantPlatformKeys([tenants], ['PutItem', 'GetItem', 'DeleteItem'], ['AUTHCHALLENGE#*']);
    const partners = modules.get('partners')!;
    props.tenantAccess.grantPlatformKeys(
      [partners],
      ['PutItem', 'DeleteItem'],
      ['APIKEY#*', 'PLATFORM#WEBHOOK_PENDING'],
    );
    // "Last used" on a key's record: the authorizer may set that one attribute of API-key items.
    authorizer.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [props.table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ten_*#APIKEY#*'] },
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['pk', 'sk', 'lastUsedAt'] },
        },
      }),
    );
    tenants.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminSetUserPassword'],
        resources: [props.userPool.userPoolArn],
      }),
    );
    modules
      .get('system')!
      .fn.addToRolePolicy(
        new PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [props.table.tableArn] }),
      );
    this.httpApi = new DingoHttpApi(this, 'Http', { modules, authorizer });
    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.api.apiEndpoint });
    acknowledgeLambdaBasics(this);
  }
}

/** Reserved (and so also maximum) concurrency of background consumers and jobs, when reservations are on. */
export const BACKGROUND_CONCURRENCY: Record<string, number> = {
  'imports-runner': 5,
  'exports-runner': 2,
  'tenant-purge': 2,
  'reports-aggregates': 20,
  'rule-notifier': 20,
  webhooks: 50,
};

export interface EventsStackProps extends StackProps {
  table: ITable;
  tenantAccess: TenantDataAccess;
  /** The purge of a closed company deletes its people's sign-ins. */
  userPool: IUserPool;
}

/** The bus, the outbox relay on the table's stream, and the consumers from the rules table. */
export class EventsStack extends Stack {
  constructor(scope: Construct, id: string, props: EventsStackProps) {
    super(scope, id, props);
    const bus = new EventBus(this, 'Bus', { eventBusName: 'dingo' });
    const specs = functionSpecs();
    const relaySpec = specs.find((s) => s.kind === 'relay')!;
    const relay = new ModuleFunction(this, relaySpec.id, {
      spec: relaySpec,
      environment: { EVENT_BUS_NAME: bus.eventBusName },
      memorySize: 512,
      timeout: Duration.seconds(60),
    });
    bus.grantPutEventsTo(relay.fn);
    const relayDlq = new Queue(this, 'RelayDlq', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    Validations.of(relayDlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue.',
    });
    relay.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        bisectBatchOnError: true,
        retryAttempts: 20,
        maxBatchingWindow: Duration.seconds(1),
        onFailure: new SqsDlq(relayDlq),
        reportBatchItemFailures: false,
        // Only outbox items: their sort key begins with EVENT#.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { sk: { S: FilterRule.beginsWith('EVENT#') } } },
          }),
        ],
      }),
    );
    const consumers = new Map<string, ModuleFunction>();
    for (const spec of specs.filter((s) => s.kind === 'consumer' || s.kind === 'job')) {
      const name = spec.id.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      consumers.set(name, new ModuleFunction(this, spec.id, { spec }));
    }
    props.tenantAccess.grantAssume([...consumers.values()]);
    const byName = (name: string) => consumers.get(name)!;
    // Background work that could take the account's concurrency from the API when a big import, export,
    // purge or burst of events arrives: capped by reserving its concurrency (`-c reservedConcurrency=true`).
    // Off by default: a new account's limit is 10, and any reservation there fails the deployment.
    // An export reads and zips a whole company in one run: minutes and memory, not an event's seconds.
    const exportsRunner = byName('exports-runner').fn.node.defaultChild as CfnFunction;
    exportsRunner.timeout = 900;
    exportsRunner.memorySize = 3008;
    const reserve = ['true', true].includes(this.node.tryGetContext('reservedConcurrency'));
    if (reserve)
      for (const [name, limit] of Object.entries(BACKGROUND_CONCURRENCY))
        (byName(name).fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = limit;
    props.tenantAccess.grantPlatformKeys(
      scheduledJobs.map((j) => byName(j.name)),
      ['Query'],
      ['PLATFORM#TENANTS'],
    );
    // A job's work marks: the due-index consumer reads and writes them; the job reads, seeds and clears its own.
    props.tenantAccess.grantPlatformKeys([byName('due-index')], ['GetItem', 'PutItem'], ['PLATFORM#DUE#*']);
    for (const j of scheduledJobs)
      props.tenantAccess.grantPlatformKeys(
        [byName(j.name)],
        ['Query', 'GetItem', 'PutItem', 'DeleteItem'],
        [`PLATFORM#DUE#${j.name}`],
      );
    // A tick puts one unit per company on the bus; the job's unit rule brings each back to it.
    for (const j of scheduledJobs) {
      bus.grantPutEventsTo(byName(j.name).fn);
      byName(j.name).env('EVENT_BUS_NAME', bus.eventBusName);
    }
    // The purge: its list, then what the platform keeps about the company (closure.ts), then its people's sign-ins.
    const purge = byName('tenant-purge');
    props.tenantAccess.grantPlatformKeys([purge], ['Query', 'DeleteItem'], ['PLATFORM#CLOSED']);
    props.tenantAccess.grantPlatformKeys([purge], ['DeleteItem'], ['PLATFORM#TENANTS', 'APIKEY#*']);
    props.tenantAccess.grantPlatformKeys([purge], ['BatchWriteItem'], ['PLATFORM#DUE#*', 'PLATFORM#WEBHOOK_PENDING']);
    purge.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['cognito-idp:AdminDeleteUser'], resources: [props.userPool.userPoolArn] }),
    );
    purge.env('USER_POOL_ID', props.userPool.userPoolId);
    props.tenantAccess.grantPlatformKeys(
      [byName('webhooks'), byName('webhook-retries')],
      ['PutItem', 'DeleteItem', 'GetItem', 'Query'],
      ['PLATFORM#WEBHOOK_PENDING'],
    );
    // Alerts and people's notifications (built-in, the company's rules, follow-up reminders) go out by email
    // through SES, from MAIL_FROM, a verified identity of the deployment.
    // cdk-nag names the resource with the literal account and region, or with a placeholder for each one that is
    // only known at deployment (a token here: it cannot be part of an acknowledgement's id).
    const named = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
    for (const sender of ['alert-notifier', 'people-notifier', 'rule-notifier', 'follow-up-reminders'].map(byName)) {
      sender.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [`arn:aws:ses:${this.region}:${this.account}:identity/*`],
        }),
      );
      sender.env('MAIL_FROM', this.node.tryGetContext('mailFrom') ?? 'alerts@dingo.example');
      Validations.of(sender.fn).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:aws:ses:${named(this.region, '<AWS::Region>')}:${named(this.account, '<AWS::AccountId>')}:identity/*]`,
        reason:
          "SES checks the sender and each recipient identity; which ones a tenant uses is its configuration, not the deployment's.",
      });
    }
    // Whoever runs the deployment hears of lost events and failed jobs: `-c alarmEmail=ops@your-company`.
    const alarms = new Topic(this, 'Alarms', { displayName: 'Dingo alarms', enforceSSL: true });
    Validations.of(alarms).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notices carry no customer data; CloudWatch publishes to a KMS-encrypted topic only with a customer key.',
    });
    const alarmEmail = this.node.tryGetContext('alarmEmail');
    if (alarmEmail) alarms.addSubscription(new EmailSubscription(alarmEmail));
    // The relay's DLQ is where events would sit if the outbox could not reach the bus: the worst place to be unseen.
    alarmOn(this, 'RelayDlqDepth', alarms, {
      description: 'Outbox events the relay could not put on the bus (redrive them after the cause is fixed)',
      metric: relayDlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
    });
    alarmOn(this, 'RelayLag', alarms, {
      description: 'The relay is more than 5 minutes behind the table stream',
      metric: relay.fn.metric('IteratorAge', { statistic: 'Maximum', period: Duration.minutes(5) }),
      threshold: 300_000,
    });
    new EventConsumers(this, 'Consumers', { bus, functions: consumers, alarms });
    acknowledgeLambdaBasics(this);
  }
}

/** The web app and the one-origin front door. */
export class WebStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { apiDomain: string }) {
    super(scope, id, props);
    const firewall = new EdgeFirewall(this, 'Firewall');
    const web = new WebHosting(this, 'Web', { apiDomain: props.apiDomain, webAclArn: firewall.acl.attrArn });
    new CfnOutput(this, 'Url', { value: `https://${web.distribution.distributionDomainName}` });
    acknowledgeLambdaBasics(this);
  }
}

/** Findings every stack with Lambdas has, for the same reasons. */
function acknowledgeLambdaBasics(stack: Stack) {
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason: 'The AWS managed policy that lets a function write its own logs.',
  });
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason: 'X-Ray tracing (PutTraceSegments) has no resource-level permissions.',
  });
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-L1',
    reason: 'Our functions use nodejs24.x; CDK-provided custom-resource handlers pick their own runtime.',
  });
}
