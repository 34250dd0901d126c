import { getMergedChronology } from '../domain/services/chronology';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: await getMergedChronology(deps, staff, params.caseId as string),
}));
