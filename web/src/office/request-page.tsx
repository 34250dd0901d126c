import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import {
  BackLink,
  Loading,
  messageOf,
  PageHeading,
  ProblemPage,
  problemTitle,
  StatusTag,
  SuccessBanner,
  SummaryList,
  useFlash,
  usePageTitle,
} from '../components/page';
import { ApiError, isMissingRoute, staffApi } from '../lib/api';
import { formatDate, formatDateTime, londonToday } from '../lib/dates';
import { dropReasonText, isNilReturn, requestStatusStyle, returnTypeLabel, stepLabel } from '../lib/labels';
import { useLocation } from '../lib/router';
import type { CaseView, RequestView, ReturnVersion, ReturnView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { isOutstanding, isOverdue, LINKS_STOPPED, timeLeftText } from './request-state';
import { FilesNotAccepted, ReturnPanel, ReturnWordButton } from './return-panel';
import { ConcernAcknowledged } from './safety-concern';

async function load(caseId: string, requestId: string, version: string | null) {
  const [record, { requests }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
  ]);
  const request = requests.find((r) => r.id === requestId);
  if (!request) throw new ApiError(404, 'not-found', 'The request was not found.');
  let versions: ReturnVersion[] | undefined;
  let shown: ReturnView | undefined;
  if (request.returnVersion !== undefined) {
    try {
      versions = (await staffApi.get<{ versions: ReturnVersion[] }>(`/cases/${caseId}/requests/${requestId}/returns`))
        .versions;
    } catch (error) {
      if (!isMissingRoute(error)) throw error;
    }
    // Only a version the API accepts (1–9999, no leading zero): anything else in the address shows the latest.
    const query = version && /^[1-9]\d{0,3}$/.test(version) ? `?version=${version}` : '';
    shown = await staffApi.get<ReturnView>(`/cases/${caseId}/requests/${requestId}/return${query}`);
  }
  return { record, request, versions, shown };
}

const ACTIVE = ['sent', 'opened', 'in-progress', 'more-info-requested'];

