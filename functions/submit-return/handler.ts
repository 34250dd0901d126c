import { SubmitReturnBody } from '../contract/schemas';
import { submitReturn } from '../domain/services/agency-returns';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute(
  { body: SubmitReturnBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await submitReturn(deps, session, params.requestId as string, body),
  }),
);
