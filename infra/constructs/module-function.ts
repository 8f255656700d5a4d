import { AssetHashType, DockerImage, Duration, RemovalPolicy, type ILocalBundling } from 'aws-cdk-lib';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  SystemLogLevel,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleFunction, projectRoot, type FunctionSpec } from '../functions.ts';

export interface ModuleFunctionProps {
  spec: FunctionSpec;
  environment?: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
}

/**
 * One Lambda: Node.js 24 on arm64, ESM bundle with the SDK inside, JSON logs kept 30 days. The bundle is
 * `bundleFunction`'s (infra/functions.ts), the one the benchmark measures: an entry plus chunks loaded on
 * demand, which NodejsFunction's single-file esbuild call cannot make. No --enable-source-maps: parsing the
 * maps at start costs ~15% of a cold init (`npm run build:functions` writes them, to decode a logged stack).
 */
/**
 * Bundles in this process. `entry` is a field, not only captured: the CDK caches staged assets by their
 * bundling options, and a closure alone would give every function the first one's code.
 */
class LocalBundle implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string) {
    bundleFunction(this.entry, outputDir);
    return true;
  }
}

export class ModuleFunction extends Construct {
  readonly fn: LambdaFunction;

  constructor(scope: Construct, id: string, props: ModuleFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new LambdaFunction(this, 'Fn', {
      code: Code.fromAsset(projectRoot, {
        assetHashType: AssetHashType.OUTPUT,
        // Always bundled here with esbuild (a dev dependency); the image is never pulled, as in NodejsFunction.
        bundling: { image: DockerImage.fromRegistry('dummy'), local: new LocalBundle(props.spec.entry) },
      }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      // Lambda's own START/END/REPORT lines are INFO system logs, about half of what an order's life
      // writes to CloudWatch (the duration and memory are Lambda's metrics anyway): warnings only.
      systemLogLevelV2: SystemLogLevel.WARN,
      logGroup,
      environment: { STAGE: 'prod', ...props.environment },
    });
  }

  /** Sets a variable; constructs that grant access call this in the same place. */
  env(name: string, value: string) {
    this.fn.addEnvironment(name, value);
  }
}
