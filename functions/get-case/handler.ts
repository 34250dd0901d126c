import { getCase } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: caseView(await getCase(deps, staff, params.caseId as string)),
}));
