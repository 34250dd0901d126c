import { useEffect } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button } from '../../components/fields';
import { PageHeading, usePageTitle } from '../../components/page';
import { londonToday } from '../../lib/dates';
import { prefilledDeclaration } from '../../lib/declaration';
import {
  checkSection,
  declarationOf,
  nextSection,
  replyPageOf,
  sectionOfPath,
  sectionsFor,
  sectionTitle,
  type ReplyForm,
  type SectionSlug,
} from '../../lib/reply';
import { navigate } from '../../lib/router';
import { MoreInfoBanner } from '../more-info';
import { SaveStatus, usePageSave } from '../page-save';
import { useReply } from './reply-context';
import { SectionFields } from './section-fields';

/**
 * One page of the reply. "Save and continue" checks this page's answers, saves the draft and moves
 * on; "Save and come back later" saves whatever is there. The saved time is announced politely.
 */
export function SectionPage({ slug, fromCheck }: { slug: SectionSlug; fromCheck: boolean }) {
  const reply = useReply();
  const { form, setForm, base, overview, detail } = reply;
  // Sent here from "check your answers" to fix something: show what is missing straight away.
  const { errors, status, setStatus, ...saving } = usePageSave(() =>
    fromCheck ? checkSection(form, slug, londonToday()) : [],
  );
  const order = sectionsFor(form.involvement);
  const position = order.indexOf(slug);
  const title = sectionTitle(slug);
  const progress = replyPageOf(form.involvement, slug);
  usePageTitle(`${title} – ${detail.request.returnLabel}`, errors.length > 0);

  // Merged into the latest form, not this render's: another field's input may not have rendered yet.
  const update = (change: Partial<ReplyForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setStatus(undefined);
  };

  // The declaration comes filled with who declared this agency's last return in the case, and today.
  useEffect(() => {
    if (slug !== 'declaration') return;
    const current = declarationOf(form);
    const filled = prefilledDeclaration(current, detail.declarationDefaults, londonToday());
    if (filled !== current)
      setForm({ ...form, declarationName: filled.name, declarationRole: filled.role, declarationDate: filled.date });
  }, [slug]);

  const saveAndContinue = (event: Event) => {
    event.preventDefault();
    void saving.saveAndContinue(
      checkSection(form, slug, londonToday()),
      () => reply.save(form),
      () => {
        const next = nextSection(form, slug);
        // After the last question: the documents, then check your answers.
        navigate(fromCheck ? `${base}/check` : next === 'check' ? `${base}/attachments` : `${base}/${next}`);
      },
    );
  };
  const saveForLater = () =>
    saving.saveForLater(
      () => reply.save(form),
      undefined,
      (problem) => sectionOfPath(problem.path) === slug,
    );

  const previous = position > 0 ? `${base}/${order[position - 1]}` : '/respond/requests';
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={fromCheck ? `${base}/check` : previous}>
          Back
        </a>
        <ErrorSummary errors={errors} />
        <MoreInfoBanner detail={detail} onRestart={() => void reply.restart()} />
        <PageHeading caption={`${detail.request.returnLabel}, case ${overview.case.reference}`}>{title}</PageHeading>
        {progress && <p class="govuk-body-s">{progress}</p>}
        <form noValidate onSubmit={saveAndContinue}>
          <SectionFields slug={slug} form={form} update={update} errors={errors} />
          <div class="govuk-button-group">
            <Button>Save and continue</Button>
            <Button type="button" secondary onClick={() => void saveForLater()}>
              Save and come back later
            </Button>
          </div>
        </form>
        <SaveStatus status={status} savedAt={reply.savedAt} />
      </div>
    </div>
  );
}
