import { removeAttachment } from '../domain/services/attachments';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute({ params: ['requestId', 'attachmentId'] }, async ({ params }, session) => {
  await removeAttachment(deps, session, params.requestId as string, params.attachmentId as string);
  return { status: 204 };
});
