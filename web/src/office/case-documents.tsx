import { useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { messageOf, SummaryList } from '../components/page';
import { isMissingRoute, staffApi } from '../lib/api';
import { formatDate } from '../lib/dates';
import { saveBlob } from '../lib/download';
import { decisionHeading, nationalPanelOffer } from '../lib/route-documents';
import type { CaseView, RequestView } from '../lib/types';
import type { MeetingDecisionView } from './meeting-decision';
import { combinedSummaryName } from './route-offers';

/** Loads the meeting's decision; undefined while the API has no such route. */
export async function loadMeetingDecision(caseId: string): Promise<MeetingDecisionView | null | undefined> {
  try {
    return (await staffApi.get<{ decision: MeetingDecisionView | null }>(`/cases/${caseId}/meeting-decision`)).decision;
  } catch (error) {
    if (isMissingRoute(error)) return undefined;
    throw error;
  }
}

/**
 * The documents the business office collates from the returns (§4.5, §4.8, §4.9): Word files made on
 * request, named or anonymised (§9.1.3), and the case pack. Each download is recorded in the audit trail.
 */
export function CaseDocuments(props: {
  record: CaseView;
  requests: RequestView[];
  decision: MeetingDecisionView | null;
  onDownloaded: () => void;
}) {
  const { record, requests, decision } = props;
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const base = `/cases/${record.id}`;
  const purged = record.subject === undefined;

  const run = async (key: string, work: () => Promise<void>) => {
    if (busy) return;
    setBusy(key);
    setProblem(undefined);
    try {
      await work();
      props.onDownloaded();
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  };
  const download = (key: string, path: string, fallback: string) =>
    run(key, async () => {
      const file = await staffApi.file(path, fallback);
      saveBlob(file.fileName, file.blob);
    });
  // The pack can be far larger than a page should hold: the API builds it in the bucket and the browser
  // fetches it from there, through a presigned address that lasts minutes.
  const downloadPack = () =>
    run('pack', async () => {
      const { url } = await staffApi.post<{ url: string }>(`${base}/pack`, {});
      location.assign(url);
    });

  const pair = (key: string, path: string, what: string) => (
    <div class="govuk-button-group">
      <Button
        type="button"
        secondary
        disabled={busy !== undefined}
        onClick={() => void download(key, path, `${key}.docx`)}
      >
        {what} <span class="govuk-visually-hidden">(named, official-sensitive)</span>
      </Button>
      <Button
        type="button"
        secondary
        disabled={busy !== undefined}
        onClick={() => void download(`${key}-anonymised`, `${path}?anonymised=true`, `${key}-anonymised.docx`)}
      >
        Anonymised <span class="govuk-visually-hidden">{what}</span>
      </Button>
    </div>
  );

  if (purged) {
    return (
      <p class="govuk-body">
        The returns and the child's details were deleted under the retention policy: no documents can be made.
      </p>
    );
  }
  const agencies = [
    ...new Map(
      requests.filter((r) => r.status !== 'withdrawn' && r.status !== 'not-involved').map((r) => [r.agencyId, r]),
    ).values(),
  ];
  const chronologies = requests.some((r) => r.returnType === 'chronology' && r.returnVersion !== undefined);
  const summaryName = combinedSummaryName(record.route);
  // A Rapid Review or a Case Review Group decides whether to review; a Rapid Review always reports to the
  // National Panel (§4.8.1), a Case Review Group only when the criteria are met (§4.1.7).
  const decides = decisionHeading(record.route);
  const panel = nationalPanelOffer(record.route, decision);

  return (
    <div id="case-documents">
      {problem && (
        <div class="govuk-error-summary" role="alert">
          <h3 class="govuk-error-summary__title">The document could not be made</h3>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{problem}</p>
          </div>
        </div>
      )}
      <p class="govuk-body">
        Word documents made from the returns as they stand now. The named versions are OFFICIAL-SENSITIVE; the
        anonymised versions replace names with roles and the child's pseudonym and remove dates of birth and addresses.
        Read an anonymised version before sharing it.
      </p>

      {summaryName && (
        <>
          <h3 class="govuk-heading-s">{summaryName}</h3>
          {pair('combined-summary', `${base}/documents/combined-summary.docx`, summaryName)}
        </>
      )}

      {chronologies && (
        <>
          <h3 class="govuk-heading-s">Multi-agency chronology (Word)</h3>
          {pair('chronology', `${base}/documents/chronology.docx`, 'Multi-agency chronology')}
        </>
      )}

      {decides && (
        <>
          <h3 class="govuk-heading-s" id="decision-heading">
            {decides}
          </h3>
          {decision ? (
            <SummaryList
              rows={[
                { key: 'Date of the meeting', value: formatDate(decision.meetingDate) },
                { key: 'Decision', value: decision.decisionLabel },
                { key: 'Rationale', value: <span class="app-pre-wrap">{decision.rationale}</span> },
              ]}
            />
          ) : (
            <p class="govuk-body">
              {record.route === 'rapid-review'
                ? 'Not recorded yet. The National Panel documents report it.'
                : 'Not recorded yet. If the Case Review Group finds the criteria for a Child Safeguarding Practice Review met, the National Panel documents report it.'}
            </p>
          )}
          {record.status === 'open' && (
            <p class="govuk-body">
              <a class="govuk-link" href={`${base}/meeting-decision`} id="meeting-decision-link">
                {decision ? "Correct the meeting's decision" : "Record the meeting's decision"}
              </a>
            </p>
          )}

          <h3 class="govuk-heading-s">For the National Panel</h3>
          {panel === 'offer' ? (
            <>
              {pair(
                'national-panel-summary',
                `${base}/documents/national-panel-summary.docx`,
                'Combined Summary for the National Panel',
              )}
              {pair(
                'national-panel-letter',
                `${base}/documents/national-panel-letter.docx`,
                'Covering letter to the National Panel',
              )}
            </>
          ) : panel === 'needs-decision' ? (
            <p class="govuk-body">Record the meeting's decision to make the Combined Summary and covering letter.</p>
          ) : panel === 'not-reported' ? (
            <p class="govuk-body" id="not-reported">
              Nothing goes to the National Panel: after an agency referral it is sent the Combined Summary and covering
              letter only when the Case Review Group finds the criteria for a Child Safeguarding Practice Review met
              (§4.1.7).
            </p>
          ) : null}
        </>
      )}

      {agencies.length > 0 && (
        <>
          <h3 class="govuk-heading-s">Information Request Letters</h3>
          <p class="govuk-body">
            Agencies read their letter in the portal after entering their code; it is never e-mailed.
          </p>
          <ul class="govuk-list">
            {agencies.map((r) => (
              <li key={r.agencyId}>
                <button
                  type="button"
                  class="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                  disabled={busy !== undefined}
                  onClick={() =>
                    void download(`letter-${r.agencyId}`, `${base}/requests/${r.id}/letter.docx`, 'letter.docx')
                  }
                >
                  Letter to {r.agencyName}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3 class="govuk-heading-s">Case pack</h3>
      <p class="govuk-body">
        One zip of every return, the agencies' attachments and these documents, with a manifest of each file's SHA-256.
      </p>
      <Button type="button" disabled={busy !== undefined} onClick={() => void downloadPack()}>
        Download the case pack
      </Button>
      {busy && (
        <p class="govuk-body" role="status">
          Preparing the download…
        </p>
      )}
    </div>
  );
}
