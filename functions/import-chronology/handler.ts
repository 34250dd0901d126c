import { ImportChronologyBody } from '../contract/schemas';
import { importChronologyFile } from '../domain/services/imports';
import { readCsv, readXlsx } from '../formats/spreadsheet';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute(
  { body: ImportChronologyBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 200,
    body: await importChronologyFile(deps, { csv: readCsv, xlsx: readXlsx }, session, params.requestId as string, body),
  }),
);
