import { chronologyTemplateColumns } from '../domain/services/imports';
import { writeCsv, writeXlsx } from '../formats/spreadsheet';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The chronology template, with no example rows to delete. The Excel file explains each column on a second
 * sheet, Guidance, which the import does not read (it reads the first sheet only).
 */
export const handler = agencyRoute({ params: ['requestId'] }, async ({ params, resource }, session) => {
  const columns = await chronologyTemplateColumns(deps, session, params.requestId as string);
  const xlsx = resource.endsWith('.xlsx');
  const body = xlsx
    ? await writeXlsx([
        { name: 'Chronology', columns: columns.map((c) => ({ header: c.header, width: c.width })), rows: [] },
        {
          name: 'Guidance',
          columns: [
            { header: 'Column', width: 24 },
            { header: 'Needed', width: 10 },
            { header: 'What to enter', width: 70 },
          ],
          rows: columns.map((c) => [c.header, c.required ? 'Required' : 'If known', c.note]),
        },
      ])
    : writeCsv([columns.map((c) => c.header)]);
  return {
    status: 200,
    body,
    headers: {
      'Content-Type': xlsx ? XLSX : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="chronology-template.${xlsx ? 'xlsx' : 'csv'}"`,
    },
  };
});
