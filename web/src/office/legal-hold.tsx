import { BackLink, Loading, PageHeading, ProblemOnly, Prose, SummaryList, usePageTitle } from '../components/page';
import { staffApi } from '../lib/api';
import { dayOf, formatDate, formatDateTime, londonToday } from '../lib/dates';
import { navigate, setFlash } from '../lib/router';
import type { CaseView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { ReasonForm } from './reason-form';

/** Retention has already run: there is nothing left to hold, so the page says so and asks nothing. */
function AlreadyDeleted({ caseId, reference, purgedAt }: { caseId: string; reference: string; purgedAt: string }) {
  const title = `The returns for case ${reference} have been deleted`;
  usePageTitle(title);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`/cases/${caseId}`}>Back to case {reference}</BackLink>
        <PageHeading caption="Legal hold">{title}</PageHeading>
        <p class="govuk-body">
          The returns, chronologies and documents for this case were deleted on {dayOf(purgedAt)} under the retention
          schedule, so a legal hold can no longer be placed. The case's reference, dates and audit trail are kept.
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href={`/cases/${caseId}`}>
            Back to case {reference}
          </a>
        </p>
      </div>
    </div>
  );
}

/**
 * Places or lifts a legal hold, which stops the retention schedule deleting a case's returns and
 * documents while they may be needed (a criminal investigation, an inquiry). The reason goes in the
 * audit trail.
 */
export function LegalHold({ caseId }: { caseId: string }) {
  const { data, error } = useResource(() => staffApi.get<CaseView>(`/cases/${caseId}`), [caseId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  const { reference, legalHold, retainUntil } = data;
  if (data.purgedAt) return <AlreadyDeleted caseId={caseId} reference={reference} purgedAt={data.purgedAt} />;
  const back = { href: `/cases/${caseId}`, label: `Back to case ${reference}` };
  const closed = data.status === 'closed';
  // A closed case whose retention date has come goes at the next daily run, unless it is held.
  const due = closed && retainUntil !== undefined && retainUntil <= londonToday();

  if (!legalHold) {
    return (
      <ReasonForm
        title={`Place a legal hold on case ${reference}`}
        caption="Legal hold"
        back={back}
        label="Why is the hold being placed?"
        hint="For example, the police have asked for the records to be kept for a criminal investigation. This is recorded in the audit trail."
        button="Place the legal hold"
        onSubmit={async (reason) => {
          await staffApi.post(`/cases/${caseId}/legal-hold`, { hold: true, reason });
          setFlash(`Legal hold placed on case ${reference}`);
          navigate(`/cases/${caseId}`);
        }}
      >
        <p class="govuk-body">
          While a legal hold is in place, the retention schedule will not delete this case's returns, chronologies and
          documents, even after its retention date. Place one when they may be needed for a criminal investigation, an
          inquiry or legal proceedings.
        </p>
        <p class="govuk-body">
          {!closed
            ? 'The case is open: its retention period starts when it is closed. The hold stays in place until it is lifted, whether or not the case is closed.'
            : due
              ? 'The retention date for this case has been reached: without a hold, its returns and documents will be deleted by the next daily run.'
              : retainUntil
                ? `Without a hold, its returns and documents will be deleted on ${formatDate(retainUntil)}.`
                : 'The hold stays in place until it is lifted.'}
        </p>
      </ReasonForm>
    );
  }

  return (
    <ReasonForm
      title={`Lift the legal hold on case ${reference}`}
      caption="Legal hold"
      back={back}
      label="Why is the hold being lifted?"
      hint="For example, the police have confirmed the investigation is over. This is recorded in the audit trail."
      button="Lift the legal hold"
      warning
      onSubmit={async (reason) => {
        await staffApi.post(`/cases/${caseId}/legal-hold`, { hold: false, reason });
        setFlash(`Legal hold lifted on case ${reference}`);
        navigate(`/cases/${caseId}`);
      }}
    >
      <SummaryList
        rows={[
          { key: 'Held since', value: formatDateTime(legalHold.since) },
          { key: 'Reason for the hold', value: <Prose text={legalHold.reason} /> },
        ]}
      />
      {due ? (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            This case's retention date, {formatDate(retainUntil)}, has passed. Once the hold is lifted, its returns,
            chronologies and documents will be deleted by the next daily run. This cannot be undone.
          </strong>
        </div>
      ) : (
        <p class="govuk-body">
          {closed && retainUntil
            ? `Once the hold is lifted, the retention schedule applies again: this case's returns, chronologies and documents will be deleted on ${formatDate(retainUntil)}.`
            : closed
              ? 'Once the hold is lifted, the retention schedule applies again: if the case is past its retention date, its returns, chronologies and documents will be deleted by the next daily run.'
              : 'Once the hold is lifted, the retention schedule applies again: the retention period starts when the case is closed.'}
        </p>
      )}
    </ReasonForm>
  );
}
