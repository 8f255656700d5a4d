import { beforeAll, describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { routes } from '#shared/api/routes.ts';
import { consumerRules, scheduledJobs } from '#shared/events/rules.ts';
import { eventCatalog } from '#shared/events/catalog.ts';
import { buildApp } from './app.ts';
import { BACKGROUND_CONCURRENCY } from './stacks.ts';
import { PUBLIC_WRITE_PATHS } from './constructs/web-hosting.ts';
import { functionSpecs } from './functions.ts';

let stacks: ReturnType<typeof buildApp>;
let t: { data: Template; auth: Template; api: Template; events: Template; web: Template };

beforeAll(() => {
  process.env.CDK_DEFAULT_ACCOUNT = '123456789012';
  stacks = buildApp(new App());
  // With the cdk-nag AwsSolutions plugin registered, synth throws on any unacknowledged finding.
  stacks.app.synth();
  t = {
    data: Template.fromStack(stacks.data),
    auth: Template.fromStack(stacks.auth),
    api: Template.fromStack(stacks.api),
    events: Template.fromStack(stacks.events),
    web: Template.fromStack(stacks.web),
  };
}, 240_000);

const allTemplates = () => Object.values(t);

describe('the CDK app', () => {
  it('synthesizes with cdk-nag AwsSolutions and no unacknowledged findings (and cdk-nag is really checking)', () => {
    expect(
      stacks.app.node.children
        .filter((c) => Stack.isStack(c))
        .map((c) => c.node.id)
        .sort(),
    ).toEqual(['DingoApi', 'DingoAuth', 'DingoData', 'DingoEvents', 'DingoWeb']);
    // Control: the same app plus one non-compliant bucket must fail synthesis.
    const control = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } })); // no need to bundle twice
    new Bucket(control.data, 'Careless');
    expect(() => control.app.synth()).toThrow(/AwsSolutions-S1|server access logs/);
  });

  it('also synthesizes without an account, as `npx cdk synth` does on a machine with no AWS credentials', () => {
    const saved = process.env.CDK_DEFAULT_ACCOUNT;
    delete process.env.CDK_DEFAULT_ACCOUNT;
    try {
      const agnostic = buildApp(new App({ context: { 'aws:cdk:bundling-stacks': [] } }));
      expect(() => agnostic.app.synth()).not.toThrow();
    } finally {
      process.env.CDK_DEFAULT_ACCOUNT = saved;
    }
  });

  it('defines the single table: pk/sk, three GSIs (event log keys-only), NEW_IMAGE stream, TTL, on-demand, PITR', () => {
    t.data.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1', Projection: { ProjectionType: 'ALL' } }),
        Match.objectLike({ IndexName: 'gsi2' }),
        Match.objectLike({ IndexName: 'gsi3', Projection: { ProjectionType: 'KEYS_ONLY' } }),
        Match.objectLike({
          IndexName: 'gsi4',
          KeySchema: [{ AttributeName: 'gsi4pk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    });
  });

  it('creates one HTTP API route per route-table entry, with the authorizer on every non-public one', () => {
    const created = t.api.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(created)
      .map((r) => r.Properties.RouteKey)
      .sort();
    expect(keys).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of Object.values(created)) {
      const route = routes.find((x) => `${x.method} ${x.path}` === r.Properties.RouteKey)!;
      expect(r.Properties.AuthorizationType, r.Properties.RouteKey).toBe(route.auth === 'public' ? 'NONE' : 'CUSTOM');
    }
    t.api.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
    });
  });

  it('runs one Node.js 24 arm64 function per module, plus the authorizer', () => {
    // Besides them, the CDK's own writer of the cross-region reference the web stack (us-east-1) reads.
    const fns = Object.entries(t.api.findResources('AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith('CustomCrossRegionExportWriter'))
      .map(([, fn]) => fn);
    const modules = new Set(routes.map((r) => r.module));
    expect(fns).toHaveLength(modules.size + 1);
    for (const fn of fns) expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
  });

  // Guarantees: each function deploys its own code; deployed functions skip the response-schema check (tests and the local cloud keep it) and parse no source maps at start.
  it("runs every product function from its own bundle, as a production stage, without source maps at start or Lambda's START/END/REPORT lines", () => {
    const ids = new Set(functionSpecs().map((s) => s.id));
    const fns = allTemplates()
      .flatMap((tpl) => Object.entries(tpl.findResources('AWS::Lambda::Function')))
      // ModuleFunction `<spec id>/Fn` (the CDK's own custom-resource handlers are not ours)
      .filter(([id]) => ids.has(/^(.+)Fn[0-9A-F]{8}$/.exec(id)?.[1] ?? ''))
      .map(
        ([, fn]) =>
          fn.Properties as {
            Handler: string;
            Code: unknown;
            Environment: { Variables: Record<string, unknown> };
            LoggingConfig: { LogFormat: string; SystemLogLevel?: string };
          },
      );
    expect(fns).toHaveLength(functionSpecs().length);
    // Each its own bundle: one asset per function.
    expect(new Set(fns.map((fn) => JSON.stringify(fn.Code))).size).toBe(fns.length);
    for (const fn of fns) {
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Environment.Variables.STAGE).toBe('prod');
      expect(fn.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      // The cost model (bench/cost.ts PLATFORM_LOG_BYTES) counts no platform lines: they are INFO system logs.
      expect(fn.LoggingConfig).toMatchObject({ LogFormat: 'JSON', SystemLogLevel: 'WARN' });
    }
  });

  // Guarantees: in AWS, a module function can only touch its tenant's keys, and nothing can Scan.
  it('scopes module data access to <TenantID>#* through an assumed role, and grants no Scan anywhere', () => {
    t.data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: ['sts:AssumeRole', 'sts:TagSession'] })]),
      },
      Policies: [
        {
          PolicyName: 'tenantItems',
          PolicyDocument: {
            Statement: [
              Match.objectLike({
                Effect: 'Allow',
                Condition: {
                  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
                  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['${aws:PrincipalTag/TenantID}#*'] },
                },
              }),
            ],
          },
        },
      ],
    });
    const tenantPolicy = Object.values(t.data.findResources('AWS::IAM::Role'))[0]!.Properties.Policies[0].PolicyDocument
      .Statement[0];
    expect(tenantPolicy.Action).not.toContain('dynamodb:Scan');
    expect(tenantPolicy.Action).not.toContain('dynamodb:*');
    for (const template of allTemplates()) {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/dynamodb:Scan|dynamodb:\*/);
    }
    for (const template of [t.api, t.events]) {
      for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) {
        const vars = fn.Properties.Environment?.Variables ?? {};
        if (vars.TABLE_NAME && !('EVENT_BUS_NAME' in vars) && fn.Properties.MemorySize !== 512)
          expect(vars.TENANT_ROLE_ARN).toBeDefined();
      }
    }
  });

  it('creates one EventBridge rule per consumer, from the rules table, each with retries and a DLQ with an alarm that notifies', () => {
    const rules = Object.values(t.events.findResources('AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern && !r.Properties.EventPattern.detail,
    );
    expect(rules).toHaveLength(consumerRules.length);
    for (const consumer of consumerRules) {
      const rule = rules.find((r) => r.Properties.Name === `dingo-${consumer.name}`)!;
      expect(rule.Properties.EventPattern['detail-type']).toEqual([...consumer.types]);
      expect(rule.Properties.EventPattern.source).toEqual([
        ...new Set(consumer.types.map((x) => eventCatalog.get(x)!.source)),
      ]);
      expect(rule.Properties.Targets[0]).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: 8 },
        DeadLetterConfig: { Arn: expect.anything() },
      });
    }
    // What a consumer's function fails on (after Lambda's own retries) lands in its DLQ too.
    const invokeConfigs = Object.values(t.events.findResources('AWS::Lambda::EventInvokeConfig'));
    expect(invokeConfigs).toHaveLength(consumerRules.length + scheduledJobs.length);
    for (const c of invokeConfigs)
      expect(c.Properties.DestinationConfig.OnFailure.Destination).toEqual({
        'Fn::GetAtt': [expect.any(String), 'Arn'],
      });
    // An alarm per consumer DLQ, per job's errors, and the relay's DLQ and lag: every one tells the alarm topic.
    const alarms = Object.values(t.events.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(consumerRules.length + 2 * scheduledJobs.length + 2);
    const [topicId] = Object.keys(t.events.findResources('AWS::SNS::Topic'));
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const relayDlq = Object.entries(t.events.findResources('AWS::SQS::Queue')).find(([id]) =>
      id.startsWith('RelayDlq'),
    )!;
    expect(alarms.some((a) => a.Properties.Dimensions?.[0]?.Value?.['Fn::GetAtt']?.[0] === relayDlq[0])).toBe(true);
  });

  it('fans each job out: one unit rule per job, filtered on the job, with retries and a DLQ', () => {
    const units = Object.values(t.events.findResources('AWS::Events::Rule')).filter(
      (r) => r.Properties.EventPattern?.detail,
    );
    expect(units.map((r) => r.Properties.EventPattern.detail.job[0]).sort()).toEqual(
      scheduledJobs.map((j) => j.name).sort(),
    );
    for (const rule of units) {
      expect(rule.Properties.EventPattern).toMatchObject({ source: ['dingo.jobs'], 'detail-type': ['Job Unit'] });
      expect(rule.Properties.Targets[0]).toMatchObject({
        RetryPolicy: { MaximumRetryAttempts: 4 },
        DeadLetterConfig: { Arn: expect.anything() },
      });
    }
  });

  it("runs each scheduled job on its schedule, and lets jobs read only the tenant registry outside tenants' keys", () => {
    const schedules = Object.values(t.events.findResources('AWS::Events::Rule')).filter(
      (r) => r.Properties.ScheduleExpression,
    );
    expect(schedules.map((r) => r.Properties.ScheduleExpression).sort()).toEqual(
      scheduledJobs.map((j) => j.schedule).sort(),
    );
    const policies = JSON.stringify(t.events.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('"dynamodb:LeadingKeys":["PLATFORM#TENANTS"]');
    expect(policies).toContain('ses:SendEmail');
    expect(policies).toContain('"dynamodb:LeadingKeys":["PLATFORM#WEBHOOK_PENDING"]');
    // API-key lookups: the partners module writes them, the authorizer may only set a key's "last used".
    const apiPolicies = JSON.stringify(t.api.findResources('AWS::IAM::Policy'));
    expect(apiPolicies).toContain('"dynamodb:LeadingKeys":["APIKEY#*","PLATFORM#WEBHOOK_PENDING"]');
    expect(apiPolicies).toContain('"dynamodb:Attributes":["pk","sk","lastUsedAt"]');
  });

  // Guarantees: the authorizer's role reads only API-key lookups and user items, not any item in the table (issue 9, item 11).
  it('lets the authorizer read only API-key lookups and user items, and every DynamoDB grant of every function names its leading keys', () => {
    const statements = Object.values(t.api.findResources('AWS::IAM::Policy')).flatMap(
      (p) =>
        p.Properties.PolicyDocument.Statement as {
          Action: string | string[];
          Condition?: Record<string, Record<string, unknown>>;
        }[],
    );
    const dynamo = statements.filter((st) =>
      [st.Action].flat().some((a) => a.startsWith('dynamodb:') && a !== 'dynamodb:DescribeTable'),
    );
    const reads = dynamo.filter((st) => [st.Action].flat().includes('dynamodb:GetItem'));
    expect(reads.length).toBeGreaterThan(0);
    for (const st of dynamo)
      expect(st.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'], JSON.stringify(st)).toBeDefined();
    expect(JSON.stringify(reads)).toContain('"dynamodb:LeadingKeys":["APIKEY#*","ten_*#USER#*"]');
  });

  it('feeds only outbox items from the stream to the relay, with a failure destination', () => {
    t.events.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('EVENT#') }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('serves the web app from a private bucket and forwards /v1/* to the API through one CloudFront origin', () => {
    t.web.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ CacheBehaviors: [Match.objectLike({ PathPattern: '/v1/*' })] }),
    });
    t.web.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
    });
  });

  it('rewrites only the web behaviour to the app, sends security headers, and rate-limits the public auth routes per address', () => {
    expect(stacks.web.region).toBe('us-east-1'); // where CloudFront's web ACLs must be
    const [dist] = Object.values(t.web.findResources('AWS::CloudFront::Distribution'));
    const config = dist!.Properties.DistributionConfig;
    // No distribution-wide error page: an API 403 or 404 reaches the client as the API's problem+json.
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      expect.objectContaining({ EventType: 'viewer-request' }),
    ]);
    expect(config.CacheBehaviors[0].FunctionAssociations).toBeUndefined();
    expect(config.WebACLId).toBeDefined();
    const [rewrite] = Object.values(t.web.findResources('AWS::CloudFront::Function'));
    const code = rewrite!.Properties.FunctionCode as string;
    // Run the function's own code as CloudFront would: an app route becomes index.html, a file stays itself.
    const handler = new Function(`${code}; return handler;`)() as (e: unknown) => { uri: string };
    expect(handler({ request: { uri: '/orders/ord_1' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/' } }).uri).toBe('/index.html');
    expect(handler({ request: { uri: '/assets/index-abc.js' } }).uri).toBe('/assets/index-abc.js');

    const policies = Object.values(t.web.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map(
      (p) => p.Properties.ResponseHeadersPolicyConfig,
    );
    const web = policies.find((p) => p.SecurityHeadersConfig.ContentSecurityPolicy)!;
    expect(web.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(web.SecurityHeadersConfig.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(31536000);
    expect(web.SecurityHeadersConfig.FrameOptions.FrameOption).toBe('DENY');
    const api = policies.find((p) => !p.SecurityHeadersConfig.ContentSecurityPolicy)!;
    expect(api.SecurityHeadersConfig.StrictTransportSecurity).toBeDefined();
    expect(config.CacheBehaviors[0].ResponseHeadersPolicyId).toBeDefined();

    // Every public route that writes (sign-up, login, password reset, a customer's rating) is under the rule.
    const publicWrites = routes.filter((r) => r.auth === 'public' && r.method === 'POST').map((r) => r.path);
    expect(publicWrites.length).toBeGreaterThanOrEqual(7);
    for (const path of publicWrites) expect(PUBLIC_WRITE_PATHS.some((p) => path.startsWith(p))).toBe(true);
    t.web.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      Rules: Match.arrayWith([
        Match.objectLike({
          Name: 'auth-rate-per-address',
          Action: { Block: { CustomResponse: Match.objectLike({ ResponseCode: 429 }) } },
          Statement: {
            RateBasedStatement: Match.objectLike({
              AggregateKeyType: 'IP',
              ScopeDownStatement: {
                OrStatement: {
                  Statements: ['/v1/signup', '/v1/auth/', '/v1/public/'].map((path) =>
                    Match.objectLike({ ByteMatchStatement: Match.objectLike({ SearchString: path }) }),
                  ),
                },
              },
            }),
          },
        }),
      ]),
    });
  });

  it('keeps tenant and user ids as immutable custom attributes of the user pool', () => {
    t.auth.hasResourceProperties('AWS::Cognito::UserPool', {
      Schema: Match.arrayWith([
        Match.objectLike({ Name: 'tenantId', Mutable: false }),
        Match.objectLike({ Name: 'userId', Mutable: false }),
      ]),
    });
  });
});

describe('reserved concurrency', () => {
  it('caps background consumers and jobs with -c reservedConcurrency=true, and reserves nothing by default', () => {
    const reserved = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))
        .map((r) => r.Properties.ReservedConcurrentExecutions)
        .filter((n) => n !== undefined);
    expect(reserved(t.events)).toEqual([]);
    expect(reserved(t.api)).toEqual([]);
    const on = buildApp(new App({ context: { reservedConcurrency: 'true', 'aws:cdk:bundling-stacks': [] } }));
    expect(reserved(Template.fromStack(on.events)).sort((a, b) => a - b)).toEqual(
      Object.values(BACKGROUND_CONCURRENCY).sort((a, b) => a - b),
    );
  });
});
