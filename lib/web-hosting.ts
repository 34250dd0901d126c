import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CdnFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { SECURITY_HEADERS } from '../functions/http/responses';
import { WEB_SECURITY_HEADERS } from '../scripts/local/api-server';
import { acknowledgeCdkProvider } from './cdk-providers';
import { logsKey } from './log-encryption';

export interface WebHostingProps {
  /** The built web pages (scripts/build-web.ts). */
  webAssetDir: string;
  /** `<id>.execute-api.<region>.<suffix>` and the stage, served under /api/*. */
  api: { originDomain: string; stageName: string };
  /** Header and value the CDN adds to API requests; the API's firewall refuses requests without it. */
  originVerify: { header: string; value: string };
  /** The Cognito hosted sign-in origin the pages may talk to and post forms to. */
  authOrigin: string;
  /** The documents bucket's origin (presigned POST uploads). */
  uploadOrigin: string;
  accessLogs: IBucket;
  /** Retention of the log group of the CDK function that uploads the pages. */
  logRetention: RetentionDays;
  geoAllowList: string[];
  /** A custom address and its us-east-1 ACM certificate; otherwise the CloudFront domain. */
  customDomain?: { domainName: string; certificateArn: string };
}

/** What the pages read from /config.json, the same shape the local server serves. */
export interface WebConfig {
  authUrl: string;
  clientId: string;
  mailViewer: null;
}

const YEAR_SECONDS = Duration.days(365);

// Pages of the single-page app have no file extension; anything else is a file. Only the web
// behaviour runs this, so unknown /api/* paths still reach the API and get its JSON 404.
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]+$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;

/** The security headers both behaviours add; `override` decides whether the origin's own win. */
function securityHeaders(csp: string, override: boolean): ResponseSecurityHeadersBehavior {
  return {
    contentSecurityPolicy: { contentSecurityPolicy: csp, override },
    strictTransportSecurity: { accessControlMaxAge: YEAR_SECONDS, includeSubdomains: true, override },
    contentTypeOptions: { override },
    referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override },
    frameOptions: { frameOption: HeadersFrameOption.DENY, override },
  };
}

/**
 * The web pages in a private bucket behind CloudFront (origin access control), with the API on the
 * same origin under /api/* so the agency session cookie can be `__Host-` and SameSite=Strict.
 */
export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://<address>` without a trailing slash: links in e-mails and sign-in redirects use it. */
  readonly baseUrl: string;
  private readonly webAssetDir: string;
  private readonly logRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    this.webAssetDir = props.webAssetDir;
    this.logRetention = props.logRetention;

    // Public pages and scripts, no data: SSE-S3 suffices, and keeps origin access control free of a
    // key policy that would have to name the distribution.
    this.bucket = new Bucket(this, 'Pages', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 's3/web/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-replaced-pages', noncurrentVersionExpiration: Duration.days(30) }],
    });

    // The same CSP the local server sends (scripts/local/api-server.ts), with the sign-in origin and the
    // documents bucket's origin, where browsers upload attachments with presigned POSTs.
    const csp = (WEB_SECURITY_HEADERS['Content-Security-Policy'] as string)
      .replaceAll('AUTH_ORIGIN', props.authOrigin)
      .replaceAll('UPLOAD_ORIGIN', props.uploadOrigin);
    const pageHeaders = new ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'Security headers for the web pages',
      securityHeadersBehavior: securityHeaders(csp, true),
    });
    // The API sets these itself (functions/http/responses.ts); the CDN only fills them in where it did
    // not, e.g. on API Gateway's own error responses.
    const apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Security headers for API responses that lack them',
      securityHeadersBehavior: securityHeaders(SECURITY_HEADERS['Content-Security-Policy'] as string, false),
    });

    const spaRouting = new CdnFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves index.html for the routes of the single-page app',
    });

    const api = new HttpOrigin(props.api.originDomain, {
      originPath: `/${props.api.stageName}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      customHeaders: { [props.originVerify.header]: props.originVerify.value },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Safeguarding returns portal',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.customDomain
        ? {
            domainNames: [props.customDomain.domainName],
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
          }
        : {}),
      geoRestriction: props.geoAllowList.length ? GeoRestriction.allowlist(...props.geoAllowList) : undefined,
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: pageHeaders,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: api,
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // Everything the viewer sent except Host, which must name the API for API Gateway to route it.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: apiHeaders,
        },
      },
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'A CloudFront web ACL must live in us-east-1; the regional WAF web ACL on the API stage (lib/api-firewall.ts) filters every /api request, and the pages are static files.',
    });
    if (!props.customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'No custom domain is configured, so CloudFront serves its default *.cloudfront.net certificate, for which it fixes the minimum protocol itself. Set webDomain and webCertificateArn to enforce TLS 1.2.',
      });
    }
    if (!props.geoAllowList.length) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR1',
        reason: 'Deliberately served worldwide: the geoAllowList context setting is empty.',
      });
    }

    this.baseUrl = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the pages, with /config.json telling them where staff sign in. HTML and the config are
   * never cached (a deploy takes effect at once); scripts and styles for five minutes.
   */
  publish(config: WebConfig): void {
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.logRetention,
      encryptionKey: logsKey(this),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const assets = new BucketDeployment(this, 'Assets', {
      logGroup,
      sources: [Source.asset(this.webAssetDir)],
      destinationBucket: this.bucket,
      exclude: ['*.html', 'config.json'],
      cacheControl: [CacheControl.fromString('public, max-age=300')],
    });
    const pages = new BucketDeployment(this, 'PagesAndConfig', {
      logGroup,
      sources: [Source.asset(this.webAssetDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['*.html', 'config.json'],
      cacheControl: [CacheControl.noStore()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    // Pages name the scripts, so the scripts land first.
    pages.node.addDependency(assets);

    // Both deployments share one CDK-provided function, defined at stack level.
    const stack = Stack.of(this);
    for (const provider of stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      acknowledgeCdkProvider(provider, 'copies the built pages from the CDK asset bucket into the pages bucket');
    }
  }
}
