import { invalid, notFound } from '../domain/errors';
import {
  CASE_DOCUMENTS,
  generateCaseDocument,
  requestLetterForStaff,
  returnDocumentForStaff,
  type CaseDocument,
} from '../domain/services/collation';
import type { Handler } from '../http/api-handler';
import { fileResponse } from '../http/file-response';
import { versionQuery } from '../http/version-query';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

function markingOf(query: Record<string, string>) {
  const value = query.anonymised;
  if (value === undefined || value === 'false') return 'named' as const;
  if (value === 'true') return 'anonymised' as const;
  throw invalid('Check the request', [{ path: 'anonymised', message: 'Use anonymised=true or anonymised=false' }]);
}

const caseDocument = staffRoute({ params: ['caseId'] }, async ({ params, resource, query }, staff) => {
  const document = /\/documents\/([a-z-]+)\.docx$/.exec(resource)?.[1];
  if (!CASE_DOCUMENTS.includes(document as CaseDocument)) throw notFound('The document');
  return fileResponse(
    await generateCaseDocument(deps, staff, params.caseId as string, document as CaseDocument, markingOf(query)),
  );
});

const requestLetter = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params }, staff) =>
  fileResponse(await requestLetterForStaff(deps, staff, params.caseId as string, params.requestId as string)),
);

const returnDocument = staffRoute({ params: ['caseId', 'requestId'] }, async ({ params, query }, staff) =>
  fileResponse(
    await returnDocumentForStaff(
      deps,
      staff,
      params.caseId as string,
      params.requestId as string,
      versionQuery(query.version),
    ),
  ),
);

/** Serves the case's Word documents (the route's path names which), the request letters and the returns. */
export const handler: Handler = (event, context) =>
  (event.resource.endsWith('/letter.docx')
    ? requestLetter
    : event.resource.endsWith('/return.docx')
      ? returnDocument
      : caseDocument)(event, context);
