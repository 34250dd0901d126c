import { chronologyTemplateColumns } from '../domain/services/imports';
import { writeCsv, writeXlsx } from '../formats/spreadsheet';
import { agencyRoute, deps } from '../runtime/portal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The chronology template, with each column explained in a note (Excel) — no example rows to delete. */
export const handler = agencyRoute({ params: ['requestId'] }, async ({ params, resource }, session) => {
  const columns = await chronologyTemplateColumns(deps, session, params.requestId as string);
  const xlsx = resource.endsWith('.xlsx');
  const body = xlsx
    ? await writeXlsx([
        {
          name: 'Chronology',
          columns: columns.map((c) => ({ header: c.header, width: c.width, note: c.note })),
          rows: [],
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
