import { Aws, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  AuthorizationType,
  CognitoUserPoolsAuthorizer,
  EndpointType,
  JsonSchemaType,
  JsonSchemaVersion,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type MethodDeploymentOptions,
  type MethodOptions,
} from 'aws-cdk-lib/aws-apigateway';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../functions/contract/routes';
import { SECURITY_HEADERS } from '../functions/http/responses';
import { logsKey } from './log-encryption';

export const STAGE_NAME = 'prod';

/** Stage-wide defaults; the agency sign-in routes, which send e-mail and check codes, get less. */
export const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };
export const SIGN_IN_THROTTLE = { rateLimit: 5, burstLimit: 10 };
export const SIGN_IN_ROUTES = [
  'POST /api/agency/sessions',
  'POST /api/agency/sessions/verify',
  'POST /api/agency/links/lookup',
];

export interface ApiProps {
  logRetention: RetentionDays;
}

/** Error bodies in the functions' own shape, `{ error: { code, message } }`, and nothing internal. */
const GATEWAY_ERRORS: [ResponseType, string | undefined, string, string][] = [
  [ResponseType.MISSING_AUTHENTICATION_TOKEN, '404', 'not-found', 'No such API route'],
  [ResponseType.UNAUTHORIZED, '401', 'invalid-token', 'Sign in to continue.'],
  [ResponseType.EXPIRED_TOKEN, '401', 'invalid-token', 'Your sign-in has expired. Sign in again.'],
  [ResponseType.ACCESS_DENIED, '403', 'forbidden', 'You do not have access to this.'],
  [ResponseType.WAF_FILTERED, '403', 'blocked', 'The request was blocked.'],
  [ResponseType.THROTTLED, '429', 'too-many-requests', 'Too many requests. Wait a minute and try again.'],
  [ResponseType.REQUEST_TOO_LARGE, '413', 'body-too-large', 'The request is too large.'],
  [ResponseType.BAD_REQUEST_BODY, '400', 'invalid', 'Check the request: the body must be a JSON object.'],
  [ResponseType.DEFAULT_4XX, undefined, 'bad-request', 'The request could not be processed.'],
  [ResponseType.DEFAULT_5XX, undefined, 'internal-error', 'Something went wrong. Try again later.'],
];

/**
 * The REST API (docs/adr/0002-rest-api-over-http-api.md): one method per entry of the route table,
 * each a Lambda proxy to its function. Created empty; `addRoutes` adds the methods once the functions
 * exist, because the functions need the web address, which needs this API as the CDN's origin.
 */
export class Api extends Construct {
  readonly restApi: RestApi;
  /** `<id>.execute-api.<region>.<suffix>`, built from the API id alone so the CDN does not wait for the stage. */
  readonly originDomain: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: logsKey(this),
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const methodDefaults: MethodDeploymentOptions = {
      loggingLevel: MethodLoggingLevel.ERROR,
      // Never log request or response bodies: they hold safeguarding information.
      dataTraceEnabled: false,
      metricsEnabled: true,
    };
    const methodOptions: Record<string, MethodDeploymentOptions> = {};
    for (const route of SIGN_IN_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      // A method's own settings replace the stage's, so they repeat the defaults.
      methodOptions[`${path}/${method}`] = {
        ...methodDefaults,
        throttlingRateLimit: SIGN_IN_THROTTLE.rateLimit,
        throttlingBurstLimit: SIGN_IN_THROTTLE.burstLimit,
      };
    }

