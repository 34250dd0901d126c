import { StartSessionBody } from '../contract/schemas';
import { startAgencySession } from '../domain/services/agency-access';
import { deps, publicRoute } from '../runtime/portal';

export const handler = publicRoute({ body: StartSessionBody }, async ({ body }) => ({
  status: 201,
  body: await startAgencySession(deps, body.token),
}));
