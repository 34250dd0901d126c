import { CreateCaseBody } from '../contract/schemas';
import { createCase } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute({ body: CreateCaseBody }, async ({ body }, staff) => ({
  status: 201,
  body: caseView(await createCase(deps, staff, body)),
}));
