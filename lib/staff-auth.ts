import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PARTNERSHIP_GROUP_PREFIX } from '../functions/http/staff-auth';

/** Where the pages send staff back to (web/src/lib/auth.ts): Cognito accepts only these exact URLs. */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/signed-out';

export interface StaffAuthProps {
  /** One Cognito group per partnership, named `partnership-<id>`: the functions read it from the token. */
  partnershipIds: string[];
  /** The web address staff return to after signing in or out. */
  webBaseUrl: string;
  /** Hosted sign-in domain prefix; derived from the account when not configured. */
  domainPrefix?: string;
}

/**
 * Business-office sign-in: a Cognito user pool with administrator-created accounts only, TOTP MFA for
 * everyone, and a public web client using the authorisation code grant with PKCE.
 */
export class StaffAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly domain: UserPoolDomain;
  /** `https://<prefix>.auth.<region>.amazoncognito.com`: where the web sends staff to sign in. */
  readonly domainUrl: string;
  /** The `iss` of the pool's tokens, and where their signing keys are published. */
  readonly issuer: string;
  readonly jwksUri: string;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        passwordHistorySize: 5,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection blocks sign-ins from compromised credentials and risky attempts.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const partnershipId of props.partnershipIds) {
      this.userPool.addGroup(`Group-${partnershipId}`, {
        groupName: `${PARTNERSHIP_GROUP_PREFIX}${partnershipId}`,
        description: `Business office staff of the ${partnershipId} partnership`,
      });
    }

    this.client = this.userPool.addClient('WebClient', {
      // A browser application cannot keep a secret; PKCE protects the code exchange instead.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.webBaseUrl}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${props.webBaseUrl}${SIGNED_OUT_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
      preventUserExistenceErrors: true,
    });

    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `sg-portal-${Aws.ACCOUNT_ID}` },
    });
    this.domainUrl = this.domain.baseUrl();

    const region = Stack.of(this).region;
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.jwksUri = `${this.issuer}/.well-known/jwks.json`;
  }
}
