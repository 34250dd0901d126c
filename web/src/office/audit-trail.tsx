import { useState } from 'preact/hooks';
import { Button, Checkbox } from '../components/fields';
import { formatDateTime } from '../lib/dates';
import { auditActorLabel, auditDetail, auditLabel, isReadEvent } from '../lib/audit';
import { returnTypeLabel } from '../lib/labels';
import type { AuditEvent, RequestView } from '../lib/types';

/** Events shown before "Show all": the recent past is what the office usually needs. */
const LATEST = 15;

/** Who did what and when, newest first: the record of every information-sharing decision and access. */
export function AuditTrail(props: { events: AuditEvent[]; agencyNames: Map<string, string>; requests: RequestView[] }) {
  const { events, agencyNames, requests } = props;
  const who = (event: AuditEvent) => auditActorLabel(event.actor, agencyNames);
  const requestOf = (event: AuditEvent) => requests.find((r) => r.id === event.requestId);
  const about = (event: AuditEvent) => {
    const request = requestOf(event);
    if (request) return `${request.agencyName}: ${returnTypeLabel(request.returnType)}`;
    if (event.agencyId) return agencyNames.get(event.agencyId) ?? '';
    return '';
  };
  const detail = (event: AuditEvent) => {
    // The request's return type is already said after the action; it stays for a request no longer listed.
    const { returnType: _said, ...rest } = event.detail ?? {};
    return auditDetail(event.action, requestOf(event) ? rest : event.detail);
  };
  const [all, setAll] = useState(false);
  const [reads, setReads] = useState(false);
  if (!events.length) return <p class="govuk-body">Nothing has been recorded yet.</p>;
  const sorted = [...events].filter((e) => reads || !isReadEvent(e.action)).sort((a, b) => b.at.localeCompare(a.at));
  const shown = all ? sorted : sorted.slice(0, LATEST);
  const kind = reads ? 'events' : 'actions';
  return (
    <div class="app-table-wrap">
      <Checkbox
        id="audit-reads"
        label="Include when records were viewed or downloaded, and the daily deadline checks"
        checked={reads}
        onChange={setReads}
        small
      />
      <table class="govuk-table" id="audit">
        <caption class="govuk-table__caption govuk-table__caption--s">
          {shown.length === sorted.length
            ? `All ${sorted.length} ${kind}, newest first`
            : `The latest ${shown.length} of ${sorted.length} ${kind}`}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              When
            </th>
            <th scope="col" class="govuk-table__header">
              Who
            </th>
            <th scope="col" class="govuk-table__header">
              What
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {shown.map((event) => (
            <tr class="govuk-table__row" key={event.id}>
              <td class="govuk-table__cell app-nowrap">{formatDateTime(event.at)}</td>
              <td class="govuk-table__cell">{who(event)}</td>
              <td class="govuk-table__cell">
                {auditLabel(event.action)}
                {about(event) && <span class="govuk-body-s"> – {about(event)}</span>}
                {detail(event) && (
                  <>
                    <br />
                    <span class="govuk-body-s">{detail(event)}</span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length < sorted.length && (
        <Button type="button" secondary onClick={() => setAll(true)}>
          Show all {sorted.length} {kind}
        </Button>
      )}
    </div>
  );
}
