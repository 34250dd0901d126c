import { Aspects, CfnResource, Validations, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { rules } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges the findings on a function that a CDK construct brings with it (the BucketDeployment
 * handler): its runtime, its AWSLambdaBasicExecutionRole and its wildcard grants are fixed by CDK, not
 * written here. The IAM findings are computed with cdk-nag's own rules once the tree is complete, so
 * exactly those that CDK's policy has are acknowledged, whatever the account, region or logical ids.
 */
export function acknowledgeCdkProvider(provider: IConstruct, purpose: string): void {
  const reason = (what: string) =>
    `${what} of the CDK-provided function that ${purpose}; CDK defines it, and it runs only during deployment.`;
  Aspects.of(provider).add(new AcknowledgeProviderFindings(reason));
}

class AcknowledgeProviderFindings implements IAspect {
  constructor(private readonly reason: (what: string) => string) {}

  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    if (node instanceof CfnFunction) {
      Validations.of(node).acknowledge({ id: 'AwsSolutions-L1', reason: this.reason('The runtime') });
      Validations.of(node).acknowledge({ id: 'Serverless-LambdaLatestVersion', reason: this.reason('The runtime') });
      Validations.of(node).acknowledge({ id: 'Serverless-LambdaTracing', reason: this.reason('The tracing setting') });
      Validations.of(node).acknowledge({
        id: 'Serverless-LambdaDLQ',
        reason: this.reason('The failure handling (CloudFormation reports a failed deployment step)'),
      });
    }
    const checks: [string, (node: CfnResource) => unknown, string][] = [
      ['AwsSolutions-IAM4', rules.iam.IAMNoManagedPolicies, 'The AWS managed logging policy'],
      ['AwsSolutions-IAM5', rules.iam.IAMNoWildcardPermissions, 'A wildcard in the S3 and CloudFront grants'],
    ];
    for (const [ruleId, rule, what] of checks) {
      const findings = rule(node);
      if (!Array.isArray(findings)) continue;
      for (const finding of findings as string[]) {
        Validations.of(node).acknowledge({ id: `${ruleId}[${finding}]`, reason: this.reason(what) });
      }
    }
  }
}
