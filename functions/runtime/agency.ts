import type { z } from 'zod';
import type { AgencySession } from '../domain/model';
import { resolveAgencySession } from '../domain/services/agency-access';
import { baseAgencyRoute, type ApiRequest } from '../http/api-handler';
import type { ApiResponse } from '../http/responses';
import { deps, type BodyOf, type Options } from './portal';

/** Routes for agency leads, signed in by their emailed link and code: the session is read from the table. */
const resolveSession = (secret: string | undefined) => resolveAgencySession(deps, secret);

export const agencyRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>, session: AgencySession) => Promise<ApiResponse>,
) => baseAgencyRoute(options, fn, resolveSession);
