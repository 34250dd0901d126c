import { listAgencyAttachments } from '../domain/services/attachments';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

export const handler = agencyRoute({ params: ['requestId'] }, async ({ params }, session) => ({
  status: 200,
  body: { attachments: await listAgencyAttachments(deps, session, params.requestId as string) },
}));
