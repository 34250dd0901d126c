import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Loading, PageHeading, ProblemOnly, usePageTitle } from '../../components/page';
import { ReplySummary } from '../../components/reply-summary';
import { agencyApi, ApiError } from '../../lib/api';
import { formatDateTime, londonToday } from '../../lib/dates';
import { errorsFromIssues } from '../../lib/issues';
import { checkSection, draftContent, formFromContent, SECTIONS, sectionsFor, type ReplyForm } from '../../lib/reply';
import { navigate } from '../../lib/router';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { HeaderContext } from '../header-context';
import { EDITABLE, ONLINE_TYPES, whoOf } from '../requests-page';
import { CheckAnswers } from './check-answers';
import { Confirmation } from './confirmation';
import { ReplyContext, type ReplyState, type SaveResult } from './reply-context';
import { SectionPage } from './section-page';

async function load(requestId: string) {
  const [overview, detail] = await Promise.all([
    agencyApi.get<AgencyOverview>('/agency/requests'),
    agencyApi.get<AgencyRequestDetail>(`/agency/requests/${requestId}`),
  ]);
  return { overview, detail };
}

function SubmittedView({ detail, overview }: { detail: AgencyRequestDetail; overview: AgencyOverview }) {
  usePageTitle(`${detail.request.returnLabel}: submitted`);
  return (
    <>
      <a class="govuk-back-link" href="/respond/requests">
        Back to your requests
      </a>
      <PageHeading caption={`Case ${overview.case.reference}`}>{detail.request.returnLabel}</PageHeading>
      {detail.submitted ? (
        <>
          <p class="govuk-body">
            Submitted {formatDateTime(detail.submitted.submittedAt)} (version {detail.submitted.version}). To change it,
            ask {overview.partnership.officeName} at {overview.partnership.officeEmail}.
          </p>
          <ReplySummary content={detail.submitted.content} />
        </>
      ) : (
        <p class="govuk-body">This request is closed. There is nothing for you to do.</p>
      )}
    </>
  );
}

function NotOnline({ detail, overview }: { detail: AgencyRequestDetail; overview: AgencyOverview }) {
  usePageTitle(detail.request.returnLabel);
  return (
    <>
      <a class="govuk-back-link" href="/respond/requests">
        Back to your requests
      </a>
      <PageHeading caption={`Case ${overview.case.reference}`}>{detail.request.returnLabel}</PageHeading>
      <p class="govuk-body">
        This return cannot be completed online yet. Contact {overview.partnership.officeName} at{' '}
        {overview.partnership.officeEmail} to agree how to send it securely.
      </p>
    </>
  );
}

/**
 * Holds one reply while the lead moves between its pages, so nothing typed is lost between pages;
 * every save goes to the API as a draft (nothing is kept in the browser's storage).
 */
export function ReplyShell({ requestId, step, search }: { requestId: string; step: string; search: string }) {
  const setWho = useContext(HeaderContext);
  const { data, error } = useResource(() => load(requestId), [requestId]);
  const [form, setForm] = useState<ReplyForm>();
  const [savedAt, setSavedAt] = useState<string>();
  const version = useRef(0);

  useEffect(() => {
    if (!data) return;
    setWho(whoOf(data.overview));
    const { draft, submitted } = data.detail;
    // Asked for more, the lead starts from what they sent; otherwise from the saved draft.
    setForm(formFromContent(draft?.content ?? submitted?.content ?? {}));
    version.current = draft?.version ?? 0;
    setSavedAt(draft?.savedAt);
  }, [data]);

  const editable = data ? EDITABLE.includes(data.detail.request.status) : false;
  useEffect(() => {
    if (!data || !form || step || !editable || !ONLINE_TYPES.includes(data.detail.request.returnType)) return;
    // "Start" or "Continue": the first page with something left to answer.
    const today = londonToday();
    const first = sectionsFor(form.involvement).find((slug) => checkSection(form, slug, today).length);
    navigate(`/respond/requests/${requestId}/${first ?? 'check'}`, { replace: true });
  }, [data, form, step]);

  if (error) return <ProblemOnly error={error} />;
  if (!data || !form) return <Loading what="request" />;
  const { overview, detail } = data;
  if (step === 'confirmation') return <Confirmation overview={overview} detail={detail} />;
  if (!ONLINE_TYPES.includes(detail.request.returnType)) return <NotOnline detail={detail} overview={overview} />;
  if (!editable) return <SubmittedView detail={detail} overview={overview} />;

  const save = async (current: ReplyForm): Promise<SaveResult> => {
    const { content, errors } = draftContent(current);
    if (errors.length) return { ok: false, errors };
    try {
      const saved = await agencyApi.put<{ version: number; savedAt: string }>(`/agency/requests/${requestId}/draft`, {
        content,
        expectedVersion: version.current,
      });
      version.current = saved.version;
      setSavedAt(saved.savedAt);
      return { ok: true, savedAt: saved.savedAt };
    } catch (failure) {
      if (failure instanceof ApiError && failure.issues.length)
        return {
          ok: false,
          errors: errorsFromIssues(failure.issues.map((i) => ({ ...i, path: i.path.replace(/^content\./, '') }))),
        };
      const message =
        failure instanceof ApiError && failure.code === 'stale-draft'
          ? 'This draft was changed in another window since you opened it. Reload the page to see the latest version, then make your changes again.'
          : failure instanceof ApiError
            ? failure.message
            : 'Your answers were not saved. Try again.';
      return { ok: false, errors: [{ path: '', fieldId: 'main-content', message }] };
    }
  };

  const state: ReplyState = {
    requestId,
    overview,
    detail,
    form,
    setForm,
    savedAt,
    save,
    base: `/respond/requests/${requestId}`,
  };
  const section = SECTIONS.find((s) => s.slug === step);
  let page;
  if (!step) page = <Loading what="request" />;
  else if (step === 'check') page = <CheckAnswers />;
  else if (section)
    page = <SectionPage slug={section.slug} fromCheck={new URLSearchParams(search).get('from') === 'check'} />;
  else page = <ProblemOnly error={{ status: 404 }} />;
  return <ReplyContext.Provider value={state}>{page}</ReplyContext.Provider>;
}
