import type { ComponentChildren } from 'preact';
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
import { byMostRecentlyClosed, caseListHref, caseListStatus, type CaseListStatus } from '../lib/case-status';
import { formatDateShort, londonToday } from '../lib/dates';
import { ROUTE_LABELS, MILESTONE_SHORT } from '../lib/labels';
import { caseRag, summaryRag, type RagResult } from '../lib/rag';
import type { CaseView, RequestView } from '../lib/types';
import { useLocation } from '../lib/router';
import { useResource } from '../lib/use-resource';
import {
  factsOf,
  milestoneCountdown,
  milestoneProgressText,
  nextMilestone,
  outstandingDueDates,
  progressOf,
  statutoryReasons,
} from './milestones';
import { RagBadge } from './rag-badge';

interface Row {
  record: CaseView;
  rag: RagResult;
}

interface Listing {
  status: CaseListStatus;
  rows: Row[];
  closed: CaseView[];
}

/** One call: the API summarises each case's returns, so the list never reads every case's requests. */
async function loadCases(status: CaseListStatus): Promise<Listing> {
  const { cases } = await staffApi.get<{ cases: CaseView[] }>(`/cases?status=${status}`);
  if (status === 'closed') {
    const closed = cases.filter((c) => c.status === 'closed').sort(byMostRecentlyClosed);
    return { status, rows: [], closed };
  }
  const today = londonToday();
  const open = cases.filter((c) => c.status === 'open');
  const rows = await Promise.all(
    open.map(async (record) => {
      // A statutory milestone missed or at risk makes the case red or amber, whatever its returns say; the
      // case page judges it from the same facts (statutoryReasons).
      const facts = factsOf(record);
      if (record.returns) {
        const due = record.returns.outstandingDueDates ?? [];
        const reasons = statutoryReasons(record.milestones, today, record.returns, due, facts);
        return { record, rag: summaryRag(record.returns, reasons.red, reasons.amber) };
      }
      // An API without the summary: read the case's requests instead.
      const { requests } = await staffApi.get<{ requests: RequestView[] }>(`/cases/${record.id}/requests`);
      const reasons = statutoryReasons(
        record.milestones,
        today,
        progressOf(requests),
        outstandingDueDates(requests),
        facts,
      );
      return { record, rag: caseRag(requests, today, reasons.red, reasons.amber) };
    }),
  );
  return { status, rows, closed: [] };
}

const ORDER = { red: 0, amber: 1, green: 2 };

