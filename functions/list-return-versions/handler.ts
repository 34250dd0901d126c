import { listReturnVersions } from '../domain/services/requests';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) => ({
  status: 200,
  body: { versions: await listReturnVersions(deps, staff, params.caseId as string, params.requestId as string) },
}));
