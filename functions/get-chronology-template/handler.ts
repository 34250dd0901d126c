import { chronologyTemplateColumns } from '../domain/services/imports';
import { chronologyTemplateCsv, chronologyTemplateXlsx } from '../formats/chronology-template';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The chronology template, as Excel or CSV, with the columns the request asks for. */
export const handler = agencyRoute({ params: ['requestId'] }, async ({ params, resource }, session) => {
  const columns = await chronologyTemplateColumns(deps, session, params.requestId as string);
  const xlsx = resource.endsWith('.xlsx');
  const body = xlsx ? await chronologyTemplateXlsx(columns) : chronologyTemplateCsv(columns);
  return {
    status: 200,
    body,
    headers: {
      'Content-Type': xlsx ? XLSX : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="chronology-template.${xlsx ? 'xlsx' : 'csv'}"`,
    },
  };
});
