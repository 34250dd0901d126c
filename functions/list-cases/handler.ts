import { invalid } from '../domain/errors';
import { listCases } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({}, async ({ query }, staff) => {
  const status = query.status ?? 'open';
  if (status !== 'open' && status !== 'closed') {
    throw invalid('Ask for open or closed cases', [{ path: 'status', message: 'Use status=open or status=closed' }]);
  }
  return { status: 200, body: { cases: (await listCases(deps, staff, status)).map(caseView) } };
});
