import type { z } from 'zod';
import {
  AgencyView,
  CaseView,
  CreateAgencyBody,
  CreateCaseBody,
  CreateRequestBody,
  RequestView,
  SaveDraftBody,
  StartSessionBody,
  SubmitReturnBody,
  VerifySessionBody,
} from './schemas';

/**
 * The one declaration of the HTTP API. The CDK stack creates a Lambda function and an API Gateway
 * method for each route; the local server mounts the very same handlers; the OpenAPI document is
 * generated from it.
 */
export type RouteAuth = 'staff' | 'agency' | 'public';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteSpec {
  method: HttpMethod;
  /** API Gateway style path: `/api/cases/{caseId}`. */
  path: string;
  /** Directory under functions/ that holds the handler: `functions/<name>/handler.ts`. */
  functionName: string;
  auth: RouteAuth;
  summary: string;
  tag: 'Business office' | 'Agency' | 'Service';
  body?: z.ZodType;
  success: { status: number; description: string; schema?: z.ZodType };
}

export const routes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/api/openapi.json',
    functionName: 'get-openapi',
    auth: 'public',
    tag: 'Service',
    summary: 'This OpenAPI 3.1 document',
    success: { status: 200, description: 'The document' },
  },
  {
    method: 'GET',
    path: '/api/agencies',
    functionName: 'list-agencies',
    auth: 'staff',
    tag: 'Business office',
    summary: "The partnership's agency directory",
    success: { status: 200, description: 'Agencies, by name' },
  },
  {
    method: 'POST',
    path: '/api/agencies',
    functionName: 'create-agency',
    auth: 'staff',
    tag: 'Business office',
    summary: 'Add an agency and its safeguarding lead',
    body: CreateAgencyBody,
    success: { status: 201, description: 'The agency', schema: AgencyView },
  },
  {
    method: 'GET',
    path: '/api/cases',
    functionName: 'list-cases',
    auth: 'staff',
    tag: 'Business office',
    summary: "The partnership's open cases, newest first",
    success: { status: 200, description: 'Cases' },
  },
  {
    method: 'POST',
    path: '/api/cases',
    functionName: 'create-case',
    auth: 'staff',
    tag: 'Business office',
    summary: 'Open a case and compute its statutory milestones',
    body: CreateCaseBody,
    success: { status: 201, description: 'The case and its milestones', schema: CaseView },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}',
    functionName: 'get-case',
    auth: 'staff',
    tag: 'Business office',
    summary: 'A case and its milestones',
    success: { status: 200, description: 'The case', schema: CaseView },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}/requests',
    functionName: 'list-requests',
    auth: 'staff',
    tag: 'Business office',
    summary: "The case's requests and their statuses",
    success: { status: 200, description: 'Requests' },
  },
  {
    method: 'POST',
    path: '/api/cases/{caseId}/requests',
    functionName: 'create-request',
    auth: 'staff',
    tag: 'Business office',
    summary: 'Ask an agency for a return',
    body: CreateRequestBody,
    success: { status: 201, description: 'The request, in draft until sent', schema: RequestView },
  },
  {
    method: 'POST',
    path: '/api/cases/{caseId}/requests/{requestId}/send',
    functionName: 'send-request',
    auth: 'staff',
    tag: 'Business office',
    summary: "E-mail the agency's lead a link to the request",
    success: { status: 200, description: 'The request, now sent', schema: RequestView },
  },
  {
    method: 'GET',
    path: '/api/cases/{caseId}/requests/{requestId}/return',
    functionName: 'get-return',
    auth: 'staff',
    tag: 'Business office',
    summary: 'The submitted return of a request',
    success: { status: 200, description: 'The return' },
  },
  {
    method: 'POST',
    path: '/api/agency/sessions',
    functionName: 'start-agency-session',
    auth: 'public',
    tag: 'Agency',
    summary: "Exchange a link's token for a one-time code e-mailed to the agency",
    body: StartSessionBody,
    success: { status: 201, description: 'The challenge to answer with the code' },
  },
  {
    method: 'POST',
    path: '/api/agency/sessions/verify',
    functionName: 'verify-agency-session',
    auth: 'public',
    tag: 'Agency',
    summary: 'Answer the challenge; sets the session cookie',
    body: VerifySessionBody,
    success: { status: 200, description: 'Signed in' },
  },
  {
    method: 'DELETE',
    path: '/api/agency/sessions/current',
    functionName: 'end-agency-session',
    auth: 'public',
    tag: 'Agency',
    summary: 'Sign out: ends the session and clears its cookie',
    success: { status: 204, description: 'Signed out' },
  },
  {
    method: 'GET',
    path: '/api/agency/requests',
    functionName: 'list-agency-requests',
    auth: 'agency',
    tag: 'Agency',
    summary: "The case and this agency's requests in it",
    success: { status: 200, description: 'The requests' },
  },
  {
    method: 'GET',
    path: '/api/agency/requests/{requestId}',
    functionName: 'get-agency-request',
    auth: 'agency',
    tag: 'Agency',
    summary: 'One request with its saved draft and any submitted return',
    success: { status: 200, description: 'The request' },
  },
  {
    method: 'PUT',
    path: '/api/agency/requests/{requestId}/draft',
    functionName: 'save-draft',
    auth: 'agency',
    tag: 'Agency',
    summary: 'Save a draft of the return',
    body: SaveDraftBody,
    success: { status: 200, description: 'The saved draft version' },
  },
  {
    method: 'POST',
    path: '/api/agency/requests/{requestId}/submit',
    functionName: 'submit-return',
    auth: 'agency',
    tag: 'Agency',
    summary: 'Submit the return with its declaration (idempotent)',
    body: SubmitReturnBody,
    success: { status: 200, description: 'The submission' },
  },
];
