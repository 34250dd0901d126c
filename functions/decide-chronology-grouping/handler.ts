import { GroupingDecisionBody } from '../contract/schemas';
import { decideGrouping } from '../domain/services/chronology';
import { chronologyView } from '../http/views';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

export const handler = staffRoute(
  { body: GroupingDecisionBody, params: ['caseId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: chronologyView(await decideGrouping(deps, staff, params.caseId as string, body)),
  }),
);
