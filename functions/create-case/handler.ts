import { CreateCaseBody } from '../contract/schemas';
import { createCase } from '../domain/services/cases';
import { caseView } from '../http/views';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute({ body: CreateCaseBody }, async ({ body }, staff) => ({
  status: 201,
  body: caseView(await createCase(deps, staff, body)),
}));
