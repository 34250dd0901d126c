import { useState } from 'preact/hooks';
import { Checkbox, Select } from '../components/fields';
import { StatusTag } from '../components/page';
import { STOPPED_ON_CLOSE } from '../lib/case-status';
import { formatDateShort, formatDateTime } from '../lib/dates';
import { returnTypeLabel, STATUS_STYLES, statusLabel, stepLabel } from '../lib/labels';
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
  const statuses = [...new Set(requests.map((r) => r.status))];
  const shown = requests
    .filter((r) => !status || r.status === status)
    .filter((r) => !agency || r.agencyId === agency)
    .filter((r) => !overdueOnly || overdueOf(r))
    .sort((a, b) => a.agencyName.localeCompare(b.agencyName) || a.returnType.localeCompare(b.returnType));

  return (
    <>
      <div class="app-filters" role="search" aria-label="Filter requests">
        <Select
          id="filter-status"
          label="Status"
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: 'All statuses' },
            ...statuses.map((s) => ({ value: s, label: statusLabel(s) })),
          ]}
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
      </p>
      <div class="app-table-wrap">
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
                Time left
              </th>
              <th scope="col" class="govuk-table__header">
                Last reminder
              </th>
              <th scope="col" class="govuk-table__header">
                Escalation
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {shown.map((r) => {
              const style = STATUS_STYLES[r.status] ?? { label: r.status, tag: 'govuk-tag--grey' };
              const overdue = overdueOf(r);
              return (
                <tr class="govuk-table__row" key={r.id} data-request-id={r.id}>
                  <th scope="row" class="govuk-table__header">
                    <a class="govuk-link" href={`/cases/${r.caseId}/requests/${r.id}`}>
                      {r.agencyName}
                      <span class="govuk-visually-hidden">: {returnTypeLabel(r.returnType)}</span>
                    </a>
                  </th>
                  <td class="govuk-table__cell">{returnTypeLabel(r.returnType)}</td>
                  <td class="govuk-table__cell">
                    <StatusTag label={style.label} tag={style.tag} />
                    {r.immediateSafetyConcern && (
                      <>
                        {' '}
                        <StatusTag label="Safety concern" tag="govuk-tag--red" />
                      </>
                    )}
                    {r.emailStatus === 'failed' && (
                      <>
                        {' '}
                        <StatusTag label="E-mail failed" tag="govuk-tag--red" />
                      </>
                    )}
                    {isPaused(r) && (
                      <>
                        {' '}
                        <StatusTag label="Links stopped" tag="govuk-tag--orange" />
                      </>
                    )}
                  </td>
                  <td class="govuk-table__cell app-nowrap">{formatDateShort(r.dueOn)}</td>
                  <td class={`govuk-table__cell${overdue ? ' app-overdue' : ''}`}>{timeLeft(r)}</td>
                  <td class="govuk-table__cell">
                    {r.lastReminder ? (
                      <>
                        {stepLabel(r.lastReminder.step)}
                        <br />
                        <span class="govuk-body-s">{formatDateTime(r.lastReminder.sentAt)}</span>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td class="govuk-table__cell">{r.escalationStep ? stepLabel(r.escalationStep) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
