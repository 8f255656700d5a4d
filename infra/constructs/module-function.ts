import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleOptions, projectRoot, type FunctionSpec } from '../functions.ts';

export interface ModuleFunctionProps {
  spec: FunctionSpec;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/** One Lambda: Node.js 24 on arm64, ESM bundle with the SDK inside, JSON logs kept 30 days. */
export class ModuleFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: ModuleFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: props.spec.entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot,
      depsLockFilePath: `${projectRoot}/package-lock.json`,
      environment: { NODE_OPTIONS: '--enable-source-maps', STAGE: 'prod', ...props.environment },
      bundling: {
        format: OutputFormat.ESM,
        minify: bundleOptions.minify,
        target: bundleOptions.target,
        mainFields: bundleOptions.mainFields,
        banner: bundleOptions.banner,
        sourceMap: true,
        externalModules: [], // bundle the SDK: faster cold starts than the runtime's copy, and pinned
        // Run from the project root (local and Docker bundling alike), so the alias's relative path resolves.
        esbuildArgs: Object.fromEntries(
          Object.entries(bundleOptions.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
      },
    });
  }

  /** Sets a variable; constructs that grant access call this in the same place. */
  env(name: string, value: string) {
    this.fn.addEnvironment(name, value);
  }
}