/** One request: where it stands, its reminders, its return (any version), and what the office can do. */
export function RequestPage({ caseId, requestId }: { caseId: string; requestId: string }) {
  const where = useLocation();
  const version = new URLSearchParams(where.search).get('version');
  const flash = useFlash();
  const [notice, setNotice] = useState(flash);
  const { data, error, reload } = useResource(() => load(caseId, requestId, version), [caseId, requestId, version]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string>();
  usePageTitle(
    error
      ? problemTitle(error)
      : data
        ? `${data.request.agencyName}: ${returnTypeLabel(data.request.returnType)}`
        : 'Request',
  );
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading what="request" />;
  const { record, request, versions, shown } = data;
  const today = londonToday();
  const style = requestStatusStyle(request);
  const base = `/cases/${caseId}/requests/${requestId}`;

  const act = async (path: string, done: string) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await staffApi.post(`${base}/${path}`);
      setNotice(done);
      reload();
    } catch (failure) {
      setActionError(isMissingRoute(failure) ? 'The portal cannot do this yet. Try again later.' : messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <BackLink href={`/cases/${caseId}`}>Back to case {record.reference}</BackLink>
      <SuccessBanner message={notice} />
      {actionError && (
        <div class="govuk-error-summary" role="alert" tabIndex={-1}>
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{actionError}</p>
          </div>
        </div>
      )}
      <PageHeading caption={`Case ${record.reference}`}>
        {request.agencyName}: {returnTypeLabel(request.returnType)}
      </PageHeading>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              { key: 'Status', value: <StatusTag label={style.label} tag={style.tag} /> },
              ...(isNilReturn(request)
                ? [{ key: 'Return', value: 'Nil return: the agency holds no records of the child or family' }]
                : []),
              { key: 'Due', value: formatDate(request.dueOn) },
              ...(request.keyThemes?.length
                ? [
                    {
                      key: 'Key themes to analyse',
                      value: (
                        <ul class="govuk-list govuk-list--bullet" id="key-themes">
                          {request.keyThemes.map((theme, i) => (
                            <li key={i}>{theme}</li>
                          ))}
                        </ul>
                      ),
                    },
                  ]
                : []),
              {
                key: 'Time left',
                value: (
                  <span class={isOverdue(request, today) ? 'app-overdue' : ''}>{timeLeftText(request, today)}</span>
                ),
              },
              ...(request.sentAt ? [{ key: 'Sent', value: formatDateTime(request.sentAt) }] : []),
              ...(request.emailStatus
                ? [
                    {
                      key: 'E-mail',
                      value:
                        request.emailStatus === 'failed'
                          ? 'Not delivered: check the address and send the link again'
                          : request.emailStatus === 'queued'
                            ? 'Waiting to be sent'
                            : 'Sent',
                    },
                  ]
                : []),
              ...(request.openedAt ? [{ key: 'Opened', value: formatDateTime(request.openedAt) }] : []),
              ...(request.submittedAt ? [{ key: 'Submitted', value: formatDateTime(request.submittedAt) }] : []),
              ...(request.escalationStep ? [{ key: 'Escalation', value: stepLabel(request.escalationStep) }] : []),
              ...(request.linksStopped
                ? [
                    {
                      key: 'Links',
                      value: `Stopped${request.linksStoppedAt ? ` ${formatDateTime(request.linksStoppedAt)}` : ''}: no reminders or escalations are sent, and nothing e-mailed to ${request.agencyName} carries a link, until you send the link again`,
                    },
                  ]
                : []),
              ...(request.lastReason
                ? [{ key: 'Latest reason given', value: <span class="app-pre-wrap">{request.lastReason}</span> }]
                : []),
            ]}
          />
        </div>
      </div>

      {request.immediateSafetyConcern && (
        <section aria-labelledby="concern-heading" id="safety-concern">
          <h2 class="govuk-heading-m" id="concern-heading">
            Immediate safety concern
          </h2>
          {request.safetyConcernAcknowledgement ? (
            <ConcernAcknowledged ack={request.safetyConcernAcknowledgement} />
          ) : (
            <>
              <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong class="govuk-warning-text__text">
                  <span class="govuk-visually-hidden">Warning</span>
                  {request.agencyName}'s latest return raised an immediate safety concern. Record what was done about
                  it: until then the case needs action.
                </strong>
              </div>
              {record.status === 'open' && (
                <a class="govuk-button" role="button" data-module="govuk-button" href={`${base}/safety-concern`}>
                  Record what was done about the concern
                </a>
              )}
            </>
          )}
        </section>
      )}

      {request.reminders && request.reminders.length > 0 && (
        <>
          <h2 class="govuk-heading-m">Reminders and escalation</h2>
          <table class="govuk-table">
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  When
                </th>
                <th scope="col" class="govuk-table__header">
                  Step
                </th>
                <th scope="col" class="govuk-table__header">
                  To
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {request.reminders.map((r, i) => (
                <tr class="govuk-table__row" key={i}>
                  <td class="govuk-table__cell">
                    {r.sentAt
                      ? formatDateTime(r.sentAt)
                      : r.droppedAt
                        ? `${formatDateTime(r.recordedAt ?? r.droppedAt)} (not sent: ${dropReasonText(r.dropReason)})`
                        : r.recordedAt
                          ? `${formatDateTime(r.recordedAt)} (${r.emailStatus === 'failed' ? 'could not be sent' : 'not sent yet'})`
                          : ''}
                  </td>
                  <td class="govuk-table__cell">{stepLabel(r.step)}</td>
                  <td class="govuk-table__cell">{Array.isArray(r.to) ? r.to.join(', ') : (r.to ?? '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      <h2 class="govuk-heading-m">What you can do</h2>
      {request.status === 'draft' && request.dueOn < today && (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            The due date, {formatDate(request.dueOn)}, has passed. Change the due date before sending the request.
          </strong>
        </div>
      )}
      {request.status === 'draft' && (
        <div class="govuk-button-group">
          <Button
            type="button"
            disabled={busy}
            onClick={() => void act('send', `Request sent to ${request.agencyName}`)}
          >
            Send the request
          </Button>
          <a class="govuk-link" href={`${base}/due-date`}>
            Change the due date
          </a>
          <a class="govuk-link" href={`${base}/withdraw`}>
            Withdraw the request
          </a>
        </div>
      )}
      {request.status === 'submitted' && (
        <div class="govuk-button-group">
          <Button
            type="button"
            disabled={busy}
            onClick={() => void act('accept', `Return from ${request.agencyName} accepted`)}
          >
            Accept the return
          </Button>
          <a class="govuk-button govuk-button--secondary" role="button" href={`${base}/more-info`}>
            Ask for more information
          </a>
        </div>
      )}
      {request.linksStopped && request.status !== 'draft' && (
        <div class="govuk-warning-text" id="links-stopped">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            {LINKS_STOPPED}.{' '}
            {ACTIVE.includes(request.status)
              ? `Check ${request.agencyName}'s contacts in the agency directory first: the new link goes to the addresses recorded there.`
              : `${request.agencyName} is not e-mailed about this request until a link is sent again on one of its requests in this case.`}
          </strong>
        </div>
      )}
      {ACTIVE.includes(request.status) && (
        <ul class="govuk-list">
          <li>
            <a class="govuk-link" href={`${base}/resend`}>
              Send the link again
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/extend`}>
              Extend the due date
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/not-involved`}>
              Mark the agency as not involved
            </a>
          </li>
          <li>
            <a class="govuk-link" href={`${base}/withdraw`}>
              Withdraw the request
            </a>
          </li>
        </ul>
      )}
      {!isOutstanding(request) && request.status !== 'submitted' && (
        <p class="govuk-body">Nothing more is needed on this request.</p>
      )}
      {request.status !== 'draft' && (
        <p class="govuk-body">
          <a class="govuk-link" href={`/cases/${caseId}/agencies/${request.agencyId}/revoke`}>
            Stop every link {request.agencyName} has to this case
          </a>
        </p>
      )}

      {/* Before a return is submitted, files the agency has had refused (the return panel lists them after). */}
      {!shown && request.status !== 'draft' && <FilesNotAccepted caseId={caseId} requestId={requestId} />}
      {shown && (
        <>
          <h2 class="govuk-heading-m">The return</h2>
          {versions && versions.length > 1 && (
            <nav aria-label="Versions of the return">
              <ul class="govuk-list">
                {versions.map((v) => (
                  <li key={v.version}>
                    {v.version === shown.version ? (
                      <strong>
                        Version {v.version}, {formatDateTime(v.submittedAt)}
                        {v.nilReturn && ', nil return'} (shown)
                      </strong>
                    ) : (
                      <a class="govuk-link" href={`${base}?version=${v.version}`}>
                        Version {v.version}, {formatDateTime(v.submittedAt)}
                        {v.nilReturn && ', nil return'}
                      </a>
                    )}{' '}
                    <ReturnWordButton
                      caseId={caseId}
                      caseReference={record.reference}
                      requestId={requestId}
                      agencyName={request.agencyName}
                      returnType={request.returnType}
                      version={v.version}
                    >
                      Word
                    </ReturnWordButton>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <ReturnPanel caseId={caseId} caseReference={record.reference} view={shown} />
        </>
      )}
    </>
  );
}
