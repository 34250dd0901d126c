import { removeAttachment } from '../domain/services/attachments';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';

const deps = withDocuments(base);

export const handler = agencyRoute({ params: ['requestId', 'attachmentId'] }, async ({ params }, session) => {
  await removeAttachment(deps, session, params.requestId as string, params.attachmentId as string);
  return { status: 204 };
});
