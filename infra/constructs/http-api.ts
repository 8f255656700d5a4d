import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes } from '#shared/api/routes.ts';
import type { ModuleName } from '#shared/api/route.ts';
import type { ModuleFunction } from './module-function.ts';

export interface DingoHttpApiProps {
  modules: ReadonlyMap<ModuleName, ModuleFunction>;
  authorizer: ModuleFunction;
  /** Seconds API Gateway caches an authorizer answer per credential. */
  authorizerCacheTtl?: number;
}

/** The HTTP API: one route per entry of the route table, wired to its module's function. */
export class DingoHttpApi extends Construct {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: DingoHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: 'dingo',
      createDefaultStage: false,
      description: 'Dingo order-to-cash API',
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // A ceiling for the whole deployment, far above any company's own budget (50/s each, rate-limit.ts): one
      // company over its budget is refused by the API and must not fill the stage for the others.
      throttle: { rateLimit: 5_000, burstLimit: 10_000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    const authorizer = new HttpLambdaAuthorizer('Credential', props.authorizer.fn, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.seconds(props.authorizerCacheTtl ?? 30),
    });
    const integrations = new Map<ModuleName, HttpLambdaIntegration>();
    for (const r of routes) {
      const fn = props.modules.get(r.module);
      if (!fn) throw new Error(`no function for module ${r.module}`);
      let integration = integrations.get(r.module);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${r.module}Integration`, fn.fn);
        integrations.set(r.module, integration);
      }
      this.api.addRoutes({
        path: r.path,
        methods: [HttpMethod[r.method]],
        integration,
        authorizer: r.auth === 'public' ? new HttpNoneAuthorizer() : authorizer,
      });
    }
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Only the public routes of the route table (signup, login, refresh, new password, health, OpenAPI) have no authorizer.',
    });
  }
}
