import { ImportChronologyBody } from '../contract/schemas';
import { importChronologyFile } from '../domain/services/imports';
import { readCsv, readXlsx } from '../formats/spreadsheet';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';

const deps = withDocuments(base);

export const handler = agencyRoute(
  { body: ImportChronologyBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await importChronologyFile(deps, { csv: readCsv, xlsx: readXlsx }, session, params.requestId as string, body),
  }),
);
