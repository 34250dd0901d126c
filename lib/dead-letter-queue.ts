import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type { IPrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * The dead-letter queue of an event-driven function (the daily run, GuardDuty's scan results, the audit
 * archive's stream): KMS-encrypted with a key of its own, SSL only, messages kept 14 days. Made in `scope`
 * as `DeadLetterKey` and `DeadLetters`. The caller alarms on its first message (Alarms.onDeadLetters).
 */
export function deadLetterQueue(
  scope: Construct,
  props: {
    /** What fails into it, for the key's description and the acknowledgements: "the daily run". */
    of: string;
    /** Where its messages come from, finishing "…puts … here": "the Scheduler target puts failed daily-run events". */
    from: string;
    /** A service that sends to the queue itself (EventBridge for a rule target's undeliverable events). */
    sender?: IPrincipal;
  },
): Queue {
  const key = new Key(scope, 'DeadLetterKey', {
    description: `Encrypts the ${props.of} dead-letter queue`,
    enableKeyRotation: true,
    // Failed events are kept for 14 days to be looked at, not for good: the key goes with the stack.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  if (props.sender) key.grantEncryptDecrypt(props.sender);
  const queue = new Queue(scope, 'DeadLetters', {
    encryption: QueueEncryption.KMS,
    encryptionMasterKey: key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'This queue is the dead-letter queue: there is nowhere further to redrive to; its first message raises an alarm.',
  });
  Validations.of(queue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is itself a dead-letter queue: ${props.from} here, and an alarm fires on the first.`,
  });
  return queue;
}
