import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PartnershipsFile } from '../functions/contract/partnership-config';
import { projectRoot } from '../scripts/project-root';

/**
 * Deployment settings, read from CDK context (cdk.json, or `-c key=value`) and validated before any
 * resource is defined, so a bad value stops `cdk synth` with a clear message rather than a failed deploy.
 */
export interface PortalSettings {
  region: string;
  /** Sender of every e-mail; the SES identity must cover it. */
  mailFrom: string;
  /** The SES identity to verify: a domain (DKIM) or a single address. */
  sesIdentity: string;
  /** A custom web address (needs `webCertificateArn`); without one the CloudFront domain is used. */
  webDomain?: string;
  /** ACM certificate for `webDomain`, in us-east-1 as CloudFront requires. */
  webCertificateArn?: string;
  /** Cognito hosted-domain prefix; globally unique per region. */
  cognitoDomainPrefix?: string;
  logRetentionDays: RetentionDays;
  /** ISO 3166-1 alpha-2 countries CloudFront serves; an empty list serves everywhere. */
  geoAllowList: string[];
  /** Optional address subscribed to the operational alarms topic. */
  alarmEmail?: string;
  partnershipIds: string[];
}

const EMAIL = /^[^@\s]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;
const DOMAIN = /^([a-z0-9-]+\.)+[a-z]{2,}$/i;

function optionalString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string`);
  return value;
}

export function loadPartnershipIds(file = join(projectRoot(), 'config/partnerships.json')): string[] {
  return PartnershipsFile.parse(JSON.parse(readFileSync(file, 'utf8'))).partnerships.map((p) => p.id);
}

export function readSettings(app: App): PortalSettings {
  const region = optionalString(app, 'region') ?? process.env.CDK_DEFAULT_REGION ?? 'eu-west-2';
  const mailFrom = optionalString(app, 'mailFrom') ?? 'no-reply@portal.example.org';
  if (!EMAIL.test(mailFrom)) throw new Error(`Context "mailFrom" is not an e-mail address: ${mailFrom}`);
  const sesIdentity = optionalString(app, 'sesIdentity') ?? mailFrom.slice(mailFrom.indexOf('@') + 1);
  const identityCovers = sesIdentity.includes('@')
    ? sesIdentity.toLowerCase() === mailFrom.toLowerCase()
    : mailFrom.toLowerCase().endsWith(`@${sesIdentity.toLowerCase()}`);
  if (!identityCovers) throw new Error(`Context "sesIdentity" (${sesIdentity}) does not cover mailFrom (${mailFrom})`);

  const webDomain = optionalString(app, 'webDomain');
  const webCertificateArn = optionalString(app, 'webCertificateArn');
  if (webDomain && !DOMAIN.test(webDomain)) throw new Error(`Context "webDomain" is not a domain name: ${webDomain}`);
  if (Boolean(webDomain) !== Boolean(webCertificateArn)) {
    throw new Error('Set both "webDomain" and "webCertificateArn" (an ACM certificate in us-east-1), or neither');
  }

  const cognitoDomainPrefix = optionalString(app, 'cognitoDomainPrefix');
  if (cognitoDomainPrefix && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(cognitoDomainPrefix)) {
    throw new Error(`Context "cognitoDomainPrefix" must be lower-case letters, digits and hyphens`);
  }

  const retention: unknown = app.node.tryGetContext('logRetentionDays') ?? 365;
  const logRetentionDays = Number(retention) as RetentionDays;
  if (!Object.values(RetentionDays).includes(logRetentionDays) || logRetentionDays === RetentionDays.INFINITE) {
    throw new Error('Context "logRetentionDays" must be a CloudWatch Logs retention period, e.g. 365');
  }

  const geo: unknown = app.node.tryGetContext('geoAllowList') ?? ['GB'];
  const geoAllowList = typeof geo === 'string' ? geo.split(',').filter(Boolean) : geo;
  if (!Array.isArray(geoAllowList) || !geoAllowList.every((c) => typeof c === 'string' && /^[A-Z]{2}$/.test(c))) {
    throw new Error('Context "geoAllowList" must list two-letter country codes');
  }

  const alarmEmail = optionalString(app, 'alarmEmail');
  if (alarmEmail && !EMAIL.test(alarmEmail)) throw new Error(`Context "alarmEmail" is not an e-mail address`);

  return {
    region,
    mailFrom,
    sesIdentity,
    webDomain,
    webCertificateArn,
    cognitoDomainPrefix,
    logRetentionDays,
    geoAllowList: geoAllowList as string[],
    alarmEmail,
    partnershipIds: loadPartnershipIds(),
  };
}