/** Open or closed cases: two links, the current one marked, each its own address (bookmarks, Back). */
function StatusNavigation({ status }: { status: CaseListStatus }) {
  const items: { status: CaseListStatus; label: string }[] = [
    { status: 'open', label: 'Open cases' },
    { status: 'closed', label: 'Closed cases' },
  ];
  return (
    <nav aria-label="Cases by status" class="govuk-!-margin-bottom-4">
      <ul class="govuk-list app-filters">
        {items.map((item) => (
          <li key={item.status}>
            <a
              class={`govuk-link govuk-link--no-visited-state${item.status === status ? ' govuk-!-font-weight-bold' : ''}`}
              href={caseListHref(item.status)}
              aria-current={item.status === status ? 'page' : undefined}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Home for the office: every open case, most urgent first, with the next statutory milestone. */
export function CaseList() {
  const flash = useFlash();
  const status = caseListStatus(useLocation().search);
  const { data, error } = useResource(() => loadCases(status), [status]);
  usePageTitle(error ? problemTitle(error) : status === 'closed' ? 'Closed cases' : 'Cases');
  if (error) return <ProblemPage error={error} />;
  // While the other list loads, the previous one is not shown under this one's heading.
  const listing = data?.status === status ? data : undefined;
  return (
    <>
      <SuccessBanner message={flash} />
      <PageHeading>Cases</PageHeading>
      <a href="/cases/new" role="button" draggable={false} class="govuk-button" data-module="govuk-button">
        Open a new case
      </a>
      <StatusNavigation status={status} />
      {!listing ? (
        <Loading what={`${status} cases`} />
      ) : status === 'closed' ? (
        <ClosedCases cases={listing.closed} />
      ) : (
        <OpenCases rows={listing.rows} />
      )}
    </>
  );
}

/** The open and the closed cases' tables: a caption, a heading per column, a row per case. */
function CasesTable(props: { id: string; caption: string; columns: string[]; children: ComponentChildren }) {
  return (
    <div class="app-table-wrap">
      <table class="govuk-table" id={props.id}>
        <caption class="govuk-table__caption govuk-table__caption--m">{props.caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {props.columns.map((column) => (
              <th scope="col" class="govuk-table__header" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">{props.children}</tbody>
      </table>
    </div>
  );
}

function CaseCell({ record }: { record: CaseView }) {
  return (
    <td class="govuk-table__cell">
      <a class="govuk-link govuk-!-font-weight-bold" href={`/cases/${record.id}`}>
        {record.reference}
      </a>
      <br />
      <span class="govuk-body-s">{ROUTE_LABELS[record.route] ?? record.route}</span>
    </td>
  );
}

/** Closed cases: when each was closed, and no milestone or state (nothing more is due). */
function ClosedCases({ cases }: { cases: CaseView[] }) {
  if (cases.length === 0) return <p class="govuk-body">There are no closed cases.</p>;
  return (
    <CasesTable
      id="closed-cases"
      caption={`${cases.length} closed ${cases.length === 1 ? 'case' : 'cases'}, most recently closed first`}
      columns={['Case', 'Day 0', 'Closed']}
    >
      {cases.map((record) => (
        <tr class="govuk-table__row" key={record.id}>
          <CaseCell record={record} />
          <td class="govuk-table__cell app-nowrap">{formatDateShort(record.day0)}</td>
          <td class="govuk-table__cell">
            <strong class="govuk-tag govuk-tag--grey">Closed</strong>
            {record.closedAt && (
              <>
                <br />
                <span class="app-nowrap">{formatDateShort(londonToday(new Date(record.closedAt)))}</span>
              </>
            )}
          </td>
        </tr>
      ))}
    </CasesTable>
  );
}

function OpenCases({ rows: unsorted }: { rows: Row[] }) {
  const today = londonToday();
  const rows = [...unsorted].sort((a, b) => ORDER[a.rag.state] - ORDER[b.rag.state]);
  if (rows.length === 0) return <p class="govuk-body">There are no open cases.</p>;
  const caption = `${rows.length} open ${rows.length === 1 ? 'case' : 'cases'}, most urgent first`;
  // Wide screens read a table; a phone a stacked summary of each case, its state first. Only one is displayed.
  return (
    <>
      <div class="app-wide-only">
        <CasesTable id="cases" caption={caption} columns={['Case', 'Day 0', 'Next milestone', 'State']}>
          {rows.map(({ record, rag }) => (
            <tr class="govuk-table__row" key={record.id}>
              <CaseCell record={record} />
              <td class="govuk-table__cell app-nowrap">{formatDateShort(record.day0)}</td>
              <td class="govuk-table__cell">
                <NextMilestone record={record} today={today} />
              </td>
              <td class="govuk-table__cell">
                <RagBadge rag={rag} />
              </td>
            </tr>
          ))}
        </CasesTable>
      </div>
      <div class="app-narrow-only">
        <h2 class="govuk-heading-m">{caption}</h2>
        <ul class="govuk-list app-cards" id="cases-cards" aria-label="Open cases">
          {rows.map(({ record, rag }) => (
            <li class="app-card" key={record.id}>
              <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href={`/cases/${record.id}`}>
                  {record.reference}
                </a>
              </h3>
              <p class="govuk-body-s govuk-!-margin-bottom-2">
                {ROUTE_LABELS[record.route] ?? record.route}, day 0 {formatDateShort(record.day0)}
              </p>
              <RagBadge rag={rag} />
              <dl class="govuk-summary-list govuk-summary-list--no-border app-card__facts">
                <div class="govuk-summary-list__row">
                  <dt class="govuk-summary-list__key">Next milestone</dt>
                  <dd class="govuk-summary-list__value">
                    <NextMilestone record={record} today={today} />
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

/** The next statutory milestone still to do, when, how long is left, and what is done of it. */
function NextMilestone({ record, today }: { record: CaseView; today: string }) {
  const facts = factsOf(record);
  const next = nextMilestone(record.milestones, today, record.returns, facts);
  if (!next) return <>No statutory milestone ahead</>;
  const progress = milestoneProgressText(next, record.returns, facts);
  return (
    <>
      {MILESTONE_SHORT[next.key] ?? next.label}
      <br />
      <span class="app-nowrap">{formatDateShort(next.due)}</span>{' '}
      <span class="govuk-body-s">({milestoneCountdown(next, today)})</span>
      {progress && (
        <>
          <br />
          <span class="govuk-body-s">{progress}</span>
        </>
      )}
    </>
  );
}
