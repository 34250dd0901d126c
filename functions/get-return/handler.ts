import { notFound } from '../domain/errors';
import { getReturn } from '../domain/services/requests';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

export const handler = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params, query }, staff) => {
  const version =
    query.version === undefined ? undefined : /^[1-9]\d{0,3}$/.test(query.version) ? Number(query.version) : NaN;
  if (Number.isNaN(version)) throw notFound('That version of the return', 'no-such-version');
  return {
    status: 200,
    body: await getReturn(deps, staff, params.caseId as string, params.requestId as string, version),
  };
});
