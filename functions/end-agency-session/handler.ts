import { endAgencySession } from '../domain/services/agency-access';
import { AGENCY_SESSION_COOKIE } from '../http/api-handler';
import { deps, publicRoute } from '../runtime/portal';

export const handler = publicRoute({}, async ({ cookies }) => {
  await endAgencySession(deps, cookies[AGENCY_SESSION_COOKIE]);
  return {
    status: 204,
    cookies: [`${AGENCY_SESSION_COOKIE}=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict`],
  };
});
