import { getCase } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: caseView(await getCase(deps, staff, params.caseId as string)),
}));
