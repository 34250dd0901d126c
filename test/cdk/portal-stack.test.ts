import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  App,
  CfnWaitConditionHandle,
  NestedStack,
  Stack,
  Validations,
  type PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Code, Function, Runtime, type CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { TABLE_LAYOUT } from '../../functions/adapters/dynamodb/table-definition';
import { routes } from '../../functions/contract/routes';
import { loadConfig } from '../../functions/runtime/config';
import { DEFAULT_THROTTLE, SIGN_IN_ROUTES, SIGN_IN_THROTTLE } from '../../lib/api';
import { SIGN_IN_RATE_LIMIT_PER_IP } from '../../lib/api-firewall';
import { AUDIT_PARTITIONS } from '../../lib/data-store';
import { SCAN_TAG } from '../../lib/file-store';
import { allFunctionNames, EVENT_FUNCTIONS, FUNCTION_ACCESS } from '../../lib/function-access';
import { SCAN_RESULT_DETAIL_TYPE } from '../../lib/scan-results';

const STREAM_READS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

/** Seconds, where a function is not an API function (10 s). */
const TIMEOUTS: Record<string, number> = {
  'run-daily-sweep': 600,
  'release-scanned-upload': 30,
  'archive-audit-events': 60,
  'download-case-pack': 28,
};
import { SIGNED_OUT_PATH, SIGN_IN_CALLBACK_PATH } from '../../lib/staff-auth';
import { createPortalApp } from '../../lib/portal-app';
import type { PortalStack } from '../../lib/portal-stack';
import { loadPartnershipIds } from '../../lib/settings';
import {
  DAILY_RUN_MAX_EVENT_AGE,
  DAILY_RUN_RETRIES,
  EMAIL_RETRY_MAX_EVENT_AGE,
  EMAIL_RETRY_RATE,
  EMAIL_RETRY_RETRIES,
} from '../../lib/daily-schedule';
import { retryDelayMinutes } from '../../functions/domain/services/outbox';
import {
  flattenTemplates,
  RESOURCES_PER_STACK,
  stackTemplates,
  stacksOverLimit,
  type StackTemplate,
  type TemplateResource,
} from '../support/cdk-templates';

/**
 * The stack as `cdk synth` builds it (same app factory, same cdk.json context), synthesised once: the
 * functions are bundled with esbuild, which takes most of the time. The web pages are a small fixture,
 * so these tests do not depend on the state of web/. The functions are in nested stacks (ADR 0018):
 * `template` and `resources` hold the parent's and the nested stacks' resources as one template, each
 * parameter and output replaced by what it stands for (test/support/cdk-templates.ts), so an assertion
 * reads as it did when there was one stack; `templates` holds each stack's own.
 */
type Resource = TemplateResource;
type Statement = { Effect: string; Action: string | string[]; Resource?: unknown; Condition?: Record<string, any> };

const context = JSON.parse(readFileSync(join(__dirname, '../../cdk.json'), 'utf8')).context as Record<string, unknown>;
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

