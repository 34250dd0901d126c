import { CfnOutput, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { Grantee } from './portal-function';

export interface MailProps {
  /** The sender of every e-mail. */
  mailFrom: string;
  /** A domain (verified with Easy DKIM) or a single address (verified by a link SES e-mails to it). */
  identity: string;
}

/**
 * The SES identity the portal sends from, with a default configuration set that requires TLS, tracks
 * reputation and keeps bounced and complaining addresses on the suppression list.
 */
export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  readonly mailFrom: string;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.mailFrom = props.mailFrom;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      sendingEnabled: true,
    });

    const isAddress = props.identity.includes('@');
    this.identity = new EmailIdentity(this, 'Identity', {
      identity: isAddress ? Identity.email(props.identity) : Identity.domain(props.identity),
      configurationSet: this.configurationSet,
    });

    new CfnOutput(Stack.of(this), 'SesIdentityToVerify', {
      value: props.identity,
      description: isAddress
        ? 'Open the verification link SES e-mails to this address. Request SES production access to e-mail unverified recipients.'
        : 'Publish the three DKIM CNAME records (SesDkimRecord1-3) in this domain. Request SES production access to e-mail unverified recipients.',
    });
    if (!isAddress) {
      const tokens: [string, string][] = [
        [this.identity.dkimDnsTokenName1, this.identity.dkimDnsTokenValue1],
        [this.identity.dkimDnsTokenName2, this.identity.dkimDnsTokenValue2],
        [this.identity.dkimDnsTokenName3, this.identity.dkimDnsTokenValue3],
      ];
      tokens.forEach(([name, value], i) => {
        new CfnOutput(Stack.of(this), `SesDkimRecord${i + 1}`, { value: `${name} CNAME ${value}` });
      });
    }
  }

  /**
   * ses:SendEmail from the configured sender only. SES authorises the identity and the configuration
   * set the message goes through; in the SES sandbox it also checks the recipient's identity.
   */
  grantSend(grantee: Grantee): void {
    const stack = Stack.of(this);
    grantee.allow(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          this.identity.emailIdentityArn,
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': this.mailFrom } },
      }),
    );
  }
}
