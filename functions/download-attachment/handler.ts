import { downloadForStaff } from '../domain/services/attachments';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

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
