import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { rootStackOf } from './cross-stack';

const ID = 'LogsKey';

/**
 * The one customer-managed key every log group of the stack is encrypted with, its nested stacks'
 * included (defined in the parent, passed to them). Logs hold request metadata only (never bodies or
 * personal data, by design), but they are still the service's records.
 */
export function logsKey(scope: Construct): Key {
  const stack = rootStackOf(scope);
  const existing = stack.node.tryFindChild(ID);
  if (existing) return existing as Key;
  const key = new Key(stack, ID, {
    description: 'Encrypts the safeguarding portal log groups',
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // CloudWatch Logs uses the key on behalf of this account's log groups only.
  key.addToResourcePolicy(
    new PolicyStatement({
      principals: [new ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`,
        },
      },
    }),
  );
  return key;
}
