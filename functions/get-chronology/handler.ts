import { getMergedChronology } from '../domain/services/chronology';
import { chronologyView } from '../http/views';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: chronologyView(await getMergedChronology(deps, staff, params.caseId as string)),
}));
