import { StartSessionBody } from '../contract/schemas';
import { startAgencySession } from '../domain/services/agency-access';
import { withMail } from '../runtime/mail';
import { deps as base, publicRoute } from '../runtime/portal';

const deps = withMail(base);

export const handler = publicRoute({ body: StartSessionBody }, async ({ body }) => ({
  status: 201,
  body: await startAgencySession(deps, body.token),
}));
