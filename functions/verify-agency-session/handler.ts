import { VerifySessionBody } from '../contract/schemas';
import { verifyAgencySession } from '../domain/services/agency-access';
import { AGENCY_SESSION_COOKIE } from '../http/api-handler';
import { deps, publicRoute } from '../runtime/portal';

export const handler = publicRoute({ body: VerifySessionBody }, async ({ body }) => {
  const { sessionSecret, maxAgeSeconds } = await verifyAgencySession(deps, body.challengeId, body.code);
  return {
    status: 200,
    body: { signedIn: true, expiresInSeconds: maxAgeSeconds },
    cookies: [
      `${AGENCY_SESSION_COOKIE}=${sessionSecret}; Path=/; Max-Age=${maxAgeSeconds}; Secure; HttpOnly; SameSite=Strict`,
    ],
  };
});
