import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
  StreamViewType,
} from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_LAYOUT } from '../functions/adapters/dynamodb/table-definition';
import type { Grantee } from './portal-function';

/** Partition keys of audit items: `P#<partnershipId>#AUDIT#<caseId>` (functions/adapters/dynamodb/keys.ts). */
export const AUDIT_PARTITIONS = 'P#*#AUDIT#*';

/** Item writes that could change or remove an audit item after it was appended. */
const AUDIT_MUTATIONS = [
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:PartiQLUpdate',
  'dynamodb:PartiQLDelete',
];

/**
 * The one DynamoDB table (layout shared with the local emulator). Encrypted with its own key,
 * recoverable to any second of the last 35 days, and kept if the stack is deleted.
 */
export class DataStore extends Construct {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the safeguarding portal table',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_LAYOUT.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_LAYOUT.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE_LAYOUT.timeToLiveAttribute,
      // Every change, with its old image, for the audit archive (lib/audit-archive.ts).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // The audit trail is append-only for every principal, not only for the functions' roles.
      resourcePolicy: new PolicyDocument({ statements: [denyAuditMutation({ principals: [new AnyPrincipal()] })] }),
    });
    for (const index of TABLE_LAYOUT.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** Table and index ARNs by name: no `index/*` wildcard. */
  private get queryResources(): string[] {
    return [
      this.table.tableArn,
      ...TABLE_LAYOUT.globalSecondaryIndexes.map((index) => `${this.table.tableArn}/index/${index.indexName}`),
    ];
  }

  /** Reads items and queries the table and its indexes. */
  grantRead(grantee: Grantee): void {
    this.grant(grantee, {
      table: ['dynamodb:GetItem', 'dynamodb:Query'],
      key: ['kms:Decrypt', 'kms:DescribeKey'],
    });
  }

  /**
   * Reads and writes items, single or in transactions (TransactWriteItems is authorised item by item as
   * PutItem, UpdateItem, DeleteItem and ConditionCheckItem). Never Scan, BatchWriteItem or table admin.
   */
  grantReadWrite(grantee: Grantee): void {
    this.grant(grantee, {
      table: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:ConditionCheckItem',
      ],
      key: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
    });
  }

  private grant(grantee: Grantee, actions: { table: string[]; key: string[] }): void {
    grantee.allow(
      new PolicyStatement({ actions: actions.table, resources: this.queryResources }),
      new PolicyStatement({
        actions: actions.key,
        resources: [this.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
      }),
      // An explicit deny beside every grant, so no later grant on the role can reopen the audit trail.
      denyAuditMutation({ resources: [this.table.tableArn] }),
    );
  }
}

function denyAuditMutation(options: { principals?: AnyPrincipal[]; resources?: string[] }): PolicyStatement {
  return new PolicyStatement({
    sid: 'AuditTrailIsAppendOnly',
    effect: Effect.DENY,
    actions: AUDIT_MUTATIONS,
    principals: options.principals,
    // A resource policy applies to its own table: "*" there means this table.
    resources: options.resources ?? ['*'],
    conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [AUDIT_PARTITIONS] } },
  });
}
