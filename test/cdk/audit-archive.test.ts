import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { TAMPERING_MESSAGE } from '../../functions/domain/audit-archive';
import { Alarms } from '../../lib/alarms';
import {
  AUDIT_ARCHIVE_ACCESS_LOG_PREFIX,
  AUDIT_ARCHIVE_RETENTION_DAYS,
  AUDIT_TAMPERING_METRIC,
  AuditArchive,
} from '../../lib/audit-archive';

/**
 * The audit archive in a stack of its own: a table like the portal's (customer key, stream of new and
 * old images), an access-log bucket and the alarms. Bundling is skipped (test/cdk/bundles.test.ts
 * bundles every function).
 */
type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string };
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: Record<string, any> };

const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
/** The fixtures beside the construct, which these tests do not judge. */
const FIXTURES = ['Archive/Table/', 'Archive/Logs/'];
const FORBIDDEN_S3 = [
  /^s3:\*$/,
  /^s3:Delete/,
  /^s3:PutObjectRetention$/,
  /^s3:PutObjectLegalHold$/,
  /^s3:BypassGovernanceRetention$/,
  /^s3:PutBucket/,
  /^s3:PutObjectAcl$/,
  /^s3:Put\*$/,
];

function build(options: { stream?: boolean; nested?: boolean } = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Archive', { env: { region: 'eu-west-2', account: '111111111111' } });
  const table = new Table(stack, 'Table', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
    sortKey: { name: 'SK', type: AttributeType.STRING },
    encryption: TableEncryption.CUSTOMER_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    ...(options.stream === false ? {} : { stream: StreamViewType.NEW_AND_OLD_IMAGES }),
  });
  const archive = new AuditArchive(stack, 'AuditArchive', {
    table,
    accessLogs: new Bucket(stack, 'Logs'),
    alarms: new Alarms(stack, 'Alarms'),
    environment: { TABLE_NAME: 'unused' },
    logRetention: RetentionDays.ONE_YEAR,
    ...(options.nested ? { functions: new NestedStack(stack, 'Functions') } : {}),
  });
  return { app, stack, archive };
}

let app: App;
let stack: Stack;
let archive: AuditArchive;
let template: Template;
let resources: Record<string, Resource>;
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as never);

beforeAll(() => {
  ({ app, stack, archive } = build());
  app.synth();
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

test('cdk-nag (AwsSolutions and Serverless) finds nothing unacknowledged in the construct', () => {
  const reports = [new AwsSolutionsChecks().validateScope(app), new ServerlessChecks().validateScope(app)];
  const findings = reports
    .flatMap((report) => report.violations)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
  // The check runs: the bare access-log fixture is reported.
  expect(findings).toContain('AwsSolutions-S10 at Archive/Logs/Resource');
  expect(findings.filter((f) => !FIXTURES.some((path) => f.includes(` at ${path}`)))).toEqual([]);
});

test('with its function in a nested stack, the bucket and key stay here, and every finding is still acknowledged', () => {
  const split = build({ nested: true });
  split.app.synth();
  const functions = split.stack.node.findChild('Functions');
  for (const kept of [split.archive.bucket, split.archive.key]) expect(Stack.of(kept)).toBe(split.stack);
  for (const moved of [split.archive.archiver.function, split.archive.deadLetters, split.archive.tamperingAlarm]) {
    expect(Stack.of(moved)).toBe(functions);
  }
  const reports = [new AwsSolutionsChecks().validateScope(split.app), new ServerlessChecks().validateScope(split.app)];
  const findings = reports
    .flatMap((report) => report.violations)
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
  expect(findings).toContain('AwsSolutions-S10 at Archive/Logs/Resource');
  expect(findings.filter((f) => !FIXTURES.some((path) => f.includes(` at ${path}`)))).toEqual([]);
});

test('the construct refuses a table without a stream', () => {
  expect(() => build({ stream: false })).toThrow(/Streams must be enabled/);
});

describe('archive bucket', () => {
  test('Object Lock in compliance mode for six years, versioned, with its own rotating key, kept', () => {
    const bucket = resources[logicalId(archive.bucket)]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: AUDIT_ARCHIVE_RETENTION_DAYS } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(archive.key), 'Arn'] },
            },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: stack.getLogicalId(stack.node.findChild('Logs').node.defaultChild as never) },
        LogFilePrefix: AUDIT_ARCHIVE_ACCESS_LOG_PREFIX,
      },
    });
    expect(AUDIT_ARCHIVE_RETENTION_DAYS).toBeGreaterThanOrEqual(6 * 365);
    expect(resources[logicalId(archive.key)]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { EnableKeyRotation: true },
    });
    for (const [, key] of ofType('AWS::KMS::Key')) expect(key.Properties?.EnableKeyRotation).toBe(true);
  });

  test('its policy refuses plain HTTP and any write that could replace an archived object', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(archive.bucket) },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: 's3:PutObject',
            Condition: { Null: { 's3:if-none-match': 'true' } },
          }),
        ]),
      },
    });
  });
});

