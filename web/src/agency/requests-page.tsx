import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import {
  ImportantBanner,
  Loading,
  PageHeading,
  ProblemPage,
  problemTitle,
  StatusTag,
  SummaryList,
  messageOf,
  usePageTitle,
} from '../components/page';
import { agencyApi } from '../lib/api';
import { saveBlob } from '../lib/download';
import { formatDate, formatDateLong, workingDaysText } from '../lib/dates';
import { ROUTE_LABELS, STATUS_STYLES } from '../lib/labels';
import type { AgencyOverview, AgencyRequestSummary } from '../lib/types';
import { useTableFits } from '../lib/use-table-fits';
import { useResource } from '../lib/use-resource';
import { HeaderContext } from './header-context';

/** Statuses in which the agency can still write its return. */
export const EDITABLE = ['sent', 'opened', 'in-progress', 'more-info-requested'];

/** "a Rapid Review", "an Agency referral": the article the label's first sound takes. */
const withArticle = (label: string) => `${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;

export const whoOf = (overview: AgencyOverview) => `${overview.agency.name} – for ${overview.partnership.name}`;

/** When a request is due and, while it is open, how long is left. */
function due(request: AgencyRequestSummary) {
  return (
    <>
      {formatDateLong(request.dueOn)}
      {EDITABLE.includes(request.status) && (
        <>
          <br />
          <span class={request.workingDaysLeft < 0 ? 'app-overdue' : 'govuk-body-s'}>
            {workingDaysText(request.workingDaysLeft)}
          </span>
        </>
      )}
    </>
  );
}

/** Its status, and what the office asked for when it asked for more. */
function status(request: AgencyRequestSummary) {
  const style = STATUS_STYLES[request.status] ?? { label: request.status, tag: 'govuk-tag--grey' };
  return (
    <>
      <StatusTag label={style.label} tag={style.tag} />
      {request.moreInformationAsked && (
        <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <strong>Asked for:</strong> <span class="app-pre-wrap">{request.moreInformationAsked}</span>
        </p>
      )}
    </>
  );
}

/** The requests as summary cards, for where the table does not fit. */
function RequestCards({ requests }: { requests: AgencyRequestSummary[] }) {
  return (
    <div id="agency-requests">
      {requests.map((request) => (
        <div class="govuk-summary-card" key={request.id} data-request={request.id}>
          <div class="govuk-summary-card__title-wrapper">
            <h3 class="govuk-summary-card__title">{request.returnLabel}</h3>
            <ul class="govuk-summary-card__actions">
              <li class="govuk-summary-card__action">{action(request)}</li>
            </ul>
          </div>
          <div class="govuk-summary-card__content">
            <SummaryList
              rows={[
                { key: 'Due', value: due(request) },
                { key: 'Status', value: status(request) },
              ]}
            />
          </div>
        </div>
      ))}
    </div>
  );
}

/** "Continue" once there is something to carry on from: a draft, or a submitted return reopened. */
function action(request: AgencyRequestSummary) {
  const href = `/respond/requests/${request.id}`;
  const hidden = <span class="govuk-visually-hidden"> {request.returnLabel}</span>;
  if (EDITABLE.includes(request.status))
    return (
      <a class="govuk-link" href={href}>
        {request.draftVersion !== undefined || request.submittedAt !== undefined ? 'Continue' : 'Start'}
        {hidden}
      </a>
    );
  return (
    <a class="govuk-link" href={href}>
      View{hidden}
    </a>
  );
}

/** The Information Request Letter: shown only here, after the code; it is never e-mailed. */
function LetterDownload({ requestId }: { requestId: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const read = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const file = await agencyApi.file(`/agency/requests/${requestId}/letter.docx`, 'information-request-letter.docx');
      saveBlob(file.fileName, file.blob);
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <p class="govuk-body">
        The Information Request Letter explains what is asked, why, by when, and which records to secure.
      </p>
      {problem && (
        <p class="govuk-error-message" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {problem}
        </p>
      )}
      <Button type="button" secondary disabled={busy} onClick={() => void read()} id="request-letter">
        Read the request letter (Word)
      </Button>
    </>
  );
}

/** After the code: the case, the child's details, and what this agency has been asked for. */
export function RequestsPage() {
  const setWho = useContext(HeaderContext);
  const { data, error } = useResource(() => agencyApi.get<AgencyOverview>('/agency/requests'), []);
  const box = useRef<HTMLDivElement>(null);
  const table = useRef<HTMLTableElement>(null);
  const fits = useTableFits(box, table, data);
  usePageTitle(error ? problemTitle(error) : data ? `Case ${data.case.reference}: your requests` : 'Your requests');
  useEffect(() => {
    if (data) setWho(whoOf(data));
  }, [data]);
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading what="requests" />;
  const { partnership, case: record, requests } = data;
  const subject = record.subject;
  return (
    <>
      {requests.some((r) => r.status === 'more-info-requested') && (
        <ImportantBanner title="More information asked for">
          {requests
            .filter((r) => r.status === 'more-info-requested')
            .map((r) => (
              <p class="govuk-notification-banner__heading" key={r.id}>
                The business office has asked for more information on your {r.returnLabel}.{' '}
                <a class="govuk-notification-banner__link" href={`/respond/requests/${r.id}`}>
                  See what they asked and add to your return
                </a>
              </p>
            ))}
        </ImportantBanner>
      )}
      <PageHeading caption={partnership.name}>Case {record.reference}</PageHeading>
      <p class="govuk-body">
        {partnership.officeName} asks your agency for information for{' '}
        {withArticle(ROUTE_LABELS[record.route] ?? record.route)}. The details below are confidential: use them only to
        search your agency's records.
      </p>
      <h2 class="govuk-heading-m">The child</h2>
      <SummaryList
        rows={[
          { key: 'Name', value: subject.name },
          { key: 'Date of birth', value: formatDate(subject.dateOfBirth) },
          ...(subject.pseudonym ? [{ key: 'Referred to as', value: subject.pseudonym }] : []),
          ...(subject.address ? [{ key: 'Address', value: <span class="app-pre-wrap">{subject.address}</span> }] : []),
          ...(subject.familyMembers?.length
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
      <h2 class="govuk-heading-m">What you have been asked for</h2>
      {requests[0] && <LetterDownload requestId={requests[0].id} />}
      {/* Where three columns do not fit beside a long return's name (a phone), each request is a card. */}
      <div ref={box}>
        {!fits ? (
          <RequestCards requests={requests} />
        ) : (
          <table class="govuk-table" id="agency-requests" ref={table}>
            <caption class="govuk-visually-hidden">Returns asked of your agency, with their deadlines</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Return
                </th>
                <th scope="col" class="govuk-table__header">
                  Due
                </th>
                <th scope="col" class="govuk-table__header">
                  Status
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {requests.map((request) => (
                <tr class="govuk-table__row" key={request.id}>
                  {/* The action under the return's name: three columns fit a tablet. */}
                  <th scope="row" class="govuk-table__header">
                    {request.returnLabel}
                    <br />
                    <span class="govuk-body govuk-!-font-weight-regular">{action(request)}</span>
                  </th>
                  <td class="govuk-table__cell">{due(request)}</td>
                  <td class="govuk-table__cell">{status(request)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <p class="govuk-body">
        Questions? Contact {partnership.officeName} at{' '}
        <a class="govuk-link" href={`mailto:${partnership.officeEmail}`}>
          {partnership.officeEmail}
        </a>
        . Do not e-mail details of the child or family: share them here.
      </p>
    </>
  );
}
