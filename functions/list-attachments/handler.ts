import { listCaseAttachments } from '../domain/services/attachments';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => ({
  status: 200,
  body: { attachments: await listCaseAttachments(deps, staff, params.caseId as string, params.requestId as string) },
}));
