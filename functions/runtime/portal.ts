import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import { createDynamoStore } from '../adapters/dynamodb';
import { englandAndWalesCalendar } from '../domain/bank-holidays';
import type { DocumentStore, Mailer, PortalDeps } from '../domain/ports';
import { basePublicRoute, type ApiRequest } from '../http/api-handler';
import type { ApiResponse } from '../http/responses';
import { config } from './config';

/**
 * The composition root every function starts from: configuration is read and the DynamoDB client created
 * once per process, at module load (a missing setting stops the function from starting). Endpoints of the
 * local emulators come from the SDK's standard AWS_ENDPOINT_URL_* variables, not from code.
 *
 * A function composes only what its IAM grants in lib/function-access.ts let it call (ADR 0014): documents
 * through runtime/documents.ts, mail through runtime/mail.ts. So its bundle carries only those SDK clients,
 * and a call its grants do not allow fails here, locally, where in AWS IAM would deny it.
 */
export const settings = config();

const dynamodb = new DynamoDBClient({});

class NotGrantedError extends Error {
  constructor(capability: string) {
    super(`This function is not granted ${capability}: compose it as lib/function-access.ts allows`);
    this.name = 'NotGrantedError';
  }
}

const refuse = (capability: string) => () => Promise.reject(new NotGrantedError(capability));

const noDocuments: DocumentStore = {
  putJson: refuse('documents'),
  getJson: refuse('documents'),
  delete: refuse('documents'),
};

const noMail: Mailer = { send: refuse('mail') };

/** The table, the clock and the calendar: what every function may use. */
export const deps: PortalDeps = {
  store: createDynamoStore(settings.tableName, dynamodb),
  documents: noDocuments,
  mailer: noMail,
  clock: { now: () => new Date() },
  calendar: englandAndWalesCalendar(),
  settings: { webBaseUrl: settings.webBaseUrl, mailFrom: settings.mailFrom },
};

export type Options<S> = { body?: S; params?: readonly string[] };
export type BodyOf<S> = S extends z.ZodType ? z.output<S> : undefined;

export const publicRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>) => Promise<ApiResponse>,
) => basePublicRoute(options, fn);
