import { completeUpload } from '../domain/services/attachments';
import { scanningDeps } from '../runtime/malware-scanning';
import { agencyRoute } from '../runtime/agency';

export const handler = agencyRoute({ params: ['requestId', 'attachmentId'] }, async ({ params }, session) => ({
  status: 200,
  body: await completeUpload(scanningDeps, session, params.requestId as string, params.attachmentId as string),
}));
