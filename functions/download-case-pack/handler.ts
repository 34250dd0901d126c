import { casePack } from '../domain/services/case-pack';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

/** Builds the case pack into the bucket and answers with a short presigned GET of it (ADR 0013). */
export const handler = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 201,
  body: await casePack(deps, staff, params.caseId as string),
}));
