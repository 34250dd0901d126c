import { ReasonBody } from '../contract/schemas';
import { closeCase } from '../domain/services/case-lifecycle';
import { caseView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ body: ReasonBody, params: ['caseId'] }, async ({ body, params }, staff) => ({
  status: 200,
  body: caseView(await closeCase(deps, staff, params.caseId as string, body.reason)),
}));
