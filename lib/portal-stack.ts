import { Aws, CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { routes } from '../functions/contract/routes';
import { Alarms } from './alarms';
import { Api, STAGE_NAME } from './api';
import { ApiFirewall } from './api-firewall';
import { AuditArchive } from './audit-archive';
import { DailySchedule } from './daily-schedule';
import { DataStore } from './data-store';
import { FileStore } from './file-store';
import { accessFor, sizingFor } from './function-access';
import { createFunctionStacks, functionStackFor } from './function-stacks';
import { Mail } from './mail';
import { PortalFunction } from './portal-function';
import { ScanResults } from './scan-results';
import type { PortalSettings } from './settings';
import { StaffAuth } from './staff-auth';
import { WebHosting } from './web-hosting';

export interface PortalStackProps extends StackProps {
  settings: PortalSettings;
  /** Directory of the built web pages. */
  webAssetDir: string;
}

const pascal = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());

/**
 * The whole portal in one deployed stack. Its functions are in nested stacks that deploy with it
 * (ADR 0018), grouped by who calls them; the data, the API, the web and sign-in stay here. Each
 * function's API permission is made with its method, here, which names both the method and the function.
 * Order matters only to the CDK code, not to CloudFormation: the API is created before the CDN (its
 * origin), the CDN before the sign-in client and the functions (both need the web address), and the
 * API's methods last (they need the functions).
 */
export class PortalStack extends Stack {
  readonly functions = new Map<string, PortalFunction>();

  constructor(scope: Construct, id: string, props: PortalStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const data = new DataStore(this, 'Data');
    const files = new FileStore(this, 'Files');
    const mail = new Mail(this, 'Mail', { mailFrom: settings.mailFrom, identity: settings.sesIdentity });
    const api = new Api(this, 'Api', { logRetention: settings.logRetentionDays });

    // Known before the user pool exists, because the CDN's CSP must name it.
    const cognitoDomainPrefix = settings.cognitoDomainPrefix ?? `sg-portal-${Aws.ACCOUNT_ID}`;
    const authOrigin = `https://${cognitoDomainPrefix}.auth.${this.region}.amazoncognito.com`;
    // The random part of this stack's id: unguessable from outside, never in git, stable across deploys.
    const originVerify = { header: 'x-origin-verify', value: Fn.select(2, Fn.split('/', Aws.STACK_ID)) };

    const web = new WebHosting(this, 'Web', {
      webAssetDir: props.webAssetDir,
      api: { originDomain: api.originDomain, stageName: STAGE_NAME },
      originVerify,
      authOrigin,
      uploadOrigin: files.uploadOrigin(),
      accessLogs: files.accessLogs,
      logRetention: settings.logRetentionDays,
      geoAllowList: settings.geoAllowList,
      customDomain:
        settings.webDomain && settings.webCertificateArn
          ? { domainName: settings.webDomain, certificateArn: settings.webCertificateArn }
          : undefined,
    });
    files.allowBrowserAccessFrom(web.baseUrl);

    const staff = new StaffAuth(this, 'Staff', {
      partnershipIds: settings.partnershipIds,
      webBaseUrl: web.baseUrl,
      domainPrefix: cognitoDomainPrefix,
    });
    web.publish({ authUrl: staff.domainUrl, clientId: staff.client.userPoolClientId, mailViewer: null });

    // The variables functions/runtime/config.ts requires of every API function.
    const environment = {
      TABLE_NAME: data.table.tableName,
      DOCUMENTS_BUCKET: files.documents.bucketName,
      MAIL_FROM: settings.mailFrom,
      WEB_BASE_URL: web.baseUrl,
      STAFF_ISSUER: staff.issuer,
      STAFF_JWKS_URI: staff.jwksUri,
      STAFF_CLIENT_ID: staff.client.userPoolClientId,
      // Uploads are released only on GuardDuty's NO_THREATS_FOUND tag (lib/malware-protection.ts).
      MALWARE_SCANNER: 'guardduty',
      S3_FORCE_PATH_STYLE: 'false',
    };

    const alarms = new Alarms(this, 'Alarms', { email: settings.alarmEmail });
    const functionStacks = createFunctionStacks(this);

    for (const route of routes) {
      if (this.functions.has(route.functionName)) continue;
      const access = accessFor(route.functionName);
      const id = pascal(route.functionName);
      const fn = new PortalFunction(functionStacks[functionStackFor(route.functionName)], id, {
        functionName: route.functionName,
        description: `${route.method} ${route.path}: ${route.summary}`,
        environment,
        logRetention: settings.logRetentionDays,
        ...sizingFor(route.functionName),
      });
      if (access.table === 'read') data.grantRead(fn);
      if (access.table === 'read-write') data.grantReadWrite(fn);
      if (access.documents) files.grantObjects(fn, access.documents);
      if (access.mail) mail.grantSend(fn);
      alarms.onFunctionErrors(id, fn.function);
      this.functions.set(route.functionName, fn);
    }

    api.addRoutes(
      routes,
      (route) => (this.functions.get(route.functionName) as PortalFunction).function,
      staff.userPool,
    );
    new ApiFirewall(this, 'ApiFirewall', {
      stage: api.restApi.deploymentStage,
      originVerify,
      logRetention: settings.logRetentionDays,
    });
    alarms.onApiServerErrors(api.restApi);
    alarms.onMailBounceRate();
    const events = functionStacks.EventFunctions;
    const daily = new DailySchedule(events, 'Daily', { environment, logRetention: settings.logRetentionDays, alarms });
    const dailyAccess = accessFor('run-daily-sweep');
    if (dailyAccess.table === 'read-write') data.grantReadWrite(daily.run);
    if (dailyAccess.documents) files.grantObjects(daily.run, dailyAccess.documents);
    if (dailyAccess.mail) mail.grantSend(daily.run);
    this.functions.set('run-daily-sweep', daily.run);
    const scanResults = new ScanResults(events, 'ScanResults', {
      documents: files.documents,
      environment,
      logRetention: settings.logRetentionDays,
      alarms,
    });
    const releaseAccess = accessFor('release-scanned-upload');
    if (releaseAccess.table === 'read-write') data.grantReadWrite(scanResults.release);
    if (releaseAccess.documents) files.grantObjects(scanResults.release, releaseAccess.documents);
    this.functions.set('release-scanned-upload', scanResults.release);
    const auditArchive = new AuditArchive(this, 'AuditArchive', {
      table: data.table,
      accessLogs: files.accessLogs,
      alarms,
      environment: { S3_FORCE_PATH_STYLE: 'false' },
      logRetention: settings.logRetentionDays,
      functions: events,
    });
    this.functions.set('archive-audit-events', auditArchive.archiver);

    // The API is reached through the CDN only (lib/api-firewall.ts), so its URL is under the web address.
    const outputs: Record<string, string> = {
      WebUrl: web.baseUrl,
      ApiUrl: `${web.baseUrl}/api/`,
      UserPoolId: staff.userPool.userPoolId,
      UserPoolClientId: staff.client.userPoolClientId,
      CognitoDomain: staff.domainUrl,
      TableName: data.table.tableName,
      DocumentsBucket: files.documents.bucketName,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
