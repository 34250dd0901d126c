import { caseAuditTrail } from '../domain/services/case-lifecycle';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => {
  const events = await caseAuditTrail(deps, staff, params.caseId as string);
  return {
    status: 200,
    body: { events: events.map(({ partnershipId: _p, caseId: _c, ...event }) => event) },
  };
});
