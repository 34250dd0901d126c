import { LegalHoldBody } from '../contract/schemas';
import { setLegalHold } from '../domain/services/case-lifecycle';
import { caseView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ body: LegalHoldBody, params: ['caseId'] }, async ({ body, params }, staff) => ({
  status: 200,
  body: caseView(await setLegalHold(deps, staff, params.caseId as string, body)),
}));
