import { App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack, AuthStack, DataStack, EventsStack, WebStack } from './stacks.ts';

/** The whole product: stacks only compose; constructs hold the concerns. */
export function buildApp(app = new App()) {
  const env: Environment = {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'ap-east-1',
  };
  const data = new DataStack(app, 'DingoData', { env });
  const auth = new AuthStack(app, 'DingoAuth', { env });
  const api = new ApiStack(app, 'DingoApi', {
    env,
    crossRegionReferences: true, // the web stack (us-east-1) names this API's domain
    table: data.table,
    tenantAccess: data.tenantAccess,
    userPool: auth.userPool,
    userPoolClient: auth.client,
  });
  const events = new EventsStack(app, 'DingoEvents', {
    env,
    table: data.table,
    tenantAccess: data.tenantAccess,
    userPool: auth.userPool,
  });
  // CloudFront's WAF web ACL and functions live in us-east-1: the web stack is there, whatever the API's region.
  const web = new WebStack(app, 'DingoWeb', {
    env: { account: env.account, region: 'us-east-1' },
    crossRegionReferences: true,
    apiDomain: `${api.httpApi.api.apiId}.execute-api.${api.region}.amazonaws.com`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, data, auth, api, events, web };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  buildApp().app.synth();
}