    this.restApi = new RestApi(this, 'RestApi', {
      description: 'Safeguarding returns portal API',
      endpointTypes: [EndpointType.REGIONAL],
      // Every media type may be binary: functions return files (Word, Excel, zip) base64-encoded and API
      // Gateway decodes them; JSON responses are not base64-encoded and pass through unchanged. Request
      // bodies then arrive base64-encoded, which functions/http/api-handler.ts decodes.
      binaryMediaTypes: ['*/*'],
      // The account-level role API Gateway needs to write execution logs (one per account and region).
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: STAGE_NAME,
        tracingEnabled: true,
        ...methodDefaults,
        throttlingRateLimit: DEFAULT_THROTTLE.rateLimit,
        throttlingBurstLimit: DEFAULT_THROTTLE.burstLimit,
        methodOptions,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            time: AccessLogField.contextRequestTime(),
            // Behind the CDN this is the edge's address; the WAF logs carry X-Forwarded-For.
            ip: AccessLogField.contextIdentitySourceIp(),
            method: AccessLogField.contextHttpMethod(),
            // The route template, not the concrete path: ids stay out of the logs.
            route: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            responseLength: AccessLogField.contextResponseLength(),
            latency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            errorType: AccessLogField.contextErrorResponseType(),
            authorizerError: AccessLogField.contextAuthorizerError(),
            wafStatus: AccessLogField.contextWafStatus(),
            traceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });
    // API Gateway would otherwise create the execution log group itself, with no retention.
    const executionLogs = new LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${STAGE_NAME}`,
      retention: props.logRetention,
      encryptionKey: logsKey(this),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.restApi.deploymentStage.node.addDependency(executionLogs);

    Validations.of(this.restApi).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
      reason:
        'The account-level role API Gateway assumes to write execution and access logs; AWS maintains this policy for exactly that purpose.',
    });

    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // Gateway header values are single-quoted literals, so the CSP (which quotes its keywords) is
      // left to the CDN's response headers policy for /api/*.
      if (!value.includes("'")) headers[name] = `'${value}'`;
    }
    for (const [type, statusCode, code, message] of GATEWAY_ERRORS) {
      this.restApi.addGatewayResponse(type.responseType, {
        type,
        statusCode,
        responseHeaders: {
          ...headers,
          ...(type === ResponseType.UNAUTHORIZED || type === ResponseType.EXPIRED_TOKEN
            ? { 'WWW-Authenticate': "'Bearer'" }
            : {}),
        },
        templates: { 'application/json': JSON.stringify({ error: { code, message } }) },
      });
    }

    // CDK's default output names the execute-api URL, which the firewall refuses; the API is at WebUrl/api/.
    this.restApi.node.tryRemoveChild('Endpoint');

    this.originDomain = `${this.restApi.restApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }

  /**
   * One method per route. Staff routes also pass a Cognito authorizer that accepts only access tokens
   * (a scope is required); the function verifies the token again itself, as it does locally.
   */
  addRoutes(routes: readonly RouteSpec[], functionFor: (route: RouteSpec) => IFunction, userPool: IUserPool): void {
    const authorizer = new CognitoUserPoolsAuthorizer(this, 'StaffAuthorizer', {
      cognitoUserPools: [userPool],
      identitySource: 'method.request.header.Authorization',
    });
    // The gateway checks only the envelope: declared path parameters, and that a body is a JSON object.
    // The fields are validated by the functions' own schemas, so a request with a wrong field gets the
    // same detailed answer from API Gateway as from the local server.
    const validator = this.restApi.addRequestValidator('Envelope', {
      validateRequestParameters: true,
      validateRequestBody: true,
    });
    const jsonObject = this.restApi.addModel('JsonObject', {
      contentType: 'application/json',
      schema: { schema: JsonSchemaVersion.DRAFT4, title: 'JsonObject', type: JsonSchemaType.OBJECT },
    });

    for (const route of routes) {
      const resource = this.restApi.root.resourceForPath(route.path);
      const pathParameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const options: MethodOptions = {
        requestValidator: validator,
        requestParameters: Object.fromEntries(pathParameters.map((name) => [`method.request.path.${name}`, true])),
        ...(route.body ? { requestModels: { 'application/json': jsonObject } } : {}),
        ...(route.auth === 'staff'
          ? { authorizationType: AuthorizationType.COGNITO, authorizer, authorizationScopes: ['openid'] }
          : { authorizationType: AuthorizationType.NONE }),
      };
      const method = resource.addMethod(
        route.method,
        new LambdaIntegration(functionFor(route), { proxy: true, allowTestInvoke: false }),
        options,
      );
      if (route.auth !== 'staff') {
        const why =
          route.auth === 'agency'
            ? 'Agency routes are authenticated by the HttpOnly session cookie, which the function verifies against the session table on every request; a Cognito authorizer does not apply to agency leads.'
            : 'Public by design: starting or ending an agency session (the link-token and one-time-code exchange, sign-out by cookie) or the OpenAPI document; there is no identity to authorize yet, and the function validates and rate-limits its input.';
        Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: why });
        Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: why });
      }
    }
  }
}
