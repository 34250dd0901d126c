import { completeUpload } from '../domain/services/attachments';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute({ params: ['requestId', 'attachmentId'] }, async ({ params }, session) => ({
  status: 200,
  body: await completeUpload(deps, session, params.requestId as string, params.attachmentId as string),
}));
