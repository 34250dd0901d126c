import { getReturn } from '../domain/services/requests';
import { versionQuery } from '../http/version-query';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params, query }, staff) => ({
  status: 200,
  body: await getReturn(deps, staff, params.caseId as string, params.requestId as string, versionQuery(query.version)),
}));
