import type { ComponentChildren } from 'preact';
import { DeclarationFields } from '../../components/declaration-fields';
import { DateInput, ErrorMessage, Radios, TextArea, TextInput } from '../../components/fields';
import { FuzzyDateInput } from '../../components/fuzzy-date-input';
import { errorFor, type FieldError } from '../../lib/issues';
import {
  ACTION_STATUS_LABELS,
  emptyAction,
  emptyContact,
  emptyOrgRow,
  emptyTheme,
  recordsQuestion,
  type KindedForm,
  type KindedSlug,
} from '../../lib/kinded';
import { returnTypeLabel } from '../../lib/labels';
import { PractitionerFields, Rows } from '../reply/section-fields';

/**
 * The questions of each page of the returns other than the Information Request Reply. Hints quote the
 * practice guidance briefly, so the lead knows why each question is asked.
 */
interface Props {
  slug: KindedSlug;
  form: KindedForm;
  update: (change: Partial<KindedForm>) => void;
  errors: FieldError[];
}

/** A list's own problem ("add at least one"), shown where the list is, linked from the summary. */
function ListError({ id, errors, children }: { id: string; errors: FieldError[]; children: ComponentChildren }) {
  const message = errorFor(errors, id);
  return (
    <div class={`govuk-form-group${message ? ' govuk-form-group--error' : ''}`} id={id} tabIndex={-1}>
      <ErrorMessage id={`${id}-error`} message={message} />
      {children}
    </div>
  );
}

