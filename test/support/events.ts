import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** REST API (v1) proxy events, as API Gateway hands them to a Lambda function. */
export function apiEvent(options: {
  method: string;
  resource: string;
  path?: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | null;
}): APIGatewayProxyEvent {
  return {
    resource: options.resource,
    path: options.path ?? options.resource,
    httpMethod: options.method,
    headers: options.headers ?? {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    body: options.body ?? null,
    isBase64Encoded: false,
    requestContext: { requestId: randomUUID(), httpMethod: options.method, resourcePath: options.resource } as never,
  };
}

export const lambdaContext = (): Context =>
  ({
    functionName: 'test',
    awsRequestId: randomUUID(),
    getRemainingTimeInMillis: () => 10_000,
    callbackWaitsForEmptyEventLoop: false,
  }) as Context;

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export async function invoke(handler: Handler, event: APIGatewayProxyEvent) {
  const result = await handler(event, lambdaContext());
  return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
}
