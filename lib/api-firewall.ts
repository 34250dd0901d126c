import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { logsKey } from './log-encryption';

export interface ApiFirewallProps {
  stage: Stage;
  /** Header the CDN adds to every request it forwards; requests without it did not come through the CDN. */
  originVerify: { header: string; value: string };
  logRetention: RetentionDays;
}

/** Requests per client IP in any 5 minutes: whole API, and the agency sign-in routes (the link lookup too). */
export const RATE_LIMIT_PER_IP = 1000;
export const SIGN_IN_RATE_LIMIT_PER_IP = 100;

/** The routes that take a link's token or a one-time code: guessing either is what the lower limit slows. */
export const AGENCY_SIGN_IN_PATHS = ['/api/agency/sessions', '/api/agency/links/lookup'];

// The path API Gateway sees carries the stage in front: /prod/api/agency/sessions...
const pathContains = (path: string): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'CONTAINS',
    searchString: path,
    textTransformations: [{ priority: 0, type: 'LOWERCASE' }],
  },
});

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedGroup = (
  name: string,
  priority: number,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ruleActionOverrides } },
  visibilityConfig: visibility(name),
});

/**
 * A regional WAF web ACL on the API stage. The CDN sits in front of the API, so the client address is
 * taken from X-Forwarded-For (CloudFront appends the viewer's address; see the ADR for the limit of
 * this); requests that bypass the CDN are refused outright.
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const forwardedIp = { headerName: 'X-Forwarded-For', fallbackBehavior: 'MATCH' };

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('SafeguardingPortalApi'),
      rules: [
        {
          // In place of disabling the execute-api endpoint, which CloudFront needs as its origin.
          name: 'OnlyThroughTheCdn',
          priority: 0,
          action: { block: {} },
          statement: {
            notStatement: {
              statement: {
                byteMatchStatement: {
                  fieldToMatch: { singleHeader: { Name: props.originVerify.header } },
                  positionalConstraint: 'EXACTLY',
                  searchString: props.originVerify.value,
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility('OnlyThroughTheCdn'),
        },
        managedGroup('AWSManagedRulesAmazonIpReputationList', 1),
        {
          name: 'RateLimitPerClient',
          priority: 2,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: RATE_LIMIT_PER_IP,
              evaluationWindowSec: 300,
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: forwardedIp,
            },
          },
          visibilityConfig: visibility('RateLimitPerClient'),
        },
        {
          name: 'RateLimitAgencySignIn',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: SIGN_IN_RATE_LIMIT_PER_IP,
              evaluationWindowSec: 300,
              aggregateKeyType: 'FORWARDED_IP',
              forwardedIpConfig: forwardedIp,
              // The link lookup answers whether a token is live, so it is limited with the sign-in routes.
              scopeDownStatement: {
                orStatement: { statements: AGENCY_SIGN_IN_PATHS.map(pathContains) },
              },
            },
          },
          visibilityConfig: visibility('RateLimitAgencySignIn'),
        },
        // Returns carry long free text (a chronology can approach 2 MB), so the 8 KB body size rule
        // only counts; the function enforces its own size limit.
        managedGroup('AWSManagedRulesCommonRuleSet', 4, [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedGroup('AWSManagedRulesKnownBadInputsRuleSet', 5),
      ],
    });

    new CfnWebACLAssociation(this, 'Association', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    // Blocked and counted requests only; credentials and the CDN secret are redacted.
    const logs = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${Stack.of(this).stackName}-api`,
      retention: props.logRetention,
      encryptionKey: logsKey(this),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group ARN without the ":*" that logGroupArn ends with.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logs.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: [
        { singleHeader: { Name: 'authorization' } },
        { singleHeader: { Name: 'cookie' } },
        { singleHeader: { Name: props.originVerify.header } },
      ],
      loggingFilter: {
        DefaultBehavior: 'DROP',
        Filters: [
          {
            Behavior: 'KEEP',
            Requirement: 'MEETS_ANY',
            Conditions: [{ ActionCondition: { Action: 'BLOCK' } }, { ActionCondition: { Action: 'COUNT' } }],
          },
        ],
      },
    });
  }
}
