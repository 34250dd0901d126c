import { Duration } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { QUARANTINE_PREFIX } from './malware-protection';
import { deadLetterQueue } from './dead-letter-queue';
import { PortalFunction } from './portal-function';

export interface ScanResultsProps {
  documents: IBucket;
  environment: Record<string, string>;
  logRetention: ConstructorParameters<typeof PortalFunction>[2]['logRetention'];
  alarms: Alarms;
}

/** The EventBridge detail type GuardDuty Malware Protection for S3 gives each object's scan result. */
export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';

/**
 * Releases (or refuses) an upload as soon as GuardDuty has scanned it, whether or not the lead's browser is
 * still there to ask (ADR 0011): an EventBridge rule on GuardDuty's scan results for the quarantine prefix
 * invokes release-scanned-upload. A result the function cannot settle yet (the tag not readable) fails, is
 * retried by Lambda, and after the retries lands on a dead-letter queue whose first message raises an alarm;
 * the lead's own `complete` still settles the file meanwhile.
 */
export class ScanResults extends Construct {
  readonly release: PortalFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ScanResultsProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, {
      of: 'scan-result',
      from: 'undeliverable and failed scan results land',
      // EventBridge puts undeliverable events on the queue itself, so it must be able to use the key.
      sender: new ServicePrincipal('events.amazonaws.com'),
    });

    this.release = new PortalFunction(this, 'Release', {
      functionName: 'release-scanned-upload',
      description: 'Releases or refuses an upload when GuardDuty reports its scan result',
      environment: props.environment,
      logRetention: props.logRetention,
      timeout: Duration.seconds(30),
      asyncFailureQueue: this.deadLetters,
    });

    new Rule(this, 'Rule', {
      description: 'GuardDuty scan results for uploads in the documents bucket’s quarantine prefix',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT_DETAIL_TYPE],
        detail: {
          s3ObjectDetails: {
            bucketName: [props.documents.bucketName],
            objectKey: [{ prefix: QUARANTINE_PREFIX }],
          },
        },
      },
      targets: [
        new LambdaFunction(this.release.function, {
          deadLetterQueue: this.deadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    props.alarms.onDeadLetters('ScanResults', this.deadLetters);
    props.alarms.onFunctionErrors('ScanResults', this.release.function);
  }
}
