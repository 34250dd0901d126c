import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
  type CfnBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { nagReference } from './cross-stack';
import { MalwareProtection } from './malware-protection';
import type { Grantee } from './portal-function';

/**
 * Top-level key prefixes of the documents bucket (functions/domain/services): drafts and returns
 * (agency-returns.ts), merged chronologies (chronology.ts), uploads awaiting their scan and released
 * attachments (attachments.ts), and case packs waiting to be downloaded (collation.ts).
 */
export type DocumentPrefix = 'drafts' | 'returns' | 'chronologies' | 'quarantine' | 'attachments' | 'packs';

export interface DocumentAccess {
  read?: DocumentPrefix[];
  write?: DocumentPrefix[];
  delete?: DocumentPrefix[];
  /** Reading tags (GuardDuty's scan result) and copying them along with an object. */
  readTags?: DocumentPrefix[];
  writeTags?: DocumentPrefix[];
  /** Deleting every version of objects (retention), which also needs to list the versions. */
  purge?: DocumentPrefix[];
}

const OBJECT_ACTIONS: Record<keyof DocumentAccess, string[]> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  delete: ['s3:DeleteObject'],
  readTags: ['s3:GetObjectTagging'],
  writeTags: ['s3:PutObjectTagging'],
  purge: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
};

/** The tag GuardDuty Malware Protection for S3 sets on each scanned object, and the only releasing value. */
export const SCAN_TAG = { key: 'GuardDutyMalwareScanStatus', clean: 'NO_THREATS_FOUND' };

/**
 * The documents bucket (drafts, submitted returns, later uploads) and the bucket that receives the
 * access logs of every bucket and of the CDN.
 */
export class FileStore extends Construct {
  readonly documents: Bucket;
  readonly key: Key;
  readonly accessLogs: Bucket;

  /** Where browsers post uploads: the bucket's regional virtual-hosted origin, as presigned POSTs use. */
  uploadOrigin(): string {
    return `https://${this.documentsBucketName()}.s3.${Aws.REGION}.amazonaws.com`;
  }

  /**
   * Named from the stack, account and region (no reference to another resource), so the pages' CSP can
   * name the bucket's origin while the bucket's CORS names the pages' origin without a cycle.
   */
  private documentsBucketName(): string {
    return `${Stack.of(this).stackName.toLowerCase()}-documents-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
  }

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // SSE-S3, not a customer key: S3 server access logging and CloudFront standard logging only write
    // to buckets whose default encryption they can use without a key policy of ours. The logs hold
    // request metadata only, never document contents.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      // CloudFront standard logging delivers with an ACL grant, so ACLs stay available (owner-preferred).
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'expire-logs', expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) },
      ],
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging its own access into itself would loop.',
    });

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the safeguarding portal documents bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.documents = new Bucket(this, 'Documents', {
      bucketName: this.documentsBucketName(),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      // One data key per bucket rather than per object: far fewer KMS calls, same key control.
      bucketKeyEnabled: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 's3/documents/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // A saved draft supersedes and deletes the one before: keep replaced drafts only long enough to
        // recover from a mistake, not indefinitely (storage limitation).
        { id: 'expire-replaced-drafts', prefix: 'drafts/', noncurrentVersionExpiration: Duration.days(30) },
        // Released files are moved out at once; what stays is refused or never checked, kept 30 days to
        // investigate (an infected file is reported to the business office) and then removed.
        {
          id: 'expire-quarantine',
          prefix: 'quarantine/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
        // A case pack is fetched within minutes of being made; a copy is never kept.
        {
          id: 'expire-packs',
          prefix: 'packs/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    this.denyUnscannedDownloads();
    new MalwareProtection(this, 'MalwareProtection', { bucket: this.documents, key: this.key });
  }

  /**
   * Released attachments can be read only once GuardDuty has found them clean, whoever asks: a file
   * moved out of quarantine by mistake, or before its scan, still cannot be downloaded.
   */
  private denyUnscannedDownloads(): void {
    this.documents.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyCleanAttachmentsCanBeRead',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.documents.arnForObjects('attachments/*')],
        conditions: { StringNotEquals: { [`s3:ExistingObjectTag/${SCAN_TAG.key}`]: SCAN_TAG.clean } },
      }),
    );
  }

  /** Browsers upload with presigned POST and download with presigned GET, from the web origin only. */
  allowBrowserAccessFrom(webOrigin: string): void {
    this.documents.addCorsRule({
      allowedOrigins: [webOrigin],
      allowedMethods: [HttpMethods.GET, HttpMethods.POST],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });
  }

  /**
   * Object rights on the given key prefixes only, plus the KMS use S3 makes on the caller's behalf.
   * Readers also get s3:ListBucket so a missing object is reported as NoSuchKey (which the adapter
   * treats as "absent") rather than AccessDenied.
   */
  grantObjects(grantee: Grantee, access: DocumentAccess): void {
    for (const [right, actions] of Object.entries(OBJECT_ACTIONS) as [keyof DocumentAccess, string[]][]) {
      const prefixes = access[right];
      if (!prefixes?.length) continue;
      const resources = prefixes.map((prefix) => this.documents.arnForObjects(`${prefix}/*`));
      grantee.allow(new PolicyStatement({ actions, resources }));
    }
    const listing = [
      ...(access.read?.length || access.purge?.length ? ['s3:ListBucket'] : []),
      ...(access.purge?.length ? ['s3:ListBucketVersions'] : []),
    ];
    if (listing.length) {
      grantee.allow(new PolicyStatement({ actions: listing, resources: [this.documents.bucketArn] }));
    }
    const keyActions = [
      ...(access.read?.length ? ['kms:Decrypt'] : []),
      ...(access.write?.length ? ['kms:GenerateDataKey'] : []),
    ];
    if (keyActions.length) {
      grantee.allow(
        new PolicyStatement({
          actions: keyActions,
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
        }),
      );
    }

    // The grantee may be in a nested stack of functions, where the bucket's ARN is a parameter.
    const bucketArn = nagReference(grantee, this.documents.node.defaultChild as CfnBucket, 'Arn');
    const prefixes = new Set(Object.values(access).flat());
    for (const prefix of prefixes) {
      Validations.of(grantee).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${bucketArn}/${prefix}/*]`,
        reason: `Object keys under ${prefix}/ are made per partnership, case and request at run time; the grant is limited to that prefix and to the actions listed.`,
      });
    }
  }
}
