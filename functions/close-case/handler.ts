import { ReasonBody } from '../contract/schemas';
import { closeCase } from '../domain/services/case-lifecycle';
import { caseView } from '../http/views';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

// Closing tells each agency still owing a return that it is no longer needed.
const deps = withMail(base);

export const handler = staffRoute({ body: ReasonBody, params: ['caseId'] }, async ({ body, params }, staff) => ({
  status: 200,
  body: caseView(await closeCase(deps, staff, params.caseId as string, body.reason)),
}));
