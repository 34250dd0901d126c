import { useState } from 'preact/hooks';
import { Checkbox, Select } from '../components/fields';
import { StatusTag } from '../components/page';
import { STOPPED_ON_CLOSE } from '../lib/case-status';
import { formatDateShort, formatDateTime } from '../lib/dates';
import { isNilReturn, requestStatusKey, requestStatusStyle, returnTypeLabel, stepLabel } from '../lib/labels';
import { concernNeedsAction } from '../lib/rag';
import type { RequestView } from '../lib/types';
import { isOutstanding, isOverdue, isPaused, timeLeftText } from './request-state';

/**
 * Agencies × returns: one row per request, with filters that are ordinary form controls (so they work
 * with the keyboard and announce the new count), applied as they change. On a closed case nothing is
 * overdue or counting down: closing stopped every request still owed.
 */
export function RequestsGrid({
  requests,
  today,
  closed = false,
}: {
  requests: RequestView[];
  today: string;
  closed?: boolean;
}) {
  const overdueOf = (r: RequestView) => !closed && isOverdue(r, today);
  const timeLeft = (r: RequestView) => (closed && isOutstanding(r) ? STOPPED_ON_CLOSE : timeLeftText(r, today));
  const [status, setStatus] = useState('');
  const [agency, setAgency] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);

  const agencies = [...new Map(requests.map((r) => [r.agencyId, r.agencyName])).entries()].sort((a, b) =>
    a[1].localeCompare(b[1]),
  );
  // A nil return is its own choice: the office looks for them apart from returns with content.
  const statuses = [...new Map(requests.map((r) => [requestStatusKey(r), requestStatusStyle(r).label])).entries()];
  const shown = requests
    .filter((r) => !status || requestStatusKey(r) === status)
    .filter((r) => !agency || r.agencyId === agency)
    .filter((r) => !overdueOnly || overdueOf(r))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName) || a.returnType.localeCompare(b.returnType));
  const nilCount = requests.filter(isNilReturn).length;

  return (
    <>
      <div class="app-filters" role="search" aria-label="Filter requests">
        <Select
          id="filter-status"
          label="Status"
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: 'All statuses' }, ...statuses.map(([value, label]) => ({ value, label }))]}
        />
        <Select
          id="filter-agency"
          label="Agency"
          value={agency}
          onChange={setAgency}
          options={[
            { value: '', label: 'All agencies' },
            ...agencies.map(([id, name]) => ({ value: id, label: name })),
          ]}
        />
        {!closed && (
          <Checkbox id="filter-overdue" label="Overdue only" checked={overdueOnly} onChange={setOverdueOnly} small />
        )}
      </div>
      <p class="govuk-body-s" role="status" id="requests-count">
        Showing {shown.length} of {requests.length} {requests.length === 1 ? 'request' : 'requests'}
        {nilCount > 0 && `, ${nilCount} ${nilCount === 1 ? 'nil return' : 'nil returns'} (no records held)`}
      </p>
      {/* Wide screens read a grid; narrow ones a stacked summary of each request. Only one of the two is
          displayed (the other is display: none), so a screen reader meets each request once. */}
      <div class="app-table-wrap app-wide-only">
        <table class="govuk-table app-requests" id="requests">
          <caption class="govuk-visually-hidden">Requests to agencies, their status and deadlines</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Agency
              </th>
              <th scope="col" class="govuk-table__header">
                Return
              </th>
              <th scope="col" class="govuk-table__header">
                Status
              </th>
              <th scope="col" class="govuk-table__header">
                Due
              </th>
              <th scope="col" class="govuk-table__header">
                Reminders and escalation
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {shown.map((r) => (
              <tr class="govuk-table__row" key={r.id} data-request-id={r.id}>
                <th scope="row" class="govuk-table__header">
                  <RequestLink request={r} />
                </th>
                <td class="govuk-table__cell">{returnTypeLabel(r.returnType)}</td>
                <td class="govuk-table__cell">
                  <StatusTags request={r} />
                </td>
                <td class="govuk-table__cell">
                  <Due request={r} overdue={overdueOf(r)} timeLeft={timeLeft(r)} />
                </td>
                <td class="govuk-table__cell">
                  <Chasing request={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="govuk-list app-cards app-narrow-only" id="requests-cards" aria-label="Requests to agencies">
        {shown.map((r) => (
          <li class="app-card" key={r.id} data-request-id={r.id}>
            <h3 class="govuk-heading-s govuk-!-margin-bottom-2">
              <RequestLink request={r} />
            </h3>
            <p class="govuk-body-s govuk-!-margin-bottom-2">{returnTypeLabel(r.returnType)}</p>
            <StatusTags request={r} />
            <dl class="govuk-summary-list govuk-summary-list--no-border app-card__facts">
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Due</dt>
                <dd class="govuk-summary-list__value">
                  <Due request={r} overdue={overdueOf(r)} timeLeft={timeLeft(r)} />
                </dd>
              </div>
              <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">Reminders</dt>
                <dd class="govuk-summary-list__value">
                  <Chasing request={r} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}

function RequestLink({ request: r }: { request: RequestView }) {
  return (
    <a class="govuk-link" href={`/cases/${r.caseId}/requests/${r.id}`}>
      {r.agencyName}
      <span class="govuk-visually-hidden">: {returnTypeLabel(r.returnType)}</span>
    </a>
  );
}

/**
 * The status, a safety concern (to act on, or acknowledged), an e-mail that failed and links the office stopped:
 * tags that wrap.
 */
function StatusTags({ request: r }: { request: RequestView }) {
  const style = requestStatusStyle(r);
  return (
    <span class="app-tags">
      <StatusTag label={style.label} tag={style.tag} />
      {r.immediateSafetyConcern &&
        (concernNeedsAction(r) ? (
          <StatusTag label="Safety concern" tag="govuk-tag--red" />
        ) : (
          <StatusTag label="Safety concern acknowledged" tag="govuk-tag--grey" />
        ))}
      {r.emailStatus === 'failed' && <StatusTag label="E-mail failed" tag="govuk-tag--red" />}
      {isPaused(r) && <StatusTag label="Links stopped" tag="govuk-tag--orange" />}
    </span>
  );
}

/** The due date, and under it the working days left or overdue (one column, where it was two). */
function Due({ request: r, overdue, timeLeft }: { request: RequestView; overdue: boolean; timeLeft: string }) {
  return (
    <>
      <span class="app-nowrap">{formatDateShort(r.dueOn)}</span>
      {timeLeft !== '–' && (
        <>
          <br />
          <span class={overdue ? 'app-overdue' : 'govuk-body-s'}>{timeLeft}</span>
        </>
      )}
    </>
  );
}

/** The last reminder and when it went, and the escalation reached, in one column. */
function Chasing({ request: r }: { request: RequestView }) {
  if (!r.lastReminder && !r.escalationStep) return <>–</>;
  return (
    <>
      {r.lastReminder && (
        <>
          {stepLabel(r.lastReminder.step)}
          <br />
          <span class="govuk-body-s">{formatDateTime(r.lastReminder.sentAt)}</span>
        </>
      )}
      {r.escalationStep && (
        <>
          {r.lastReminder && <br />}
          <strong>{stepLabel(r.escalationStep)}</strong>
        </>
      )}
    </>
  );
}
