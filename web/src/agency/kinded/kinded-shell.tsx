import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button } from '../../components/fields';
import { KindedSummary } from '../../components/kinded-summary';
import { Loading, PageHeading, ProblemOnly, usePageTitle } from '../../components/page';
import { agencyApi } from '../../lib/api';
import { londonToday } from '../../lib/dates';
import type { FieldError } from '../../lib/issues';
import {
  buildKinded,
  checkKindedAll,
  checkKindedSection,
  KINDED_TITLES,
  kindedDraft,
  kindedErrorsFromIssues,
  kindedFormOf,
  kindedFromSubmitted,
  kindedPageOf,
  kindedSections,
  nextKindedSection,
  pageOfPath,
  startKindedSection,
  type KindedForm,
  type KindedSlug,
  type KindedType,
} from '../../lib/kinded';
import { prefilledDeclaration } from '../../lib/declaration';
import { navigate } from '../../lib/router';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';
import { AttachmentsCard, AttachmentsPage } from '../attachments-page';
import { MoreInfoBanner } from '../more-info';
import { useSubmitReturn } from '../submit-return';
import { ImportPage } from './import-page';
import { KindedContext, useKinded, type KindedState } from './kinded-context';
import { KindedFields } from './kinded-fields';
import { useDraft } from '../draft-save';
import { useUnsavedWork } from '../unsaved-work';
import { SaveStatus, usePageSave } from '../page-save';
import { usePageOf } from './kinded-parts';
import { RowForm, RowsPage } from './rows';

/**
 * Holds a chronology, organisational chronology, Information Report or Factual Summary (or a nil return)
 * while the lead moves between its pages; every save goes to the API as a draft, nothing to storage.
 */
export function KindedShell(props: {
  requestId: string;
  step: string;
  item?: string | undefined;
  search: string;
  type: KindedType;
  overview: AgencyOverview;
  detail: AgencyRequestDetail;
}) {
  const { requestId, step, item, search, type, overview, detail } = props;
  const [form, setForm] = useState<KindedForm>(() => kindedFormOf(type, detail));
  const draft = useDraft(requestId, detail, kindedErrorsFromIssues);
  const base = `/respond/requests/${requestId}`;
  // The request bounds the declaration's date as the API does (not before the previous version).
  const options = () => ({
    today: londonToday(),
    analysisColumns: detail.request.analysisColumns === true,
    request: detail.request,
  });

  useEffect(() => {
    if (step) return;
    const reopened = detail.request.status === 'more-info-requested';
    navigate(`${base}/${startKindedSection(form, options(), reopened)}`, { replace: true });
  }, [step]);

  // What the draft on the server holds, as this page last knew it: anything else was typed since.
  const savedForm = useRef(form);
  const save = async (current: KindedForm) => {
    const result = await draft.save(kindedDraft(current));
    if (result.ok) savedForm.current = current;
    return result;
  };
  useUnsavedWork(async () => (form === savedForm.current ? 'nothing' : (await save(form)).ok ? 'saved' : 'failed'));

  const reload = async () => {
    const fresh = await agencyApi.get<AgencyRequestDetail>(`/agency/requests/${requestId}`);
    const next = kindedFormOf(type, fresh);
    savedForm.current = next;
    setForm(next);
    draft.reset(fresh);
  };

  const restart = async () => {
    const next = kindedFromSubmitted(type, detail.submitted?.content ?? {});
    setForm(next);
    await save(next);
  };

  const state: KindedState = {
    requestId,
    overview,
    detail,
    form,
    setForm,
    savedAt: draft.savedAt,
    save,
    reload,
    restart,
    base,
    options,
    caption: `${detail.request.returnLabel}, case ${overview.case.reference}`,
  };
  const fromCheck = new URLSearchParams(search).get('from') === 'check';
  let page;
  if (!step) page = <Loading what="request" />;
  else if (step === 'check') page = <KindedCheck />;
  else if (step === 'import' && type === 'chronology') page = <ImportPage />;
  else if (step === 'rows' && type === 'chronology' && item) page = <RowForm rowId={item} fromCheck={fromCheck} />;
  else if (step === 'rows' && type === 'chronology') page = <RowsPage fromCheck={fromCheck} />;
  else if (step === 'attachments')
    page = (
      <AttachmentsPage
        requestId={requestId}
        returnLabel={detail.request.returnLabel}
        caption={state.caption}
        back={`${base}/declaration`}
        next={`${base}/check`}
        progress={kindedPageOf(form, 'attachments')}
      />
    );
  else if (step in KINDED_TITLES && !item) page = <KindedSectionPage slug={step as KindedSlug} fromCheck={fromCheck} />;
  else page = <ProblemOnly error={{ status: 404 }} />;
  return <KindedContext.Provider value={state}>{page}</KindedContext.Provider>;
}

