import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import type { z } from 'zod';
import { createDynamoStore } from '../adapters/dynamodb';
import { S3DocumentPurger } from '../adapters/s3-document-purger';
import { S3DocumentStore } from '../adapters/s3-document-store';
import { S3FileStore, type PostSigner } from '../adapters/s3-file-store';
import { SesMailer } from '../adapters/ses-mailer';
import { englandAndWalesCalendar } from '../domain/bank-holidays';
import type { AgencySession } from '../domain/model';
import type { PortalDeps } from '../domain/ports';
import { resolveAgencySession } from '../domain/services/agency-access';
import type { StaffPrincipal } from '../domain/services/context';
import { baseAgencyRoute, basePublicRoute, baseStaffRoute, type ApiRequest } from '../http/api-handler';
import type { ApiResponse } from '../http/responses';
import { createStaffVerifier } from '../http/staff-auth';
import { config } from './config';

/**
 * The composition root of every API function: configuration is read and SDK clients are created once
 * per process, at module load (a missing setting stops the function from starting). Endpoints of the
 * local emulators come from the SDK's standard AWS_ENDPOINT_URL_* variables, not from code.
 */
export const settings = config();

export const clients = {
  dynamodb: new DynamoDBClient({}),
  s3: new S3Client({ forcePathStyle: settings.s3ForcePathStyle }),
  ses: new SESClient({}),
};

export const deps: PortalDeps = {
  store: createDynamoStore(settings.tableName, clients.dynamodb),
  documents: new S3DocumentStore(clients.s3, settings.documentsBucket),
  mailer: new SesMailer(clients.ses),
  files: new S3FileStore(clients.s3, settings.documentsBucket),
  purger: new S3DocumentPurger(clients.s3, settings.documentsBucket),
  clock: { now: () => new Date() },
  calendar: englandAndWalesCalendar(),
  settings: { webBaseUrl: settings.webBaseUrl, mailFrom: settings.mailFrom },
};

/**
 * A function that needs more than every function does composes it from these, so that only its own bundle
 * carries it: the upload POST signer (start-upload), the malware scanner (complete-upload, in
 * runtime/malware-scanning.ts).
 */
export const withUploadSigning = (signPost: PostSigner): PortalDeps => ({
  ...deps,
  files: new S3FileStore(clients.s3, settings.documentsBucket, signPost),
});

const verifyStaff = createStaffVerifier(settings.staff);
const resolveSession = (secret: string | undefined) => resolveAgencySession(deps, secret);

type Options<S> = { body?: S; params?: readonly string[] };
type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;

export const publicRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>) => Promise<ApiResponse>,
) => basePublicRoute(options, fn);

export const staffRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>, staff: StaffPrincipal) => Promise<ApiResponse>,
) => baseStaffRoute(options, fn, verifyStaff);

export const agencyRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>, session: AgencySession) => Promise<ApiResponse>,
) => baseAgencyRoute(options, fn, resolveSession);
