import {
  Loading,
  PageHeading,
  ProblemPage,
  problemTitle,
  SuccessBanner,
  useFlash,
  usePageTitle,
} from '../components/page';
import { staffApi } from '../lib/api';
import { formatDateShort, londonToday } from '../lib/dates';
import { ROUTE_LABELS, MILESTONE_SHORT } from '../lib/labels';
import { caseRag, summaryRag, type RagResult } from '../lib/rag';
import type { CaseView, RequestView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { milestoneCountdown, nextMilestone } from './milestones';
import { RagBadge } from './rag-badge';

interface Row {
  record: CaseView;
  rag: RagResult;
}

/** One call: the API summarises each case's returns, so the list never reads every case's requests. */
async function loadCases(): Promise<Row[]> {
  const { cases } = await staffApi.get<{ cases: CaseView[] }>('/cases');
  const today = londonToday();
  const open = cases.filter((c) => c.status === 'open');
  return Promise.all(
    open.map(async (record) => {
      if (record.returns) return { record, rag: summaryRag(record.returns) };
      // An API without the summary: read the case's requests instead.
      const { requests } = await staffApi.get<{ requests: RequestView[] }>(`/cases/${record.id}/requests`);
      return { record, rag: caseRag(requests, today) };
    }),
  );
}

const ORDER = { red: 0, amber: 1, green: 2 };

/** Home for the office: every open case, most urgent first, with the next statutory milestone. */
export function CaseList() {
  const flash = useFlash();
  const { data, error, loading } = useResource(loadCases, []);
  usePageTitle(error ? problemTitle(error) : 'Cases');
  if (error) return <ProblemPage error={error} />;
  const today = londonToday();
  const rows = [...(data ?? [])].sort((a, b) => ORDER[a.rag.state] - ORDER[b.rag.state]);
  return (
    <>
      <SuccessBanner message={flash} />
      <PageHeading>Cases</PageHeading>
      <a href="/cases/new" role="button" draggable={false} class="govuk-button" data-module="govuk-button">
        Open a new case
      </a>
      {loading && !data ? (
        <Loading what="cases" />
      ) : rows.length === 0 ? (
        <p class="govuk-body">There are no open cases.</p>
      ) : (
        <div class="app-table-wrap">
          <table class="govuk-table" id="cases">
            <caption class="govuk-table__caption govuk-table__caption--m">
              {rows.length} open {rows.length === 1 ? 'case' : 'cases'}, most urgent first
            </caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Case
                </th>
                <th scope="col" class="govuk-table__header">
                  Day 0
                </th>
                <th scope="col" class="govuk-table__header">
                  Next milestone
                </th>
                <th scope="col" class="govuk-table__header">
                  State
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {rows.map(({ record, rag }) => {
                const next = nextMilestone(record.milestones, today, record.returns);
                return (
                  <tr class="govuk-table__row" key={record.id}>
                    <td class="govuk-table__cell">
                      <a class="govuk-link govuk-!-font-weight-bold" href={`/cases/${record.id}`}>
                        {record.reference}
                      </a>
                      <br />
                      <span class="govuk-body-s">{ROUTE_LABELS[record.route] ?? record.route}</span>
                    </td>
                    <td class="govuk-table__cell app-nowrap">{formatDateShort(record.day0)}</td>
                    <td class="govuk-table__cell">
                      {next ? (
                        <>
                          {MILESTONE_SHORT[next.key] ?? next.label}
                          <br />
                          <span class="app-nowrap">{formatDateShort(next.due)}</span>{' '}
                          <span class="govuk-body-s">({milestoneCountdown(next, today)})</span>
                        </>
                      ) : (
                        'No statutory milestone ahead'
                      )}
                    </td>
                    <td class="govuk-table__cell">
                      <RagBadge rag={rag} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
