import { StartSessionBody } from '../contract/schemas';
import { describeLink } from '../domain/services/agency-access';
import { deps, publicRoute } from '../runtime/portal';

export const handler = publicRoute({ body: StartSessionBody }, async ({ body }) => ({
  status: 200,
  body: await describeLink(deps, body.token),
}));
