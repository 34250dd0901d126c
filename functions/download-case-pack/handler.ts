import { casePack } from '../domain/services/collation';
import { fileResponse } from '../http/file-response';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) =>
  fileResponse(await casePack(deps, staff, params.caseId as string)),
);
