import type { z } from 'zod';
import type { StaffPrincipal } from '../domain/services/context';
import { baseStaffRoute, type ApiRequest } from '../http/api-handler';
import type { ApiResponse } from '../http/responses';
import { createStaffVerifier } from '../http/staff-auth';
import { settings, type BodyOf, type Options } from './portal';

/** Routes for the business office, signed in with Cognito: only their bundles carry the JWT verifier. */
const verifyStaff = createStaffVerifier(settings.staff);

export const staffRoute = <S extends z.ZodType | undefined = undefined>(
  options: Options<S>,
  fn: (request: ApiRequest<BodyOf<S>>, staff: StaffPrincipal) => Promise<ApiResponse>,
) => baseStaffRoute(options, fn, verifyStaff);