describe('archiver function', () => {
  const roleStatements = (): Statement[] => {
    const roleId = logicalId(archive.archiver.role);
    return [
      ...((resources[roleId]?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
        (p) => p.PolicyDocument.Statement,
      ),
      ...ofType('AWS::IAM::Policy')
        .filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(`"${roleId}"`))
        .flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as Statement[]),
    ];
  };

  test('knows its bucket, and may only put new objects under audit/ with its key through S3', () => {
    expect(resources[logicalId(archive.archiver.function)]?.Properties?.Environment.Variables).toMatchObject({
      AUDIT_ARCHIVE_BUCKET: { Ref: logicalId(archive.bucket) },
    });
    const statements = roleStatements();
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3).toEqual([
      {
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(archive.bucket), 'Arn'] }, '/audit/*']] },
      },
    ]);
    const archiveKey = statements.filter((s) => JSON.stringify(s.Resource).includes(logicalId(archive.key)));
    expect(archiveKey).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Condition: { StringEquals: { 'kms:ViaService': expect.anything() } },
      }),
    ]);
  });

  test('no allow anywhere in the stack can delete, re-lock, hold or bypass an archived object', () => {
    const allows: Statement[] = [
      ...ofType('AWS::IAM::Role').flatMap(([, r]) =>
        ((r.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
          (p) => p.PolicyDocument.Statement,
        ),
      ),
      ...['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::S3::BucketPolicy'].flatMap((type) =>
        ofType(type).flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as Statement[]),
      ),
    ].filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    const forbidden = allows.flatMap(actionsOf).filter((a) => a === '*' || FORBIDDEN_S3.some((re) => re.test(a)));
    expect(forbidden).toEqual([]);
  });

  test('reads the stream from its start, in retried and bisected batches, with failures kept and alarmed', () => {
    const queueId = logicalId(archive.deadLetters);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(archive.archiver.function) },
      EventSourceArn: {
        'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('Table').node.defaultChild as never), 'StreamArn'],
      },
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: Match.anyValue(),
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(resources[queueId]?.Properties?.KmsMasterKeyId).toBeDefined();
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms).toContainEqual(
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      }),
    );
    expect(alarms).toContainEqual(expect.objectContaining({ MetricName: 'IteratorAge', Namespace: 'AWS/Lambda' }));
  });

  test('is sent audit items only: an audit entity in the new image or in the old one', () => {
    const [[, mapping]] = ofType('AWS::Lambda::EventSourceMapping') as [[string, Resource]];
    const patterns = (mapping.Properties?.FilterCriteria.Filters as { Pattern: string }[]).map((f) =>
      JSON.parse(f.Pattern),
    );
    expect(patterns).toEqual([
      { dynamodb: { NewImage: { entity: { S: ['audit'] } } } },
      { dynamodb: { OldImage: { entity: { S: ['audit'] } } } },
    ]);
  });
});

test('a tampering line in the archiver’s log raises an alarm on the alarm topic', () => {
  template.hasResourceProperties('AWS::Logs::MetricFilter', {
    LogGroupName: { Ref: logicalId(archive.archiver.logGroup) },
    FilterPattern: `{ $.message = "${TAMPERING_MESSAGE}" }`,
    MetricTransformations: [
      { MetricNamespace: AUDIT_TAMPERING_METRIC.namespace, MetricName: AUDIT_TAMPERING_METRIC.name, MetricValue: '1' },
    ],
  });
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    Namespace: AUDIT_TAMPERING_METRIC.namespace,
    MetricName: AUDIT_TAMPERING_METRIC.name,
    Statistic: 'Sum',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    AlarmActions: [
      { Ref: stack.getLogicalId(stack.node.findChild('Alarms').node.findChild('Topic').node.defaultChild as never) },
    ],
  });
});