export function KindedFields({ slug, form, update, errors }: Props) {
  const err = (id: string) => errorFor(errors, id);
  switch (slug) {
    case 'records': {
      // Involvement, not changes: "no" is a nil return ("no records of the child"), so "no changes" is said later.
      const question = recordsQuestion(form.type);
      return (
        <Radios
          id="kind"
          legend={question.legend}
          legendClass="govuk-fieldset__legend--m"
          hint="Search your records for the child and the family members shown on your requests page."
          error={err('kind')}
          value={form.records}
          onChange={(value) => update({ records: value as KindedForm['records'] })}
          choices={[
            {
              value: 'yes',
              label: question.yes,
              hint: question.yesHint ?? `You will be asked for your ${returnTypeLabel(form.type)}.`,
            },
            {
              value: 'no',
              label: question.no,
              hint: 'A nil return is a real and common answer. Once it is submitted there is nothing more to send, unless the business office asks.',
            },
          ]}
        />
      );
    }
    case 'nil':
      return (
        <TextArea
          id="searched"
          label="What did you search? (optional)"
          labelClass="govuk-label--m"
          hint="For example, the names, dates of birth and addresses you searched for, and in which systems."
          error={err('searched')}
          value={form.searched}
          onInput={(searched) => update({ searched })}
          maxLength={2000}
        />
      );
    case 'changes':
      return (
        <>
          <p class="govuk-body">
            List changes in your agency during the period that may have shaped frontline practice: restructures,
            staffing, caseloads, policies, systems (§8.4.1).
          </p>
          <p class="govuk-body">
            If there were no such changes, continue without adding any: your return will say there were none. This is
            not a nil return, which is only for an agency that holds no records of the child or family.
          </p>
          <Rows
            rows={form.orgRows}
            noun="change"
            idPrefix="rows"
            firstField="date"
            empty={emptyOrgRow}
            onChange={(orgRows) => update({ orgRows })}
            render={(row, i, set) => (
              <>
                <FuzzyDateInput
                  id={`rows-${i}-date`}
                  label="Date"
                  error={err(`rows-${i}-date`)}
                  value={row.dateText}
                  onInput={(dateText) => set({ dateText })}
                />
                <TextArea
                  id={`rows-${i}-change`}
                  label="What changed"
                  hint="For example, teams merged, a service was recommissioned, a new recording system."
                  error={err(`rows-${i}-change`)}
                  value={row.change}
                  onInput={(change) => set({ change })}
                  rows={3}
                  maxLength={4000}
                />
                <TextArea
                  id={`rows-${i}-impactOnPractice`}
                  label="How it may have affected practice (optional)"
                  error={err(`rows-${i}-impactOnPractice`)}
                  value={row.impact}
                  onInput={(impact) => set({ impact })}
                  rows={3}
                  maxLength={4000}
                />
                <TextInput
                  id={`rows-${i}-sourceRecord`}
                  label="Source record (optional)"
                  hint="For example, a board paper or a policy and its version."
                  error={err(`rows-${i}-sourceRecord`)}
                  value={row.sourceRecord}
                  onInput={(sourceRecord) => set({ sourceRecord })}
                />
              </>
            )}
          />
        </>
      );
    case 'involvement':
      return (
        <TextArea
          id="involvementSummary"
          label="Summarise your agency's involvement with the child and family"
          labelClass="govuk-label--m"
          hint="Who was involved, when, and what services were offered. Say where a statement is professional opinion rather than fact (§2.1.6)."
          error={err('involvementSummary')}
          value={form.involvementSummary}
          onInput={(involvementSummary) => update({ involvementSummary })}
          rows={10}
          maxLength={20000}
        />
      );
    case 'themes':
      return (
        <>
          <p class="govuk-body">
            Analyse your agency's involvement against each key theme of the review's Terms of Reference (§8.5). Add at
            least one theme.
          </p>
          <ListError id="themes" errors={errors}>
            <Rows
              rows={form.themes}
              noun="theme"
              idPrefix="themes"
              firstField="theme"
              empty={emptyTheme}
              onChange={(themes) => update({ themes })}
              render={(row, i, set) => (
                <>
                  <TextInput
                    id={`themes-${i}-theme`}
                    label="Theme"
                    hint="As the Terms of Reference name it, for example Recognition of neglect."
                    error={err(`themes-${i}-theme`)}
                    value={row.theme}
                    onInput={(theme) => set({ theme })}
                  />
                  <TextArea
                    id={`themes-${i}-analysis`}
                    label="Your analysis"
                    error={err(`themes-${i}-analysis`)}
                    value={row.analysis}
                    onInput={(analysis) => set({ analysis })}
                    rows={6}
                    maxLength={20000}
                  />
                </>
              )}
            />
          </ListError>
        </>
      );
    case 'learning':
      return (
        <>
          <TextArea
            id="learningForAgency"
            label="What is the learning for your agency?"
            labelClass="govuk-label--m"
            hint="Systems learning: what helped or hindered good practice, not only what individuals did."
            error={err('learningForAgency')}
            value={form.learningForAgency}
            onInput={(learningForAgency) => update({ learningForAgency })}
            rows={6}
            maxLength={20000}
          />
          <TextArea
            id="learningForMultiAgency"
            label="What is the learning for multi-agency working?"
            labelClass="govuk-label--m"
            error={err('learningForMultiAgency')}
            value={form.learningForMultiAgency}
            onInput={(learningForMultiAgency) => update({ learningForMultiAgency })}
            rows={6}
            maxLength={20000}
          />
        </>
      );
    case 'actions':
      return (
        <>
          <p class="govuk-body">
            Actions your agency has already taken or started because of this case. If none, continue without adding any.
          </p>
          <Rows
            rows={form.actions}
            noun="action"
            idPrefix="actionsTaken"
            firstField="action"
            empty={emptyAction}
            onChange={(actions) => update({ actions })}
            render={(row, i, set) => (
              <>
                <TextArea
                  id={`actionsTaken-${i}-action`}
                  label="Action"
                  error={err(`actionsTaken-${i}-action`)}
                  value={row.action}
                  onInput={(action) => set({ action })}
                  rows={3}
                  maxLength={4000}
                />
                <Radios
                  id={`actionsTaken-${i}-status`}
                  legend="Status"
                  error={err(`actionsTaken-${i}-status`)}
                  value={row.status}
                  onChange={(status) => set({ status: status as typeof row.status })}
                  choices={(['completed', 'in-progress', 'planned'] as const).map((value) => ({
                    value,
                    label: ACTION_STATUS_LABELS[value],
                    conditional: (
                      <DateInput
                        id={`actionsTaken-${i}-completedOn`}
                        legend={
                          value === 'completed' ? 'Date completed' : 'Date it is expected to be completed (optional)'
                        }
                        hint={
                          value === 'completed'
                            ? 'For example, 1 10 2026'
                            : 'If there is a target date. For example, 31 3 2027'
                        }
                        error={err(`actionsTaken-${i}-completedOn`)}
                        value={row.completedOn}
                        onChange={(completedOn) => set({ completedOn })}
                      />
                    ),
                  }))}
                />
              </>
            )}
          />
        </>
      );
    case 'summary':
      return (
        <>
          <TextArea
            id="summary"
            label="What contact did your agency have with the child or family?"
            labelClass="govuk-label--m"
            hint="Facts only, without analysis (§8.6)."
            error={err('summary')}
            value={form.summary}
            onInput={(summary) => update({ summary })}
            rows={8}
            maxLength={20000}
          />
          <h2 class="govuk-heading-m">Each contact</h2>
          <p class="govuk-body">In date order if you know it. If you summarised everything above, you can skip this.</p>
          <Rows
            rows={form.contacts}
            noun="contact"
            idPrefix="contacts"
            firstField="date"
            empty={emptyContact}
            onChange={(contacts) => update({ contacts })}
            render={(row, i, set) => (
              <>
                <FuzzyDateInput
                  id={`contacts-${i}-date`}
                  label="Date"
                  error={err(`contacts-${i}-date`)}
                  value={row.dateText}
                  onInput={(dateText) => set({ dateText })}
                />
                <TextArea
                  id={`contacts-${i}-description`}
                  label="What happened"
                  error={err(`contacts-${i}-description`)}
                  value={row.description}
                  onInput={(description) => set({ description })}
                  rows={3}
                  maxLength={4000}
                />
              </>
            )}
          />
        </>
      );
    case 'practitioners':
      return (
        <>
          <p class="govuk-body">
            The practitioners who worked with the child or family, and their line managers. The review may invite them
            to its learning workshop (§8.10.1).
          </p>
          <PractitionerFields
            rows={form.practitioners}
            errors={errors}
            onChange={(practitioners) => update({ practitioners })}
          />
        </>
      );
    case 'declaration':
      return (
        <DeclarationFields
          value={form.declaration}
          onChange={(declaration) => update({ declaration })}
          errors={errors}
        />
      );
    case 'rows':
    case 'attachments':
      return null;
  }
}
