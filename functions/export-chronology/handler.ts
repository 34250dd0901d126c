import { exportMergedChronology } from '../domain/services/chronology';
import { writeCsv, writeXlsx } from '../formats/spreadsheet';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const deps = withDocuments(base);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Serves both exports: the route's extension picks the format. */
export const handler = staffRoute({ params: ['caseId'] }, async ({ params, resource }, staff) => {
  const format = resource.endsWith('.xlsx') ? 'xlsx' : 'csv';
  const { reference, table, version } = await exportMergedChronology(deps, staff, params.caseId as string, format);
  const fileName = `${reference.replace(/[^A-Z0-9-]/gi, '-')}-multi-agency-chronology-v${version}.${format}`;
  // The CSV keeps writeCsv's guard (a cell that starts like a formula is written as text) and the table's text;
  // the workbook writes each column as its type (numbers, dates) with filter buttons on the header row.
  const body =
    format === 'csv'
      ? writeCsv([table.columns.map((c) => c.header), ...table.rows])
      : await writeXlsx([{ name: 'Multi-agency chronology', ...table }]);
  return {
    status: 200,
    body,
    headers: {
      'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
      'Content-Disposition': `attachment; filename="${fileName}"`,
    },
  };
});
