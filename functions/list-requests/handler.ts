import { listRequests } from '../domain/services/requests';
import { requestView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: { requests: (await listRequests(deps, staff, params.caseId as string)).map(requestView) },
}));
