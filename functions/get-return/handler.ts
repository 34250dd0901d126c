import { ReturnVersionParameter } from '../contract/parameters';
import { RETURN_VERSION_RULE } from '../domain/model';
import { getReturn } from '../domain/services/requests';
import { integerParameter } from '../http/query';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params, query }, staff) => {
  const version = integerParameter('version', query.version, ReturnVersionParameter, RETURN_VERSION_RULE);
  return {
    status: 200,
    body: await getReturn(deps, staff, params.caseId as string, params.requestId as string, version),
  };
});
