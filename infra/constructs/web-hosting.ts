import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  Function as EdgeFunction,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { projectRoot } from '../functions.ts';
import { HSTS_SECONDS, WEB_CSP } from '../web-headers.ts';

/**
 * Paths of the public routes that write without a company credential (sign-up, login, password reset,
 * a customer's rating by its link): a WAF rate rule per client address guards them.
 */
export const PUBLIC_WRITE_PATHS = ['/v1/signup', '/v1/auth/', '/v1/public/'];
/** Requests per client address and 5 minutes to those paths before WAF answers 429. */
export const AUTH_RATE_PER_5_MIN = 100;

/**
 * The SPA's routes live in the browser: a path without a file extension is the app's index.html.
 * Only on the web behaviour: an API answer (a 403 `missing_scope`, a 404) reaches the client as it is.
 */
const SPA_REWRITE = `function handler(event) {
  var request = event.request;
  if (!/\\.[a-zA-Z0-9]+$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

/**
 * The web app on S3 behind CloudFront, with /v1/* forwarded to the HTTP API: one origin for the
 * browser, so no CORS and the same paths as the local cloud.
 */
export class WebHosting extends Construct {
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: { apiDomain: string; webAclArn?: string }) {
    super(scope, id);
    const logs = new Bucket(this, 'Logs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'This is the access-log bucket itself.' });
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'site/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    const hsts = { accessControlMaxAge: Duration.seconds(HSTS_SECONDS), includeSubdomains: true, override: true };
    const webHeaders = new ResponseHeadersPolicy(this, 'WebHeaders', {
      comment: 'Security headers of the web app (the same list the local gateway sends: infra/web-headers.ts)',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: WEB_CSP, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        strictTransportSecurity: hsts,
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'permissions-policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=()',
            override: true,
          },
        ],
      },
    });
    // The API sets its own content type and, on printable pages, its own policy: only transport headers are added.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Transport security headers on API answers',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: hsts,
      },
    });
    this.distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      webAclId: props.webAclArn,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: webHeaders,
        functionAssociations: [
          {
            eventType: FunctionEventType.VIEWER_REQUEST,
            function: new EdgeFunction(this, 'SpaRewrite', {
              code: FunctionCode.fromInline(SPA_REWRITE),
              runtime: FunctionRuntime.JS_2_0,
              comment: 'Client-side routes of the web app serve index.html',
            }),
          },
        ],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(props.apiDomain),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
      },
      // No distribution-wide error pages: they would turn the API's 403s and 404s into the app's HTML.
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Customers and partners are worldwide; no geo restriction.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The default CloudFront certificate until a custom domain is configured.',
    });
    const dist = join(projectRoot, 'web', 'dist');
    if (existsSync(join(dist, 'index.html'))) {
      new BucketDeployment(this, 'Deploy', {
        // The build's manifest (which chunks each page loads) is for the benchmark, not for browsers.
        sources: [Source.asset(dist, { exclude: ['.vite', '.vite/**'] })],
        destinationBucket: site,
        distribution: this.distribution,
      });
      // The CDK's BucketDeployment handler copies the asset into the site bucket and invalidates the CDN.
      const stack = Stack.of(this);
      for (const finding of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        `Resource::<${stack.getLogicalId(site.node.defaultChild as CfnElement)}.Arn>/*`,
        `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account}-${stack.region}/*`,
      ]) {
        Validations.of(stack).acknowledge({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: 'Grants of the CDK BucketDeployment handler on the asset and site buckets only.',
        });
      }
    }
  }
}

/**
 * The WAF web ACL in front of CloudFront (CloudFront's ACLs live in us-east-1): a rate rule per
 * client address on the public routes that take a password or mail a code (sign-up, login, password
 * reset), where no company and so no company budget exists yet; and AWS's lists of known-bad inputs
 * and addresses. Company and API-key budgets are the API's own (functions/platform/rate-limit.ts).
 */
export class EdgeFirewall extends Construct {
  readonly acl: CfnWebACL;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managed = (name: string, priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    this.acl = new CfnWebACL(this, 'Acl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('dingo-edge'),
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'https://dingo.dev/problems/rate_limited',
            title: 'Too Many Requests',
            status: 429,
            code: 'rate_limited',
            detail: 'Too many sign-up, login or password-reset attempts from this address; wait a few minutes.',
          }),
        },
      },
      rules: [
        {
          name: 'auth-rate-per-address',
          priority: 0,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'rateLimited',
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: {
              limit: AUTH_RATE_PER_5_MIN,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: PUBLIC_WRITE_PATHS.map((path) => ({
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: path,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  })),
                },
              },
            },
          },
          visibilityConfig: visibility('auth-rate-per-address'),
        },
        managed('AWSManagedRulesAmazonIpReputationList', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
      ],
    });
  }
}
