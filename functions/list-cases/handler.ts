import { listOpenCases } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({}, async (_request, staff) => ({
  status: 200,
  body: { cases: (await listOpenCases(deps, staff)).map(caseView) },
}));