/**
 * One page of the return. "Save and continue" checks this page's answers, saves the draft and moves on;
 * "Save and come back later" saves whatever is there.
 */
function KindedSectionPage({ slug, fromCheck }: { slug: KindedSlug; fromCheck: boolean }) {
  const k = useKinded();
  const { form, setForm, base, detail } = k;
  const { errors, busy, status, setStatus, ...saving } = usePageSave(() =>
    fromCheck ? checkKindedSection(form, slug, k.options()) : [],
  );
  const order = kindedSections(form);
  const position = order.indexOf(slug);
  const title = KINDED_TITLES[slug];
  const progress = kindedPageOf(form, slug);
  const pageOf = usePageOf(slug);
  usePageTitle(`${title} – ${detail.request.returnLabel}`, errors.length > 0);

  // Merged into the latest form, not this render's: another field's input may not have rendered yet.
  const update = (change: Partial<KindedForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setStatus(undefined);
  };

  // The declaration comes filled with who declared this agency's last return in the case, and today.
  useEffect(() => {
    if (slug !== 'declaration') return;
    const declaration = prefilledDeclaration(form.declaration, detail.declarationDefaults, londonToday());
    if (declaration !== form.declaration) setForm({ ...form, declaration });
  }, [slug]);

  const saveAndContinue = (event: Event) => {
    event.preventDefault();
    void saving.saveAndContinue(
      checkKindedSection(form, slug, k.options()),
      () => k.save(form),
      () => {
        const next = nextKindedSection(form, slug);
        navigate(fromCheck && next !== 'attachments' && slug !== 'records' ? `${base}/check` : `${base}/${next}`);
      },
    );
  };
  const saveForLater = () =>
    saving.saveForLater(
      () => k.save(form),
      undefined,
      (problem) => pageOfPath(form, problem.path) === slug,
    );

  const previous = position > 0 ? `${base}/${order[position - 1]}` : '/respond/requests';
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={fromCheck ? `${base}/check` : previous}>
          Back
        </a>
        <ErrorSummary errors={errors} pageOf={pageOf} />
        <MoreInfoBanner detail={detail} onRestart={() => void k.restart()} />
        <PageHeading caption={k.caption}>{title}</PageHeading>
        {progress && <p class="govuk-body-s">{progress}</p>}
        <form noValidate onSubmit={saveAndContinue}>
          <KindedFields slug={slug} form={form} update={update} errors={errors} keyThemes={detail.request.keyThemes} />
          <div class="govuk-button-group">
            <Button disabled={busy}>Save and continue</Button>
            <Button type="button" secondary onClick={() => void saveForLater()}>
              Save and come back later
            </Button>
          </div>
        </form>
        <SaveStatus status={status} savedAt={k.savedAt} />
      </div>
    </div>
  );
}

/**
 * Check your answers, then submit. useSubmitReturn makes one submission id per content, so a double click
 * or a retry after a lost answer is the same submission, never a second one.
 */
function KindedCheck() {
  const k = useKinded();
  const { form, base, overview, detail } = k;
  const { busy, serverErrors, submit: send } = useSubmitReturn(k.requestId, base, kindedErrorsFromIssues);
  const missing = useMemo(() => checkKindedAll(form, k.options()), [form]);
  const errors = serverErrors.length ? serverErrors : missing;
  const pageOf = usePageOf('check');
  const progress = kindedPageOf(form, 'check');
  usePageTitle(`Check your answers – ${detail.request.returnLabel}`, errors.length > 0);

  const submit = (event: Event) => {
    event.preventDefault();
    const built = buildKinded(form, k.options());
    if (built.content) void send(built.content);
  };

  const pageOfAll = (error: FieldError) => (error.path === 'attachments' ? `${base}/attachments` : pageOf(error));
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-full">
        <a class="govuk-back-link" href={`${base}/attachments`}>
          Back
        </a>
        <div class="app-readable">
          <ErrorSummary errors={errors} pageOf={pageOfAll} />
          <MoreInfoBanner detail={detail} />
        </div>
        <PageHeading caption={k.caption}>Check your answers before submitting</PageHeading>
        {progress && <p class="govuk-body-s">{progress}</p>}
        <KindedSummary
          form={form}
          analysisColumns={detail.request.analysisColumns}
          changeHref={(slug) => `${base}/${slug}${slug === 'rows' ? '' : '?from=check'}`}
        />
        <AttachmentsCard requestId={k.requestId} changeHref={`${base}/attachments`} />
        {missing.length === 0 && (
          <form noValidate onSubmit={submit} class="app-readable">
            <h2 class="govuk-heading-m">Now submit your return</h2>
            <p class="govuk-body">
              By submitting you confirm that, to the best of your knowledge, the information is correct and that you are
              authorised to share it for this review. {overview.partnership.officeName} will see it at once.
            </p>
            <Button id="submit" disabled={busy}>
              {form.records === 'no' ? 'Submit nil return' : 'Submit return'}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
