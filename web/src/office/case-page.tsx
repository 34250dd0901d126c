import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import {
  BackLink,
  Loading,
  PageHeading,
  ProblemPage,
  problemTitle,
  StatusTag,
  SuccessBanner,
  SummaryList,
  useFlash,
  usePageTitle,
  messageOf,
} from '../components/page';
import { isMissingRoute, staffApi } from '../lib/api';
import { dayOf, formatDate, formatDateTime, londonToday } from '../lib/dates';
import { isNilReturn, returnsCountText, returnTypeLabel, ROUTE_LABELS } from '../lib/labels';
import { closedHeading } from '../lib/case-status';
import { caseRag, concernNeedsAction } from '../lib/rag';
import type { Agency, AuditEvent, CaseView, RequestView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { AuditTrail } from './audit-trail';
import { CaseDocuments, loadMeetingDecision } from './case-documents';
import type { MeetingDecisionView } from './meeting-decision';
import { RagBadge } from './rag-badge';
import { RequestsGrid } from './requests-grid';
import { factsOf, outstandingDueDates, progressOf, statutoryReasons } from './milestones';
import { LazyReturn } from './return-panel';
import { ConcernAcknowledged } from './safety-concern';
import { Timeline } from './timeline';

interface CaseData {
  record: CaseView;
  requests: RequestView[];
  agencies: Agency[];
  /** Undefined while the API has no audit route. */
  audit?: AuditEvent[];
  /** null until the meeting's decision is recorded; undefined while the API has no such route. */
  decision?: MeetingDecisionView | null;
}

async function optional<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (error) {
    if (isMissingRoute(error)) return undefined;
    throw error;
  }
}

export async function loadCaseData(caseId: string): Promise<CaseData> {
  const [record, { requests }, { agencies }, audit, decision] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
    staffApi.get<{ agencies: Agency[] }>('/agencies'),
    optional(staffApi.get<{ events: AuditEvent[] }>(`/cases/${caseId}/audit`)),
    loadMeetingDecision(caseId),
  ]);
  // Each request says whether its latest return raised an immediate safety concern: returns themselves are
  // read only when the officer opens them.
  return {
    record,
    requests,
    agencies,
    ...(audit ? { audit: audit.events } : {}),
    ...(decision !== undefined ? { decision } : {}),
  };
}

/** A submitted return in a details element: read from the API when it is first opened. */
function ReturnDetails({ caseId, reference, request }: { caseId: string; reference: string; request: RequestView }) {
  // A concern still to act on opens its return and frames it in red; an acknowledged one is a record.
  const concern = concernNeedsAction(request);
  const ack = request.immediateSafetyConcern ? request.safetyConcernAcknowledgement : undefined;
  const [open, setOpen] = useState(concern);
  return (
    <details
      class="govuk-details"
      id={`return-${request.id}`}
      open={concern}
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">
          {request.agencyName}: {returnTypeLabel(request.returnType)}
          {isNilReturn(request) && ' (nil return: no records held)'}
          {concern && ' (immediate safety concern)'}
          {ack && ' (immediate safety concern, acknowledged)'}
        </span>
      </summary>
      <div class="govuk-details__text">
        {ack && <ConcernAcknowledged ack={ack} />}
        {concern ? (
          <div class="app-safety-concern">
            <LazyReturn caseId={caseId} caseReference={reference} requestId={request.id} open={open} />
          </div>
        ) : (
          <LazyReturn caseId={caseId} caseReference={reference} requestId={request.id} open={open} />
        )}
        <p class="govuk-body">
          <a class="govuk-link" href={`/cases/${caseId}/requests/${request.id}`}>
            {request.status === 'submitted' ? 'Accept or ask for more' : 'Earlier versions and actions'}
            <span class="govuk-visually-hidden"> from {request.agencyName}</span>
          </a>
        </p>
      </div>
    </details>
  );
}

