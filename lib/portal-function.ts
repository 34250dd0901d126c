import { join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  ApplicationLogLevel,
  type CfnFunction,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { projectRoot } from '../scripts/project-root';
import { FUNCTION_BUNDLING } from './bundling';
import { rootStackOf } from './cross-stack';
import { logsKey } from './log-encryption';

export interface PortalFunctionProps {
  /** Directory under functions/ holding `handler.ts`, which exports `handler`. */
  functionName: string;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  description?: string;
  /** API functions answer within API Gateway's 29 s limit; scheduled work may need longer. */
  timeout?: Duration;
  /** 512 MB unless the function holds large files in memory (the case pack). */
  memorySize?: number;
  /**
   * For functions invoked asynchronously (the scheduler): where an event goes when Lambda's own retries
   * of a failed invocation are spent, so no run is silently lost.
   */
  asyncFailureQueue?: IQueue;
  /** Why a function invoked neither by API Gateway nor asynchronously needs no dead-letter queue of its own. */
  deadLetterReason?: string;
}

const ROOT = projectRoot();

/** Something a capability (table, documents, mail) can grant rights to. */
export interface Grantee extends IConstruct {
  allow(...statements: PolicyStatement[]): void;
}

/**
 * X-Ray's two actions support no resource-level permissions. One customer-managed policy holds them for
 * every function, in every stack, so the "*" is acknowledged there alone and a wildcard in a function's
 * own policy still fails the checks.
 */
function tracingPolicy(scope: Construct): ManagedPolicy {
  const stack = rootStackOf(scope);
  const existing = stack.node.tryFindChild('FunctionTracing');
  if (existing) return existing as ManagedPolicy;
  const policy = new ManagedPolicy(stack, 'FunctionTracing', {
    description: 'Lets the portal functions send traces to X-Ray',
    statements: [
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }),
    ],
  });
  Validations.of(policy).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so their resource must be "*".',
  });
  return policy;
}

/**
 * The one way this app defines a Lambda function: bundled from functions/<name>/handler.ts, Node 22
 * on Graviton, traced, with its own log group and its own role that starts with nothing but the
 * right to write to that log group. Each capability (table, documents, mail) grants what a function
 * needs through `allow`.
 */
export class PortalFunction extends Construct implements Grantee {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /**
   * The role's inline policy. Inline rather than CDK's separate default policy: a stack holds at most
   * 500 resources, nested stacks of functions included (ADR 0018), and one resource per function matters.
   */
  private readonly permissions: PolicyDocument;

  constructor(scope: Construct, id: string, props: PortalFunctionProps) {
    super(scope, id);

    // Retained: the logs are the record of who did what if an incident is investigated after the
    // stack is gone; the retention period still expires them.
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      encryptionKey: logsKey(this),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of AWSLambdaBasicExecutionRole, whose logs:* rights cover every log group.
    this.permissions = new PolicyDocument({
      statements: [
        new PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.functionName} function`,
      inlinePolicies: { Permissions: this.permissions },
      // Lambda checks at creation that an actively traced function's role may write to X-Ray.
      managedPolicies: [tracingPolicy(this)],
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(ROOT, 'functions', props.functionName, 'handler.ts'),
      handler: 'handler',
      // A failed asynchronous run, after Lambda's two retries, goes to the queue with its error.
      ...(props.asyncFailureQueue ? { onFailure: new SqsDestination(props.asyncFailureQueue), retryAttempts: 2 } : {}),
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      // No reserved concurrency: reserving would fail in accounts with the default low limit, and the
      // API's stage and WAF throttles already bound the load.
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'safeguarding-portal',
      },
      bundling: FUNCTION_BUNDLING,
    });

    // X-Ray, active. Set here rather than with `tracing`, which would add its own policy resource with
    // X-Ray's "*" to every role; the shared tracing policy carries those rights instead.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: 'Active' };

    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaLatestVersion',
      reason:
        'Node.js 22 on purpose: it is the version the code is developed and tested with (package.json engines and the node@22 devDependency).',
    });
    Validations.of(this.function).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason: props.asyncFailureQueue
        ? 'Failed asynchronous runs go to an on-failure destination (the same queue a dead-letter config would use), which also records the error.'
        : (props.deadLetterReason ??
          'Invoked synchronously by API Gateway only: a failure is returned to the caller, so there is no asynchronous event to keep.'),
    });
    if (props.asyncFailureQueue) {
      // CDK's grant for sending to a KMS-encrypted queue names the key's wildcard data-key actions.
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: 'Sending failed runs to the KMS-encrypted dead-letter queue; the grant names only that queue’s key.',
        });
      }
    }
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 on purpose: it is the version the code is developed and tested with (package.json engines and the node@22 devDependency); the runtime moves with them.',
    });
  }

  allow(...statements: PolicyStatement[]): void {
    this.permissions.addStatements(...statements);
  }
}
