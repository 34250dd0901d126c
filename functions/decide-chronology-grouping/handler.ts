import { GroupingDecisionBody } from '../contract/schemas';
import { decideGrouping } from '../domain/services/chronology';
import { deps, staffRoute } from '../runtime/portal';

export const handler = staffRoute(
  { body: GroupingDecisionBody, params: ['caseId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: await decideGrouping(deps, staff, params.caseId as string, body),
  }),
);
