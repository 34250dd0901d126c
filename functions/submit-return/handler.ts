import { SubmitReturnBody } from '../contract/schemas';
import { submitReturn } from '../domain/services/agency-returns';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';

const deps = withMail(withDocuments(base));

export const handler = agencyRoute(
  { body: SubmitReturnBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await submitReturn(deps, session, params.requestId as string, body),
  }),
);
