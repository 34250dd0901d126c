import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { Loading, PageHeading, ProblemOnly, usePageTitle } from '../../components/page';
import { agencyApi } from '../../lib/api';
import { formatDateTime, londonToday } from '../../lib/dates';
import { errorsFromIssues } from '../../lib/issues';
import {
  draftContent,
  formFromContent,
  formFromSubmitted,
  replyPageOf,
  SECTIONS,
  startSection,
  type ReplyForm,
} from '../../lib/reply';
import { navigate } from '../../lib/router';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';
import { useResource } from '../../lib/use-resource';
import { HeaderContext } from '../header-context';
import { EDITABLE, whoOf } from '../requests-page';
import { AttachmentsCard, AttachmentsPage } from '../attachments-page';
import { KindedShell } from '../kinded/kinded-shell';
import { ReturnSummary } from '../../components/return-summary';
import { isKindedType } from '../../lib/kinded';
import { useDraft } from '../draft-save';
import { useUnsavedWork } from '../unsaved-work';
import { CheckAnswers } from './check-answers';
import { Confirmation } from './confirmation';
import { ReplyContext, type ReplyState } from './reply-context';
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
          <ReturnSummary
            returnType={detail.request.returnType}
            content={detail.submitted.content}
            analysisColumns={detail.request.analysisColumns}
          />
          <AttachmentsCard requestId={detail.request.id} />
        </>
      ) : (
        <p class="govuk-body">This request is closed. There is nothing for you to do.</p>
      )}
    </>
  );
}

/**
 * Loads one request and hands it to the pages of its kind of return: the Information Request Reply, or
 * the others (chronologies, Information Report, Factual Summary), each of which may be a nil return.
 */
export function ReplyShell(props: { requestId: string; step: string; item?: string | undefined; search: string }) {
  const { requestId } = props;
  const setWho = useContext(HeaderContext);
  const { data, error } = useResource(() => load(requestId), [requestId]);
  useEffect(() => {
    if (data) setWho(whoOf(data.overview));
  }, [data]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading what="request" />;
  const { overview, detail } = data;
  if (props.step === 'confirmation') return <Confirmation overview={overview} detail={detail} />;
  if (!EDITABLE.includes(detail.request.status)) return <SubmittedView detail={detail} overview={overview} />;
  if (isKindedType(detail.request.returnType))
    return <KindedShell {...props} type={detail.request.returnType} overview={overview} detail={detail} />;
  return <IrrShell {...props} overview={overview} detail={detail} />;
}

/**
 * Holds one reply while the lead moves between its pages, so nothing typed is lost between pages;
 * every save goes to the API as a draft (nothing is kept in the browser's storage).
 */
function IrrShell(props: {
  requestId: string;
  step: string;
  search: string;
  overview: AgencyOverview;
  detail: AgencyRequestDetail;
}) {
  const { requestId, step, search, overview, detail } = props;
  const [form, setForm] = useState<ReplyForm>(() =>
    // Asked for more, the lead starts from what they sent, declaring it afresh; otherwise from the saved draft.
    detail.draft?.content != null
      ? formFromContent(detail.draft.content)
      : formFromSubmitted(detail.submitted?.content ?? {}),
  );
  // The API names fields by their place in the return's content; the form's ids leave out `content.`.
  const draft = useDraft(requestId, detail, (issues) =>
    errorsFromIssues(issues.map((i) => ({ ...i, path: i.path.replace(/^content\./, '') }))),
  );

  useEffect(() => {
    if (step) return;
    const reopened = detail.request.status === 'more-info-requested';
    navigate(`/respond/requests/${requestId}/${startSection(form, londonToday(), reopened)}`, { replace: true });
  }, [step]);

  // What the draft on the server holds, as this page last knew it: anything else was typed since.
  const savedForm = useRef(form);
  const save = async (current: ReplyForm) => {
    const result = await draft.save(draftContent(current));
    if (result.ok) savedForm.current = current;
    return result;
  };
  useUnsavedWork(async () => (form === savedForm.current ? 'nothing' : (await save(form)).ok ? 'saved' : 'failed'));

  const restart = async () => {
    const next = formFromSubmitted(detail.submitted?.content ?? {});
    setForm(next);
    await save(next);
  };

  const base = `/respond/requests/${requestId}`;
  const state: ReplyState = {
    requestId,
    overview,
    detail,
    form,
    setForm,
    savedAt: draft.savedAt,
    save,
    restart,
    base,
  };
  const section = SECTIONS.find((s) => s.slug === step);
  let page;
  if (!step) page = <Loading what="request" />;
  else if (step === 'check') page = <CheckAnswers />;
  else if (step === 'attachments')
    page = (
      <AttachmentsPage
        requestId={requestId}
        returnLabel={detail.request.returnLabel}
        caption={`${detail.request.returnLabel}, case ${overview.case.reference}`}
        back={`${base}/declaration`}
        next={`${base}/check`}
        progress={replyPageOf(form.involvement, 'attachments')}
      />
    );
  else if (section)
    page = <SectionPage slug={section.slug} fromCheck={new URLSearchParams(search).get('from') === 'check'} />;
  else page = <ProblemOnly error={{ status: 404 }} />;
  return <ReplyContext.Provider value={state}>{page}</ReplyContext.Provider>;
}
