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
import { formatDate, formatDateTime, londonToday } from '../lib/dates';
import { returnTypeLabel, ROUTE_LABELS } from '../lib/labels';
import { caseRag } from '../lib/rag';
import type { Agency, AuditEvent, CaseView, RequestView, ReturnView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { AuditTrail } from './audit-trail';
import { RagBadge } from './rag-badge';
import { RequestsGrid } from './requests-grid';
import { ReturnPanel } from './return-panel';
import { Timeline } from './timeline';

interface CaseData {
  record: CaseView;
  requests: RequestView[];
  agencies: Agency[];
  /** Undefined while the API has no audit route. */
  audit?: AuditEvent[];
  returns: ReturnView[];
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
  const [record, { requests }, { agencies }, audit] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
    staffApi.get<{ agencies: Agency[] }>('/agencies'),
    optional(staffApi.get<{ events: AuditEvent[] }>(`/cases/${caseId}/audit`)),
  ]);
  const returns = await Promise.all(
    requests
      .filter((r) => r.returnVersion !== undefined)
      .map((r) => staffApi.get<ReturnView>(`/cases/${caseId}/requests/${r.id}/return`)),
  );
  // A concern in a submitted return marks its request, so the grid and the state show it.
  const concerns = new Set(returns.filter((r) => r.immediateSafetyConcern).map((r) => r.requestId));
  return {
    record,
    requests: requests.map((r) => (concerns.has(r.id) ? { ...r, immediateSafetyConcern: true } : r)),
    agencies,
    ...(audit ? { audit: audit.events } : {}),
    returns,
  };
}

/** Everything about one case: the clock, who owes what, what came back, and what happened. */
export function CasePage({ caseId }: { caseId: string }) {
  const flash = useFlash();
  const [notice, setNotice] = useState(flash);
  const { data, error, loading, reload } = useResource(() => loadCaseData(caseId), [caseId]);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string>();
  usePageTitle(error ? problemTitle(error) : data ? `Case ${data.record.reference}` : 'Case');
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading what="case" />;
  const { record, requests, agencies, audit, returns } = data;
  const today = londonToday();
  const rag = caseRag(requests, today);
  const drafts = requests.filter((r) => r.status === 'draft');
  const concerns = returns.filter((r) => r.immediateSafetyConcern);
  const open = record.status === 'open';

  const sendAll = async () => {
    setSending(true);
    setSendError(undefined);
    try {
      for (const request of drafts) await staffApi.post(`/cases/${caseId}/requests/${request.id}/send`);
      setNotice(`${drafts.length} ${drafts.length === 1 ? 'request' : 'requests'} sent`);
      reload();
    } catch (failure) {
      setSendError(messageOf(failure));
      reload();
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <BackLink href="/">Back to cases</BackLink>
      <SuccessBanner message={notice} />
      {concerns.length > 0 && (
        <div class="govuk-notification-banner app-safety-banner" role="region" aria-labelledby="concern-title">
          <div class="govuk-notification-banner__header">
            <h2 class="govuk-notification-banner__title" id="concern-title">
              Immediate safety concern
            </h2>
          </div>
          <div class="govuk-notification-banner__content">
            {concerns.map((c) => (
              <p class="govuk-notification-banner__heading" key={c.requestId}>
                {c.agencyName} raised an immediate safety concern.{' '}
                <a class="govuk-notification-banner__link" href={`#return-${c.requestId}`}>
                  Read their return
                </a>
              </p>
            ))}
          </div>
        </div>
      )}
      <PageHeading caption={ROUTE_LABELS[record.route] ?? record.route}>Case {record.reference}</PageHeading>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: 'State', value: <RagBadge rag={rag} /> },
              { key: 'Day 0', value: formatDate(record.day0) },
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
                value: (
                  <>
                    {record.subject.name}
                    {record.subject.pseudonym && <> ({record.subject.pseudonym})</>}
                    <br />
                    Born {formatDate(record.subject.dateOfBirth)}
                  </>
                ),
              },
              ...(record.subject.familyMembers?.length
                ? [
                    {
                      key: 'Family members',
                      value: (
                        <ul class="govuk-list">
                          {record.subject.familyMembers.map((m, i) => (
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
      <Timeline reference={record.reference} day0={record.day0} milestones={record.milestones} today={today} />

      <h2 class="govuk-heading-m" id="requests-heading">
        Requests to agencies
      </h2>
      {sendError && (
        <div class="govuk-error-summary" role="alert">
          <h3 class="govuk-error-summary__title">Not every request was sent</h3>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{sendError}</p>
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
        <RequestsGrid requests={requests} today={today} />
      ) : (
        <p class="govuk-body">No agency has been asked for a return yet.</p>
      )}

      <h2 class="govuk-heading-m">Returns received</h2>
      {returns.length ? (
        [...returns]
          .sort((a, b) => Number(b.immediateSafetyConcern) - Number(a.immediateSafetyConcern))
          .map((view) => (
            <details
              class="govuk-details"
              key={view.requestId}
              id={`return-${view.requestId}`}
              open={view.immediateSafetyConcern}
            >
              <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">
                  {view.agencyName}: {returnTypeLabel(view.returnType)}
                  {view.immediateSafetyConcern && ' (immediate safety concern)'}
                  {view.nilReturn && ' (nil return)'}
                </span>
              </summary>
              <div class="govuk-details__text">
                <ReturnPanel caseReference={record.reference} view={view} />
                <p class="govuk-body">
                  <a class="govuk-link" href={`/cases/${caseId}/requests/${view.requestId}`}>
                    Accept or ask for more<span class="govuk-visually-hidden"> from {view.agencyName}</span>
                  </a>
                </p>
              </div>
            </details>
          ))
      ) : (
        <p class="govuk-body">No returns have been submitted yet.</p>
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
      {loading && <p class="govuk-visually-hidden">Updating…</p>}
    </>
  );
}
