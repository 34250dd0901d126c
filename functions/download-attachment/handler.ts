import { downloadForStaff } from '../domain/services/attachments';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId', 'requestId', 'attachmentId'] }, async ({ params }, staff) => ({
  status: 200,
  body: await downloadForStaff(
    deps,
    staff,
    params.caseId as string,
    params.requestId as string,
    params.attachmentId as string,
  ),
}));