let app: App;
let stack: PortalStack;
let synthError: unknown;
let assemblyDir = '';
let nagReports: PolicyValidationPluginReport[];
let templates: StackTemplate[];
let template: Template;
let resources: Record<string, Resource>;

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** Every statement a role's own policies hold: inline, and any separate policy attached to it. */
const statementsOfRole = (roleId: string): Statement[] => [
  ...((resources[roleId]?.Properties?.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (p) => p.PolicyDocument.Statement,
  ),
  ...ofType('AWS::IAM::Policy')
    .filter(([, p]) =>
      (p.Properties?.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    )
    .flatMap(([, p]) => p.Properties?.PolicyDocument.Statement as Statement[]),
];
/** A construct's logical id, in its own stack's template (the parent's or a nested one's). */
const logicalId = (construct: { node: { defaultChild?: unknown } }) => {
  const resource = construct.node.defaultChild as CfnFunction;
  return Stack.of(resource).getLogicalId(resource);
};

beforeAll(async () => {
  const webAssetDir = mkdtempSync(join(tmpdir(), 'portal-web-'));
  writeFileSync(
    join(webAssetDir, 'index.html'),
    '<!doctype html><title>Portal</title><script type="module" src="/app.js"></script>',
  );
  writeFileSync(join(webAssetDir, 'app.js'), 'export {};');
  // Bundling is skipped here (test/cdk/bundles.test.ts bundles every function with the same options).
  ({ app, stack } = await createPortalApp({ context: { ...context, 'aws:cdk:bundling-stacks': [] }, webAssetDir }));
  try {
    assemblyDir = app.synth().directory;
  } catch (error) {
    synthError = error;
  }
  // After synthesis, when aspects have added their acknowledgements: the packs' own view of the tree.
  nagReports = [new AwsSolutionsChecks().validateScope(app), new ServerlessChecks().validateScope(app)];
  if (!synthError) {
    templates = stackTemplates(stack);
    const flat = flattenTemplates(stack, templates);
    template = Template.fromJSON(flat);
    resources = flat.Resources;
  }
}, 600_000);

const requireSynth = () => {
  if (synthError) throw synthError;
};

describe('cdk-nag (AwsSolutions and Serverless)', () => {
  test('finds nothing unacknowledged, and synthesis passes its validation', () => {
    const findings = nagReports
      .flatMap((report) => report.violations)
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath ?? r.resourceLogicalId}`));
    expect(findings).toEqual([]);
    requireSynth();
    const report = JSON.parse(readFileSync(join(assemblyDir, VALIDATION_REPORT_FILE), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  });

  test('the same checks fail on resources that break the rules, in both packs', () => {
    const bad = new App();
    const badStack = new Stack(bad, 'Bad');
    new Bucket(badStack, 'Bare');
    new Function(badStack, 'Bare function', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => 1;'),
    });
    const rules = new AwsSolutionsChecks().validateScope(bad).violations.map((v) => v.ruleName);
    expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    const serverless = new ServerlessChecks().validateScope(bad).violations.map((v) => v.ruleName);
    expect(serverless).toEqual(expect.arrayContaining(['Serverless-LambdaDLQ', 'Serverless-LambdaTracing']));
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad));
    expect(() => bad.synth()).toThrow(/AwsSolutions-S10/);
  });

  test('the checks reach into nested stacks', () => {
    const bad = new App();
    new Bucket(new NestedStack(new Stack(bad, 'Bad'), 'Nested'), 'Bare');
    const paths = new AwsSolutionsChecks()
      .validateScope(bad)
      .violations.filter((v) => v.ruleName === 'AwsSolutions-S10')
      .flatMap((v) => v.violatingResources.map((r) => r.constructPath));
    expect(paths).toEqual(['Bad/Nested/Bare/Resource']);
    Validations.of(bad).addPlugins(new AwsSolutionsChecks(bad), new ServerlessChecks(bad));
    expect(() => bad.synth()).toThrow(/AwsSolutions-S10/);
  });

  test('every acknowledged rule gives its reason', () => {
    const acknowledgements = app.node
      .findAll()
      .flatMap((node) => node.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY))
      // Each entry maps "Annotation::<rule id>" to its reason.
      .flatMap((m) => Object.entries(m.data as Record<string, unknown>))
      .map(([id, reason]) => ({ id: id.replace(/^Annotation::/, ''), reason }));
    expect(acknowledgements.length).toBeGreaterThan(50);
    const unexplained = acknowledgements.filter((a) => typeof a.reason !== 'string' || a.reason.trim().length < 20);
    expect(unexplained).toEqual([]);
  });
});

/** Where each function belongs, from the route table alone (ADR 0018). */
const expectedStackOf = (name: string) =>
  EVENT_FUNCTIONS.includes(name)
    ? 'EventFunctions'
    : routes.some((route) => route.functionName === name && route.auth === 'staff')
      ? 'OfficeFunctions'
      : 'AgencyFunctions';

describe('stacks', () => {
  beforeAll(requireSynth);
  const own = (s: Stack) => templates.find((t) => t.stack === s)?.template.Resources ?? {};
  const typesIn = (s: Stack) => new Set(Object.values(own(s)).map((r) => r.Type));

  test("each stack, nested ones included, keeps room under CloudFormation's 500-resource limit", () => {
    // About four resources per function in its nested stack; per route, a method, its permission and
    // perhaps a path resource in the parent. When this fails, regroup the functions before adding more.
    expect(templates.map((t) => t.stack.node.path)).toEqual([
      'SafeguardingPortal',
      'SafeguardingPortal/OfficeFunctions',
      'SafeguardingPortal/AgencyFunctions',
      'SafeguardingPortal/EventFunctions',
    ]);
    // Every resource is counted, in exactly one stack (the flattened template throws on a duplicate id).
    const counts = templates.map((t) => Object.keys(t.template.Resources).length);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(Object.keys(resources).length);
    expect(stacksOverLimit(templates)).toEqual([]);
    // Each nested stack holds at least its functions' four resources apiece.
    for (const { stack: s, template: t } of templates.slice(1)) {
      const functions = allFunctionNames().filter((name) => expectedStackOf(name) === s.node.id);
      expect([s.node.id, Object.keys(t.Resources).length >= 4 * functions.length]).toEqual([s.node.id, true]);
    }
  });

  test('the guard fails for a stack at its limit, nested or not', () => {
    const over = new App();
    const parent = new Stack(over, 'Parent');
    new CfnWaitConditionHandle(parent, 'One');
    const nested = new NestedStack(parent, 'Nested');
    for (let i = 0; i < RESOURCES_PER_STACK; i++) new CfnWaitConditionHandle(nested, `Handle${i}`);
    expect(stacksOverLimit(stackTemplates(parent))).toEqual([`Parent/Nested: ${RESOURCES_PER_STACK} resources`]);
    expect(stacksOverLimit(stackTemplates(parent), 2)).toEqual([
      'Parent: 2 resources',
      `Parent/Nested: ${RESOURCES_PER_STACK} resources`,
    ]);
  });

  test("three nested stacks hold the functions: the office's, the agencies' and public, and the event-driven ones", () => {
    const nested = stack.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c));
    expect(nested.map((n) => n.node.path).sort()).toEqual([
      'SafeguardingPortal/AgencyFunctions',
      'SafeguardingPortal/EventFunctions',
      'SafeguardingPortal/OfficeFunctions',
    ]);
    expect(nested.every((n) => n.nestedStackParent === stack)).toBe(true);
    expect(Object.values(own(stack)).filter((r) => r.Type === 'AWS::CloudFormation::Stack')).toHaveLength(3);
    for (const name of allFunctionNames()) {
      const fn = stack.functions.get(name)!;
      const home = Stack.of(fn.function);
      expect([name, home.node.id]).toEqual([name, expectedStackOf(name)]);
      // Its role, its log group and its error alarm are beside it.
      const resources = own(home);
      const fnId = logicalId(fn.function);
      expect(resources[fnId]?.Type).toBe('AWS::Lambda::Function');
      expect(resources[logicalId(fn.role)]?.Type).toBe('AWS::IAM::Role');
      expect(resources[logicalId(fn.logGroup)]?.Type).toBe('AWS::Logs::LogGroup');
      const errors = Object.values(resources).filter(
        (r) =>
          r.Type === 'AWS::CloudWatch::Alarm' &&
          r.Properties?.MetricName === 'Errors' &&
          JSON.stringify(r.Properties?.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId } }]),
      );
      expect([name, errors.length]).toEqual([name, 1]);
    }
    // The parent's only function is CDK's, which copies the pages into their bucket.
    const parentFunctions = Object.entries(own(stack)).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
    expect(parentFunctions.map(([id]) => id)).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
  });

  test('the data, its keys, the API with its permissions, the web, sign-in and the alarm topic stay in the parent', () => {
    const nested = templates.filter((t) => t.stack !== stack).map((t) => t.stack);
    const parentOnly = [
      'AWS::DynamoDB::Table',
      'AWS::S3::Bucket',
      'AWS::GuardDuty::MalwareProtectionPlan',
      'AWS::ApiGateway::RestApi',
      'AWS::ApiGateway::Method',
      'AWS::WAFv2::WebACL',
      'AWS::CloudFront::Distribution',
      'AWS::Cognito::UserPool',
      'AWS::SES::EmailIdentity',
      'AWS::SNS::Topic',
      'AWS::IAM::ManagedPolicy',
    ];
    for (const type of parentOnly) {
      expect([type, typesIn(stack).has(type)]).toEqual([type, true]);
      for (const n of nested) expect([type, n.node.id, typesIn(n).has(type)]).toEqual([type, n.node.id, false]);
    }
    // Each API function's invoke permission is made with its method, so no nested stack names a method.
    const apiPermissions = Object.values(own(stack)).filter(
      (r) => r.Type === 'AWS::Lambda::Permission' && r.Properties?.Principal === 'apigateway.amazonaws.com',
    );
    expect(apiPermissions).toHaveLength(routes.length);
    // The nested stacks' only keys are their dead-letter queues'; the log key is the parent's, for every log group.
    for (const n of nested) {
      for (const [id, r] of Object.entries(own(n))) {
        if (r.Type === 'AWS::KMS::Key') expect(id).toMatch(/^(Daily|ScanResults|AuditArchive)DeadLetterKey/);
      }
    }
    const [logsKeyId] = Object.entries(own(stack)).find(([id]) => id.startsWith('LogsKey')) ?? [];
    for (const [id, group] of ofType('AWS::Logs::LogGroup')) {
      expect([id, group.Properties?.KmsKeyId]).toEqual([id, { 'Fn::GetAtt': [logsKeyId, 'Arn'] }]);
    }
  });
});

describe('data store', () => {
  beforeAll(requireSynth);

  test('one table: customer-managed KMS, PITR, deletion protection, retained, TTL, both indexes', () => {
    expect(ofType('AWS::DynamoDB::Table')).toHaveLength(1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        TimeToLiveSpecification: { AttributeName: TABLE_LAYOUT.timeToLiveAttribute, Enabled: true },
        KeySchema: [
          { AttributeName: TABLE_LAYOUT.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_LAYOUT.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_LAYOUT.globalSecondaryIndexes.map((index) =>
          Match.objectLike({
            IndexName: index.indexName,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' },
              { AttributeName: index.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
      }),
    });
  });

  test('every KMS key rotates', () => {
    for (const [, key] of ofType('AWS::KMS::Key')) expect(key.Properties?.EnableKeyRotation).toBe(true);
  });

  test("the table's own policy denies changing or deleting audit items to every principal", () => {
    const [, table] = ofType('AWS::DynamoDB::Table')[0] as [string, Resource];
    expect(table.Properties?.ResourcePolicy.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_PARTITIONS] } },
      }),
    );
  });
});

describe('buckets', () => {
  beforeAll(requireSynth);

  test('every bucket blocks public access, is versioned, encrypted and SSL-only', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(4);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: { ServerSideEncryptionConfiguration: [expect.anything()] },
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  test('the documents bucket uses its customer-managed key with a bucket key and logs access', () => {
    const documents = logicalId(stack.node.findChild('Files').node.findChild('Documents'));
    expect(resources[documents]?.Properties).toMatchObject({
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: expect.anything() },
          },
        ],
      },
      LoggingConfiguration: { DestinationBucketName: expect.anything(), LogFilePrefix: 's3/documents/' },
    });
  });

  test("released attachments can be read only with GuardDuty's clean verdict", () => {
    const documents = logicalId(stack.node.findChild('Files').node.findChild('Documents'));
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: documents },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [documents, 'Arn'] }, '/attachments/*']] },
            Condition: { StringNotEquals: { [`s3:ExistingObjectTag/${SCAN_TAG.key}`]: SCAN_TAG.clean } },
          }),
        ]),
      },
    });
  });
});

/** Functions that record what the office did, each with its audit event, and nothing else. */
const OFFICE_RECORDS = ['acknowledge-safety-concern', 'meeting-decision'];

describe('functions', () => {
  beforeAll(requireSynth);
  // One function per handler of the route table, and the scheduled daily run.
  const functionNames = allFunctionNames();

  test('one function per handler in the route table, and every one has its access declared', () => {
    expect([...stack.functions.keys()].sort()).toEqual([...functionNames].sort());
    expect(Object.keys(FUNCTION_ACCESS).sort()).toEqual([...functionNames].sort());
  });

  test('each runs Node 22 on arm64, traced, with the configuration it needs and a log group with retention', () => {
    const required = (() => {
      try {
        loadConfig({});
      } catch (error) {
        return (error as Error).message.replace(/^.*: /, '').split(', ');
      }
      throw new Error('loadConfig accepted an empty environment');
    })();
    expect(required).toContain('TABLE_NAME');
    for (const name of functionNames) {
      const fn = stack.functions.get(name);
      const props = resources[logicalId(fn!.function)]?.Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        // The case pack holds its files and zip in memory; the rest need little.
        MemorySize: name === 'download-case-pack' ? 3008 : 512,
        // API functions answer within API Gateway's 29 s; the daily run may take minutes.
        Timeout: TIMEOUTS[name] ?? 10,
        Handler: 'index.handler',
      });
      // The audit archive reads only its bucket's name (functions/archive-audit-events/handler.ts).
      const needs = FUNCTION_ACCESS[name]?.auditArchive ? ['AUDIT_ARCHIVE_BUCKET'] : required;
      expect(Object.keys(props?.Environment.Variables)).toEqual(expect.arrayContaining(needs));
      expect(props?.Environment.Variables.NODE_OPTIONS).toBe('--enable-source-maps');
      const logGroupId = props?.LoggingConfig.LogGroup.Ref as string;
      expect(resources[logGroupId]).toMatchObject({
        Type: 'AWS::Logs::LogGroup',
        Properties: { RetentionInDays: 365 },
      });
    }
  });

  test('no role may change or delete audit items, and none has table-wide or admin rights', () => {
    for (const name of functionNames) {
      const fn = stack.functions.get(name)!;
      const statements = statementsOfRole(logicalId(fn.role));
      const dynamo = statements.filter(
        (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('dynamodb:')),
      );
      const allowed = dynamo.flatMap(actionsOf);
      expect(allowed).not.toEqual(expect.arrayContaining(['dynamodb:Scan']));
      expect(allowed.filter((a) => a.includes('*') || a === 'dynamodb:BatchWriteItem')).toEqual([]);
      if (dynamo.length === 0) continue;
      if (FUNCTION_ACCESS[name]?.auditArchive) {
        // The archive reads the table's stream only: it cannot read or write an item.
        expect([...new Set(allowed)].sort()).toEqual(STREAM_READS);
        continue;
      }
      expect(statements).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_PARTITIONS] } },
        }),
      );
      if (FUNCTION_ACCESS[name]?.table === 'read') {
        expect(allowed.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:Query']);
      }
    }
  });

  test('only functions that send mail may send it, and only from the configured address', () => {
    for (const name of functionNames) {
      const statements = statementsOfRole(logicalId(stack.functions.get(name)!.role));
      const ses = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      if (!FUNCTION_ACCESS[name]?.mail) {
        expect(ses).toEqual([]);
        continue;
      }
      expect(ses).toEqual([
        expect.objectContaining({
          Effect: 'Allow',
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Condition: { StringEquals: { 'ses:FromAddress': context.mailFrom } },
        }),
      ]);
    }
  });

  test("the office's own records (a safety concern acknowledged, the meeting's date and decision) write the table, and neither mail nor read documents", () => {
    for (const name of OFFICE_RECORDS) {
      const statements = statementsOfRole(logicalId(stack.functions.get(name)!.role));
      const actions = statements.filter((s) => s.Effect === 'Allow').flatMap(actionsOf);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:UpdateItem']));
      expect(actions.filter((a) => a.startsWith('ses:') || a.startsWith('s3:'))).toEqual([]);
      // An audited write: the function may add audit items but never change one (checked for every role above).
      const served = routes.filter((r) => r.functionName === name);
      expect(served.length).toBeGreaterThan(0);
      expect(served.every((r) => r.auth === 'staff')).toBe(true);
    }
  });

  test('every log group has a retention period', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(functionNames.length);
    for (const [id, group] of groups)
      expect({ id, days: group.Properties?.RetentionInDays }).toEqual({ id, days: 365 });
  });

  test('an alarm watches every function and the API', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.filter((a) => a?.MetricName === 'Errors')).toHaveLength(functionNames.length);
    expect(alarms.some((a) => a?.MetricName === '5XXError' && a?.Namespace === 'AWS/ApiGateway')).toBe(true);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    // An alarm that notifies nobody is no alarm: every one publishes to the alarm topic.
    const [topicId] = ofType('AWS::SNS::Topic').find(([id]) => id.startsWith('AlarmsTopic')) as [string, Resource];
    expect(alarms.length).toBeGreaterThan(functionNames.length);
    for (const alarm of alarms) expect(alarm?.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});

describe('encryption and retention of everything that holds data', () => {
  /** Buckets that cannot use a customer key, and why. */
  const S3_MANAGED_BY_NECESSITY: Record<string, string> = {
    FilesAccessLogs: 'S3 server access logging and CloudFront standard logs can only be delivered to SSE-S3 buckets',
    WebPages: 'the built pages and scripts, public by nature, served through CloudFront',
  };

  test('KMS everywhere: table, documents, queues, topics and every log group; SSE-S3 only where KMS cannot be used', () => {
    requireSynth();
    expect(ofType('AWS::DynamoDB::Table').every(([, t]) => t.Properties?.SSESpecification?.SSEType === 'KMS')).toBe(
      true,
    );
    for (const [id, bucket] of ofType('AWS::S3::Bucket')) {
      const algorithm =
        bucket.Properties?.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault
          .SSEAlgorithm;
      const exception = Object.keys(S3_MANAGED_BY_NECESSITY).find((prefix) => id.startsWith(prefix));
      expect([id, algorithm]).toEqual([id, exception ? 'AES256' : 'aws:kms']);
    }
    for (const [, queue] of ofType('AWS::SQS::Queue')) expect(queue.Properties?.KmsMasterKeyId).toBeDefined();
    for (const [, topic] of ofType('AWS::SNS::Topic')) expect(topic.Properties?.KmsMasterKeyId).toBeDefined();
    for (const [id, group] of ofType('AWS::Logs::LogGroup'))
      expect([id, group.Properties?.KmsKeyId]).toEqual([id, expect.anything()]);
  });

  test('data stores and their keys are retained when the stack is deleted', () => {
    requireSynth();
    const kept = [
      ...ofType('AWS::DynamoDB::Table'),
      ...ofType('AWS::S3::Bucket').filter(([id]) =>
        ['FilesDocuments', 'FilesAccessLogs', 'AuditArchiveBucket'].some((kept) => id.startsWith(kept)),
      ),
      ...ofType('AWS::Logs::LogGroup'),
      // The keys of stored data; the alarm topic's and dead-letter queue's keys protect nothing kept.
      ...ofType('AWS::KMS::Key').filter(
        ([id]) =>
          !['DailyDeadLetterKey', 'ScanResultsDeadLetterKey', 'AuditArchiveDeadLetterKey', 'AlarmsKey'].some((key) =>
            id.startsWith(key),
          ),
      ),
    ];
    for (const [id, resource] of kept)
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
  });

  test('every bucket and the CDN log access', () => {
    requireSynth();
    for (const [id, bucket] of ofType('AWS::S3::Bucket')) {
      if (id.startsWith('FilesAccessLogs')) continue;
      expect([id, bucket.Properties?.LoggingConfiguration?.DestinationBucketName]).toEqual([id, expect.anything()]);
    }
    const [, distribution] = ofType('AWS::CloudFront::Distribution')[0] as [string, Resource];
    expect(distribution.Properties?.DistributionConfig.Logging).toBeDefined();
  });
});

describe('daily run', () => {
  test('runs at 08:00 Europe/London every day, retries, and sends what fails to a dead-letter queue', () => {
    const schedules = ofType('AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(2);
    const [, schedule] = schedules.find(([, s]) => String(s.Properties?.ScheduleExpression).startsWith('cron')) ?? [];
    // Every day, not only Monday to Friday: the run chases on working days only, but delivers e-mail daily.
    expect(schedule!.Properties).toMatchObject({
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      State: 'ENABLED',
      Target: {
        RetryPolicy: {
          MaximumRetryAttempts: DAILY_RUN_RETRIES,
          MaximumEventAgeInSeconds: DAILY_RUN_MAX_EVENT_AGE.toSeconds(),
        },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DailyDeadLetters/), 'Arn'] } },
      },
    });
    expect(JSON.parse(schedule!.Properties!.Target.Input as string)).toEqual({ source: 'schedule' });
    expect(JSON.stringify(schedule!.Properties!.Target.Arn)).toContain(
      logicalId(stack.functions.get('run-daily-sweep')!.function),
    );
  });

  test('delivers the outbox’s retries every five minutes, through the same function, queue and alarm', () => {
    const [, retries] =
      ofType('AWS::Scheduler::Schedule').find(([, s]) => String(s.Properties?.ScheduleExpression).startsWith('rate')) ??
      [];
    expect(retries!.Properties).toMatchObject({
      ScheduleExpression: `rate(${EMAIL_RETRY_RATE.toMinutes()} minutes)`,
      State: 'ENABLED',
      Target: {
        RetryPolicy: {
          MaximumRetryAttempts: EMAIL_RETRY_RETRIES,
          MaximumEventAgeInSeconds: EMAIL_RETRY_MAX_EVENT_AGE.toSeconds(),
        },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^DailyDeadLetters/), 'Arn'] } },
      },
    });
    expect(EMAIL_RETRY_RATE.toMinutes()).toBe(retryDelayMinutes(1));
    // The function runs only the outbox for this input (test/handlers/daily-run-handler.test.ts).
    expect(JSON.parse(retries!.Properties!.Target.Input as string)).toEqual({ source: 'schedule', task: 'outbox' });
    expect(JSON.stringify(retries!.Properties!.Target.Arn)).toContain(
      logicalId(stack.functions.get('run-daily-sweep')!.function),
    );
  });

  test('only the scheduler may start the daily run; only the scan-result rule the release; only the stream the archive', () => {
    const fnId = (name: string) => logicalId(stack.functions.get(name)!.function);
    const mentions = (value: unknown, id: string) => JSON.stringify(value ?? null).includes(`"${id}"`);
    // No role but the Scheduler's may invoke the daily run (its own role may not, nor any API function's).
    const daily = fnId('run-daily-sweep');
    const invokers = ofType('AWS::IAM::Role').filter(([roleId]) =>
      statementsOfRole(roleId).some(
        (s) => s.Effect === 'Allow' && actionsOf(s).includes('lambda:InvokeFunction') && mentions(s.Resource, daily),
      ),
    );
    expect(invokers.map(([id]) => id)).toEqual([expect.stringMatching(/^SchedulerRoleForTarget/)]);
    // Resource policies: EventBridge's rule may invoke the release function, and nothing may invoke the others.
    const permissions = ofType('AWS::Lambda::Permission').map(([, p]) => p.Properties!);
    for (const name of allFunctionNames()) {
      const granted = permissions.filter((p) => mentions(p.FunctionName, fnId(name)));
      if (name === 'release-scanned-upload') {
        expect(granted).toEqual([
          expect.objectContaining({
            Principal: 'events.amazonaws.com',
            SourceArn: { 'Fn::GetAtt': [expect.stringMatching(/^ScanResultsRule/), 'Arn'] },
          }),
        ]);
      } else if (routes.some((route) => route.functionName === name)) {
        expect(granted.every((p) => p.Principal === 'apigateway.amazonaws.com')).toBe(true);
      } else expect(granted).toEqual([]);
    }
  });

  test('an alarm fires on the first dead letter', () => {
    const [queueId] = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('DailyDeadLetters')) as [string, Resource];
    const alarm = ofType('AWS::CloudWatch::Alarm').find(([, a]) =>
      JSON.stringify(a.Properties?.Dimensions ?? []).includes(queueId),
    );
    expect(alarm?.[1].Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(ofType('AWS::SQS::Queue').find(([id]) => id === queueId)?.[1].Properties).toHaveProperty('KmsMasterKeyId');
  });
});

describe('uploads', () => {
  test("GuardDuty's scan results for quarantine/ invoke release-scanned-upload, with retries, a DLQ and its alarm", () => {
    const rules = ofType('AWS::Events::Rule');
    expect(rules).toHaveLength(1);
    const rule = rules[0]?.[1];
    const [bucketId] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('FilesDocuments')) as [string, Resource];
    expect(rule!.Properties).toMatchObject({
      State: 'ENABLED',
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': [SCAN_RESULT_DETAIL_TYPE],
        detail: { s3ObjectDetails: { bucketName: [{ Ref: bucketId }], objectKey: [{ prefix: 'quarantine/' }] } },
      },
    });
    const targets = rule!.Properties!.Targets as Resource['Properties'][];
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [logicalId(stack.functions.get('release-scanned-upload')!.function), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 8 },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [expect.stringMatching(/^ScanResultsDeadLetters/), 'Arn'] } },
    });
    const [queueId] = ofType('AWS::SQS::Queue').find(([id]) => id.startsWith('ScanResultsDeadLetters')) as [
      string,
      Resource,
    ];
    const alarm = ofType('AWS::CloudWatch::Alarm').find(([, a]) =>
      JSON.stringify(a.Properties?.Dimensions ?? []).includes(queueId),
    );
    expect(alarm?.[1].Properties).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });

  test('GuardDuty Malware Protection scans and tags everything put into quarantine/', () => {
    const plans = ofType('AWS::GuardDuty::MalwareProtectionPlan');
    expect(plans).toHaveLength(1);
    const plan = plans[0]?.[1];
    expect(plan!.Properties).toMatchObject({
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['quarantine/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
  });

  test('what stays in quarantine expires, and case packs after a day', () => {
    const [, documents] = ofType('AWS::S3::Bucket').find(([id]) => id.startsWith('FilesDocuments')) as [
      string,
      Resource,
    ];
    expect(documents.Properties?.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'quarantine/', ExpirationInDays: 30 }),
        expect.objectContaining({
          Prefix: 'packs/',
          ExpirationInDays: 1,
          NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        }),
      ]),
    );
  });
});

describe('API', () => {
  beforeAll(requireSynth);

  /** Full path of each API Gateway resource, from its PathPart and parents. */
  const resourcePaths = () => {
    const paths = new Map<string, string>();
    const pathOf = (id: string): string => {
      const known = paths.get(id);
      if (known !== undefined) return known;
      const props = resources[id]?.Properties as { PathPart: string; ParentId: { Ref?: string } };
      const parent =
        props.ParentId.Ref && resources[props.ParentId.Ref]?.Type === 'AWS::ApiGateway::Resource'
          ? pathOf(props.ParentId.Ref)
          : '';
      const path = `${parent}/${props.PathPart}`;
      paths.set(id, path);
      return path;
    };
    for (const [id] of ofType('AWS::ApiGateway::Resource')) pathOf(id);
    return paths;
  };

  test('one method per route; staff routes behind the Cognito authorizer with the openid scope', () => {
    const paths = resourcePaths();
    const methods = ofType('AWS::ApiGateway::Method').map(([, m]) => m.Properties as Record<string, any>);
    expect(methods).toHaveLength(routes.length);
    const [authorizerId] = ofType('AWS::ApiGateway::Authorizer')[0] as [string, Resource];
    for (const route of routes) {
      const method = methods.find((m) => m.HttpMethod === route.method && paths.get(m.ResourceId.Ref) === route.path);
      expect({ route: `${route.method} ${route.path}`, found: Boolean(method) }).toEqual({
        route: `${route.method} ${route.path}`,
        found: true,
      });
      expect(method?.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
      if (route.auth === 'staff') {
        expect(method).toMatchObject({
          AuthorizationType: 'COGNITO_USER_POOLS',
          AuthorizerId: { Ref: authorizerId },
          AuthorizationScopes: ['openid'],
        });
      } else {
        expect(method?.AuthorizationType).toBe('NONE');
      }
    }
  });

  test('"stay signed in" is its own agency function: a POST with no staff authorizer, the table only, no mail or files', () => {
    const paths = resourcePaths();
    const fn = stack.functions.get('extend-agency-session');
    expect(fn).toBeDefined();
    const method = ofType('AWS::ApiGateway::Method')
      .map(([, m]) => m.Properties as Record<string, any>)
      .find((m) => m.HttpMethod === 'POST' && paths.get(m.ResourceId.Ref) === '/api/agency/sessions/current/extend');
    expect(method?.AuthorizationType).toBe('NONE');
    expect(JSON.stringify(method?.Integration.Uri)).toContain(logicalId(fn!.function));
    const allowed = statementsOfRole(logicalId(fn!.role))
      .filter((s) => s.Effect === 'Allow')
      .flatMap(actionsOf);
    expect(allowed.some((a) => a.startsWith('dynamodb:UpdateItem'))).toBe(true);
    expect(allowed.filter((a) => a.startsWith('ses:') || a.startsWith('s3:'))).toEqual([]);
  });

  test("every Word document, a return's too, is made by generate-document, which only reads returns and chronologies", () => {
    const paths = resourcePaths();
    const fnId = logicalId(stack.functions.get('generate-document')!.function);
    const wordRoutes = routes.filter((r) => r.path.startsWith('/api/cases/') && r.path.endsWith('.docx'));
    expect(wordRoutes.map((r) => r.path)).toContain('/api/cases/{caseId}/requests/{requestId}/return.docx');
    for (const route of wordRoutes) {
      const method = ofType('AWS::ApiGateway::Method')
        .map(([, m]) => m.Properties as Record<string, any>)
        .find((m) => m.HttpMethod === route.method && paths.get(m.ResourceId.Ref) === route.path);
      expect({ route: route.path, integrated: JSON.stringify(method?.Integration.Uri).includes(fnId) }).toEqual({
        route: route.path,
        integrated: true,
      });
    }
    const objectRights = statementsOfRole(logicalId(stack.functions.get('generate-document')!.role))
      .filter((s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('s3:') && a.endsWith('Object')))
      .map((s) => ({ actions: actionsOf(s), on: JSON.stringify(s.Resource) }));
    expect(objectRights.flatMap((r) => r.actions)).toEqual(['s3:GetObject']);
    expect(objectRights[0]?.on).toContain('/returns/*');
    expect(objectRights[0]?.on).toContain('/chronologies/*');
  });

  test('file downloads reach browsers as bytes: every media type may be binary', () => {
    requireSynth();
    const api = ofType('AWS::ApiGateway::RestApi')[0]?.[1];
    expect(api?.Properties?.BinaryMediaTypes).toEqual(['*/*']);
  });

  test('the stage throttles, traces, logs access as JSON and never logs bodies', () => {
    const signIn = SIGN_IN_ROUTES.map((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return Match.objectLike({
        HttpMethod: method,
        ResourcePath: `/${path.replaceAll('/', '~1')}`,
        ThrottlingRateLimit: SIGN_IN_THROTTLE.rateLimit,
        ThrottlingBurstLimit: SIGN_IN_THROTTLE.burstLimit,
        DataTraceEnabled: false,
      });
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
      MethodSettings: Match.arrayWith([
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: DEFAULT_THROTTLE.rateLimit,
          ThrottlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          MetricsEnabled: true,
        }),
        ...signIn,
      ]),
    });
  });

  test('an unknown route answers 404 in JSON, without internal detail', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
      StatusCode: '404',
      ResponseTemplates: {
        'application/json': JSON.stringify({ error: { code: 'not-found', message: 'No such API route' } }),
      },
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.X-Content-Type-Options': "'nosniff'" }),
    });
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_5XX',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('internal-error') },
    });
  });

  test('a regional WAF web ACL with managed rules and rate limits guards the stage', () => {
    const [aclId, acl] = ofType('AWS::WAFv2::WebACL')[0] as [string, Resource];
    expect(acl.Properties?.Scope).toBe('REGIONAL');
    const rules = acl.Properties?.Rules as Record<string, any>[];
    const managed = rules.map((r) => r.Statement.ManagedRuleGroupStatement?.Name).filter(Boolean);
    expect(managed).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
    // Only requests carrying the header the CDN adds get through.
    const [, distribution] = ofType('AWS::CloudFront::Distribution')[0] as [string, Resource];
    const cdnHeader = (distribution.Properties?.DistributionConfig.Origins as Record<string, any>[]).flatMap(
      (o) => o.OriginCustomHeaders ?? [],
    )[0];
    expect(rules[0]).toMatchObject({
      Priority: 0,
      Action: { Block: {} },
      Statement: {
        NotStatement: {
          Statement: {
            ByteMatchStatement: {
              FieldToMatch: { SingleHeader: { Name: cdnHeader.HeaderName } },
              PositionalConstraint: 'EXACTLY',
              SearchString: cdnHeader.HeaderValue,
            },
          },
        },
      },
    });
    const rateRules = rules.filter((r) => r.Statement.RateBasedStatement);
    expect(rateRules).toHaveLength(2);
    const signIn = rateRules.find((r) => r.Name === 'RateLimitAgencySignIn');
    const scoped = signIn?.Statement.RateBasedStatement.ScopeDownStatement.OrStatement.Statements.map(
      (st: { ByteMatchStatement: { SearchString: string } }) => st.ByteMatchStatement.SearchString,
    );
    expect(scoped).toEqual(['/api/agency/sessions', '/api/agency/links/lookup']);
    expect(signIn?.Statement.RateBasedStatement.Limit).toBe(SIGN_IN_RATE_LIMIT_PER_IP);
    const [stageId] = ofType('AWS::ApiGateway::Stage')[0] as [string, Resource];
    const [, association] = ofType('AWS::WAFv2::WebACLAssociation')[0] as [string, Resource];
    expect(association.Properties?.WebACLArn).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
    expect(JSON.stringify(association.Properties?.ResourceArn)).toContain(stageId);
  });
});

describe('staff sign-in', () => {
  beforeAll(requireSynth);

  test('TOTP MFA is required, there is no SMS and no self sign-up', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        DeletionProtection: 'ACTIVE',
        UserPoolTier: 'PLUS',
      }),
    });
  });

  test('one group per partnership, named as the functions expect', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties?.GroupName);
    expect(groups.sort()).toEqual(
      loadPartnershipIds()
        .map((id) => `partnership-${id}`)
        .sort(),
    );
  });

  test('the web client is public, uses the code grant and issues one-hour access tokens', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      AccessTokenValidity: 60,
      TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
      PreventUserExistenceErrors: 'ENABLED',
      CallbackURLs: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([SIGN_IN_CALLBACK_PATH])] })],
      LogoutURLs: [Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([SIGNED_OUT_PATH])] })],
    });
    // Cognito redirects only to these exact URLs, so they must be the ones the pages use.
    const auth = readFileSync(join(__dirname, '../../web/src/lib/auth.ts'), 'utf8');
    expect(auth).toContain(`\${location.origin}${SIGN_IN_CALLBACK_PATH}`);
    expect(auth).toContain(`\${location.origin}${SIGNED_OUT_PATH}`);
  });
});

describe('web hosting', () => {
  beforeAll(requireSynth);

  test('the pages carry a strict CSP, a year of HSTS and no referrer', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: Match.anyValue(),
            Override: true,
          },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 31536000, IncludeSubdomains: true, Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      },
    });
    const csp = JSON.stringify(
      ofType('AWS::CloudFront::ResponseHeadersPolicy').map(
        ([, p]) => p.Properties?.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
      ),
    );
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain('.auth.eu-west-2.amazoncognito.com');
    // Browsers upload attachments straight to the documents bucket; nothing is left unfilled.
    expect(csp).toMatch(/safeguardingportal-documents-.*\.s3\./);
    expect(csp).not.toMatch(/AUTH_ORIGIN|UPLOAD_ORIGIN/);
  });

  test('the API is served under /api/* uncached, over HTTPS, without the single-page-app routing', () => {
    const [, distribution] = ofType('AWS::CloudFront::Distribution')[0] as [string, Resource];
    const config = distribution.Properties?.DistributionConfig as Record<string, any>;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toHaveLength(1);
    expect(config.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
    expect(config.Logging).toMatchObject({ Bucket: expect.anything(), Prefix: 'cloudfront/' });
    const api = (config.CacheBehaviors as Record<string, any>[]).find((b) => b.PathPattern === '/api/*');
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
      AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'DELETE']),
    });
    expect(api?.FunctionAssociations).toBeUndefined();
    const apiOrigin = (config.Origins as Record<string, any>[]).find((o) => o.Id === api?.TargetOriginId);
    expect(apiOrigin).toMatchObject({
      OriginPath: '/prod',
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      OriginCustomHeaders: [{ HeaderName: 'x-origin-verify', HeaderValue: expect.anything() }],
    });
  });

  test('HTML and /config.json are uploaded uncacheable; scripts and styles briefly cacheable', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Include: ['*.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'no-store' },
      DistributionPaths: ['/*'],
    });
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      Exclude: ['*.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'public, max-age=300' },
    });
  });

  test('the stack reports what an operator needs', () => {
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'WebUrl',
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'CognitoDomain',
        'TableName',
        'DocumentsBucket',
        'SesIdentityToVerify',
      ]),
    );
  });
});
