import { listRequests } from '../domain/services/requests';
import { requestView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: { requests: (await listRequests(deps, staff, params.caseId as string)).map(requestView) },
}));
