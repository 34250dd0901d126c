import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
  type CfnBucket,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { ARCHIVE_PREFIX, TAMPERING_MESSAGE } from '../functions/domain/audit-archive';
import type { Alarms } from './alarms';
import { nagReference } from './cross-stack';
import { deadLetterQueue } from './dead-letter-queue';
import { PortalFunction } from './portal-function';

export interface AuditArchiveProps {
  /** The table, with a stream of NEW_AND_OLD_IMAGES: the old image is the original of a changed event. */
  table: ITable;
  accessLogs: IBucket;
  alarms: Alarms;
  environment: Record<string, string>;
  logRetention: RetentionDays;
  /**
   * Where the archiver, its dead-letter queue and its stream mapping go: a nested stack of functions
   * (ADR 0018). The bucket and its key stay with this construct, beside the data they keep.
   */
  functions?: Construct;
}

/** How long each archived copy cannot be deleted or overwritten, by anyone, the root user included. */
export const AUDIT_ARCHIVE_RETENTION_DAYS = 2192;
export const AUDIT_ARCHIVE_ACCESS_LOG_PREFIX = 's3/audit-archive/';
export const AUDIT_TAMPERING_METRIC = { namespace: 'SafeguardingPortal', name: 'AuditEventChanged' } as const;
/** Audit items carry `entity: 'audit'` (functions/adapters/dynamodb/audit.ts). */
const AUDIT_ENTITY = 'audit';

/**
 * The tamper-proof copy of the audit trail (issue 6). IAM cannot make DynamoDB's PutItem "create
 * only", so a function could overwrite an audit event or give it a TTL. Every change to an audit item
 * comes through the table's stream to the archive-audit-events function, which copies it to a bucket
 * under Object Lock in compliance mode (no one can delete or shorten it for six years) and logs any
 * change after creation, which raises an alarm.
 */
export class AuditArchive extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly archiver: PortalFunction;
  readonly deadLetters: Queue;
  readonly tamperingAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AuditArchiveProps) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the safeguarding portal audit archive',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(AUDIT_ARCHIVE_RETENTION_DAYS)),
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: AUDIT_ARCHIVE_ACCESS_LOG_PREFIX,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Each key is written once: a write must say "only if absent" (the writer does), so not even a
    // principal allowed to put objects can add a version over an archived copy.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'ArchiveObjectsAreWrittenOnce',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );

    // Named as this construct, so its resources' logical ids read the same in either stack.
    const functions = props.functions ? new Construct(props.functions, id) : this;
    this.deadLetters = deadLetterQueue(functions, {
      of: 'audit archive',
      from: 'the stream mapping puts records it could not archive',
    });

    this.archiver = new PortalFunction(functions, 'Archiver', {
      functionName: 'archive-audit-events',
      description: 'Copies every change to an audit item to the Object Lock archive and reports tampering',
      environment: { ...props.environment, AUDIT_ARCHIVE_BUCKET: this.bucket.bucketName },
      logRetention: props.logRetention,
      timeout: Duration.minutes(1),
      deadLetterReason:
        'Invoked by a DynamoDB stream mapping, not asynchronously: records it cannot archive go to the mapping’s on-failure queue, whose first message raises an alarm.',
    });
    // Only new objects under audit/: no read, delete, retention, legal hold or governance bypass.
    this.archiver.allow(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.bucket.arnForObjects(`${ARCHIVE_PREFIX}*`)] }),
      new PolicyStatement({
        actions: ['kms:GenerateDataKey'],
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
      }),
    );

    this.archiver.function.addEventSource(
      new DynamoEventSource(props.table, {
        // From the oldest record the stream holds: a new or redeployed mapping archives what it finds.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        onFailure: new SqsDlq(this.deadLetters),
        // Audit items only, by their entity. The partition key cannot be matched (its AUDIT marker is
        // in the middle); the entity is on every audit item, so a change or removal is caught by its
        // old image even if the new one drops it.
        filters: [
          FilterCriteria.filter({ dynamodb: { NewImage: { entity: { S: FilterRule.isEqual(AUDIT_ENTITY) } } } }),
          FilterCriteria.filter({ dynamodb: { OldImage: { entity: { S: FilterRule.isEqual(AUDIT_ENTITY) } } } }),
        ],
      }),
    );

    const tampering = new MetricFilter(functions, 'TamperingFilter', {
      logGroup: this.archiver.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', TAMPERING_MESSAGE),
      metricNamespace: AUDIT_TAMPERING_METRIC.namespace,
      metricName: AUDIT_TAMPERING_METRIC.name,
      metricValue: '1',
    });
    this.tamperingAlarm = props.alarms.onAuditTampering(
      tampering.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
      tampering,
    );
    props.alarms.onDeadLetters('AuditArchive', this.deadLetters);
    props.alarms.onFunctionErrors('AuditArchive', this.archiver.function);
    props.alarms.onStreamLag('AuditArchive', this.archiver.function);

    this.acknowledge();
  }

  private acknowledge(): void {
    const bucketArn = nagReference(this.archiver.role, this.bucket.node.defaultChild as CfnBucket, 'Arn');
    Validations.of(this.archiver.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${bucketArn}/${ARCHIVE_PREFIX}*]`,
      reason:
        'Archive keys are made per partnership, case, audit event and stream record at run time; the grant is s3:PutObject alone, under audit/.',
    });
    // CDK's stream and dead-letter grants (DynamoEventSource, SqsDlq) go to the role's default policy.
    Validations.of(this.archiver.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams supports no resource-level permissions; the stream itself is read only through the table stream ARN.',
    });
    for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
      Validations.of(this.archiver.role).acknowledge({
        id: `AwsSolutions-IAM5[Action::${action}]`,
        reason:
          'Sending records the stream could not archive to the KMS-encrypted dead-letter queue; the grant names only that queue’s key.',
      });
    }
  }
}
