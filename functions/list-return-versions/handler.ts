import { listReturnVersions } from '../domain/services/requests';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => ({
  status: 200,
  body: { versions: await listReturnVersions(deps, staff, params.caseId as string, params.requestId as string) },
}));