/** A closed case's state: when and why it closed, and, as a record rather than an alert, any safety concern. */
function ClosedStateSummary(props: {
  closedAt: string | undefined;
  reason: string | undefined;
  concerns: RequestView[];
}) {
  const { closedAt, reason, concerns } = props;
  return (
    <div id="closed-state">
      <strong>{closedHeading(closedAt)}</strong>
      {/* The reason is what an officer typed: rendered as text, never as markup. */}
      {reason && (
        <p class="govuk-body-s govuk-!-margin-bottom-0">
          Reason: <span class="app-pre-wrap">{reason}</span>
        </p>
      )}
      {concerns.length > 0 && (
        <ul class="govuk-list govuk-body-s govuk-!-margin-bottom-0">
          {concerns.map((c) => (
            <li key={c.id}>
              {c.agencyName}'s return raised an immediate safety concern
              {c.safetyConcernAcknowledgement ? (
                <>
                  , acknowledged: <span class="app-pre-wrap">{c.safetyConcernAcknowledgement.action}</span>.
                </>
              ) : (
                ', not acknowledged before the case closed.'
              )}{' '}
              <a class="govuk-link" href={`#return-${c.id}`}>
                Read their return
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Everything about one case: the clock, who owes what, what came back, and what happened. */
export function CasePage({ caseId }: { caseId: string }) {
  const flash = useFlash();
  const [notice, setNotice] = useState(flash);
  const { data, error, loading, reload } = useResource(() => loadCaseData(caseId), [caseId]);
  const [sending, setSending] = useState(false);
  const [sendErrors, setSendErrors] = useState<string[]>([]);
  usePageTitle(error ? problemTitle(error) : data ? `Case ${data.record.reference}` : 'Case');
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading what="case" />;
  const { record, requests, agencies, audit, decision } = data;
  const { subject, legalHold, retainUntil, purgedAt } = record;
  const today = londonToday();
  const open = record.status === 'open';
  // A statutory milestone missed or at risk makes an open case red or amber, whatever its returns say: judged
  // as the dashboard judges it (without the meeting's decision, which the dashboard does not read).
  // A closed case's clock has stopped: it has no red / amber / green, only when and why it closed.
  const statutory = statutoryReasons(
    record.milestones,
    today,
    progressOf(requests),
    outstandingDueDates(requests),
    factsOf(record),
  );
  const rag = open ? caseRag(requests, today, statutory.red, statutory.amber) : undefined;
  const closedInstant = !open && record.closedAt ? new Date(record.closedAt) : undefined;
  const closedOn = closedInstant && !Number.isNaN(closedInstant.getTime()) ? londonToday(closedInstant) : undefined;
  const drafts = requests.filter((r) => r.status === 'draft');
  const concerns = requests.filter((r) => r.immediateSafetyConcern);
  const toActOn = concerns.filter(concernNeedsAction);
  const acknowledged = concerns.filter((r) => !concernNeedsAction(r));
  const returned = requests.filter((r) => r.returnVersion !== undefined);
  const chronologies = requests.filter((r) => r.returnType === 'chronology');

  // Each draft is sent on its own: one that cannot go (its due date has passed) does not hold back the others.
  const sendAll = async () => {
    setSending(true);
    setSendErrors([]);
    const failures: string[] = [];
    let sent = 0;
    for (const request of drafts) {
      try {
        await staffApi.post(`/cases/${caseId}/requests/${request.id}/send`);
        sent += 1;
      } catch (failure) {
        failures.push(`${request.agencyName}, ${returnTypeLabel(request.returnType)}: ${messageOf(failure)}`);
      }
    }
    if (sent) setNotice(`${sent} ${sent === 1 ? 'request' : 'requests'} sent`);
    setSendErrors(failures);
    setSending(false);
    reload();
  };

  return (
    <>
      <BackLink href="/">Back to cases</BackLink>
      <SuccessBanner message={notice} />
      {/* A live alert while the case is open; once closed, the state below keeps a record of it instead. */}
      {/* Until the office records what it did: an acknowledged concern moves to the record below the heading. */}
      {open && toActOn.length > 0 && (
        <div class="govuk-notification-banner app-safety-banner" role="region" aria-labelledby="concern-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="concern-title">
              Immediate safety concern
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            {toActOn.map((c) => (
              <div key={c.id}>
                <p class="govuk-notification-banner__heading">
                  {c.agencyName} raised an immediate safety concern.{' '}
                  <a class="govuk-notification-banner__link" href={`#return-${c.id}`}>
                    Read their return
                  </a>
                </p>
                <p class="govuk-body">
                  <a class="govuk-notification-banner__link" href={`/cases/${caseId}/requests/${c.id}/safety-concern`}>
                    Record what was done about {c.agencyName}'s concern
                  </a>
                </p>
              </div>
            ))}
          </div>
        </div>
      )}
      <PageHeading caption={ROUTE_LABELS[record.route] ?? record.route}>Case {record.reference}</PageHeading>
      {open && acknowledged.length > 0 && (
        <section aria-labelledby="acknowledged-title" id="concerns-acknowledged">
          <h2 class="govuk-heading-s" id="acknowledged-title">
            Immediate safety concerns acknowledged
          </h2>
          {acknowledged.map(
            (c) =>
              c.safetyConcernAcknowledgement && (
                <ConcernAcknowledged key={c.id} ack={c.safetyConcernAcknowledgement} agencyName={c.agencyName} />
              ),
          )}
        </section>
      )}
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              {
                key: 'State',
                value: rag ? (
                  <RagBadge rag={rag} />
                ) : (
                  <ClosedStateSummary closedAt={record.closedAt} reason={record.closedReason} concerns={concerns} />
                ),
              },
              { key: 'Day 0', value: formatDate(record.day0) },
              ...(record.route === 'rapid-review'
                ? [
                    {
                      key: 'Rapid Review meeting',
                      value: (
                        <div id="planned-meeting">
                          {record.plannedMeeting
                            ? `Planned for ${formatDate(record.plannedMeeting.date)}`
                            : 'Date not set yet'}
                          {open && (
                            <>
                              <br />
                              <a class="govuk-link" href={`/cases/${caseId}/meeting-date`}>
                                {record.plannedMeeting ? 'Change the meeting date' : 'Set the meeting date'}
                              </a>
                            </>
                          )}
                        </div>
                      ),
                    },
                  ]
                : []),
              {
                key: 'Case status',
                value: open ? (
                  <StatusTag label="Open" tag="govuk-tag--green" />
                ) : (
                  <StatusTag label="Closed" tag="govuk-tag--grey" />
                ),
              },
              {
                key: 'Child',
                // Retention deletes the child's details with the returns.
                value: subject ? (
                  <>
                    {subject.name}
                    {subject.pseudonym && <> ({subject.pseudonym})</>}
                    <br />
                    Born {formatDate(subject.dateOfBirth)}
                  </>
                ) : (
                  <span class="govuk-hint">Deleted under the retention schedule</span>
                ),
              },
              ...(subject?.familyMembers?.length
                ? [
                    {
                      key: 'Family members',
                      value: (
                        <ul class="govuk-list">
                          {subject.familyMembers.map((m, i) => (
                            <li key={i}>
                              {m.name} ({m.relationship})
                            </li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      </div>

      <h2 class="govuk-heading-m">Statutory timeline</h2>
      <Timeline
        reference={record.reference}
        day0={record.day0}
        milestones={record.milestones}
        today={today}
        closed={!open}
        {...(closedOn ? { closedOn } : {})}
        returns={progressOf(requests)}
        facts={factsOf(record, decision)}
      />

      <h2 class="govuk-heading-m" id="requests-heading">
        Requests to agencies
      </h2>
      {sendErrors.length > 0 && (
        <div class="govuk-error-summary" role="alert">
          <h3 class="govuk-error-summary__title">Not every request was sent</h3>
          <div class="govuk-error-summary__body">
            <ul class="govuk-list govuk-error-summary__list">
              {sendErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {open && (
        <div class="govuk-button-group">
          <a href={`/cases/${caseId}/requests/new`} role="button" class="govuk-button" data-module="govuk-button">
            Add agencies and requests
          </a>
          {drafts.length > 0 && (
            <Button type="button" secondary disabled={sending} onClick={() => void sendAll()}>
              Send {drafts.length} {drafts.length === 1 ? 'request' : 'requests'} not yet sent
            </Button>
          )}
        </div>
      )}
      {requests.length ? (
        <RequestsGrid requests={requests} today={today} closed={!open} />
      ) : (
        <p class="govuk-body">No agency has been asked for a return yet.</p>
      )}

      <h2 class="govuk-heading-m">Returns received</h2>
      {returned.length > 0 && (
        <p class="govuk-body" id="returns-count">
          {returnsCountText(returned)}
        </p>
      )}
      {returned.length ? (
        [...returned]
          .sort(
            (a, b) =>
              Number(concernNeedsAction(b)) - Number(concernNeedsAction(a)) ||
              Number(b.immediateSafetyConcern === true) - Number(a.immediateSafetyConcern === true) ||
              a.agencyName.localeCompare(b.agencyName),
          )
          .map((request) => (
            <ReturnDetails key={request.id} caseId={caseId} reference={record.reference} request={request} />
          ))
      ) : (
        <p class="govuk-body">No returns have been submitted yet.</p>
      )}

      {chronologies.length > 0 && (
        <>
          <h2 class="govuk-heading-m">Multi-agency chronology</h2>
          <p class="govuk-body">
            Every agency's chronology of key events merged in date order, with events several agencies recorded shown as
            one, and the periods with no agency contact.
          </p>
          <p class="govuk-body">
            <a class="govuk-link" href={`/cases/${caseId}/chronology`} id="chronology-link">
              View the multi-agency chronology
            </a>
          </p>
        </>
      )}

      {decision !== undefined && (
        <>
          <h2 class="govuk-heading-m" id="documents-heading">
            Documents
          </h2>
          <CaseDocuments record={record} requests={requests} decision={decision} onDownloaded={reload} />
        </>
      )}

      <h2 class="govuk-heading-m">Audit trail</h2>
      {audit ? (
        <AuditTrail events={audit} agencyNames={new Map(agencies.map((a) => [a.id, a.name]))} requests={requests} />
      ) : (
        <p class="govuk-body">The audit trail is not available yet.</p>
      )}

      {open && (
        <>
          <h2 class="govuk-heading-m">Close the case</h2>
          <p class="govuk-body">Closing the case ends every agency's link to it. Returns already received are kept.</p>
          <a href={`/cases/${caseId}/close`} role="button" class="govuk-button govuk-button--warning">
            Close the case
          </a>
        </>
      )}
      {!open && (
        <p class="govuk-body">
          This case was closed{record.closedAt ? ` on ${formatDateTime(record.closedAt)}` : ''}: agencies can no longer
          open it.
        </p>
      )}

      <h2 class="govuk-heading-m" id="retention-heading">
        Retention and legal hold
      </h2>
      {purgedAt ? (
        <p class="govuk-body">Returns and documents were deleted on {dayOf(purgedAt)} under the retention schedule.</p>
      ) : (
        <>
          <p class="govuk-body">
            {open
              ? 'Returns and documents are kept while the case is open. The retention period starts when it is closed.'
              : legalHold
                ? 'Returns and documents will not be deleted while the legal hold is in place.'
                : !retainUntil
                  ? 'Returns and documents are kept until the retention schedule deletes them.'
                  : retainUntil <= today
                    ? `The retention date, ${formatDate(retainUntil)}, has been reached: returns and documents will be deleted by the next daily run.`
                    : `Returns and documents will be deleted on ${formatDate(retainUntil)}.`}
          </p>
          {legalHold && (
            // The reason is what an officer typed: rendered as text, never as markup.
            <div class="govuk-inset-text" id="legal-hold">
              Legal hold since {dayOf(legalHold.since)}: <span class="app-pre-wrap">{legalHold.reason}</span>
            </div>
          )}
          <a
            href={`/cases/${caseId}/legal-hold`}
            role="button"
            class="govuk-button govuk-button--secondary"
            data-module="govuk-button"
          >
            {legalHold ? 'Lift the legal hold' : 'Place a legal hold'}
          </a>
        </>
      )}
      {loading && <p class="govuk-visually-hidden">Updating…</p>}
    </>
  );
}
