import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { Button, Radios, TextArea, TextInput } from '../../components/fields';
import { FuzzyDateInput } from '../../components/fuzzy-date-input';
import { DeclarationFields } from '../../components/declaration-fields';
import { errorFor, type FieldError } from '../../lib/issues';
import { emptyPractitioner, type PractitionerRow } from '../../lib/practitioners';
import { declarationOf, emptyFamily, emptyKeyEvent, type ReplyForm, type SectionSlug } from '../../lib/reply';

/**
 * The questions of each page of the Information Request Reply. Hints quote the practice guidance
 * briefly, so the lead knows why each question is asked.
 */
interface Props {
  slug: SectionSlug;
  form: ReplyForm;
  update: (change: Partial<ReplyForm>) => void;
  errors: FieldError[];
}

export const focusLater = (id: string) => setTimeout(() => document.getElementById(id)?.focus());

/** "Add another" rows: each with its own heading and a Remove button that says what it removes. */
export function Rows<T>(props: {
  rows: T[];
  noun: string;
  idPrefix: string;
  firstField: string;
  empty: () => T;
  onChange: (rows: T[]) => void;
  render: (row: T, index: number, set: (change: Partial<T>) => void) => ComponentChildren;
}) {
  const { rows, noun, idPrefix, firstField, empty, onChange, render } = props;
  // The rows as last changed here: two fields typed into before a render both keep what was typed.
  const latest = useRef(rows);
  latest.current = rows;
  const change = (next: T[]) => {
    latest.current = next;
    onChange(next);
  };
  return (
    <>
      {rows.map((row, i) => (
        <div class="app-row" key={i}>
          <h3 class="govuk-heading-s">
            {noun.charAt(0).toUpperCase() + noun.slice(1)} {i + 1}
          </h3>
          {render(row, i, (fields) => change(latest.current.map((r, j) => (j === i ? { ...r, ...fields } : r))))}
          <Button
            type="button"
            secondary
            onClick={() => {
              change(latest.current.filter((_, j) => j !== i));
              focusLater(`${idPrefix}-add`);
            }}
          >
            Remove
            <span class="govuk-visually-hidden">
              {' '}
              {noun} {i + 1}
            </span>
          </Button>
        </div>
      ))}
      <Button
        type="button"
        secondary
        id={`${idPrefix}-add`}
        onClick={() => {
          change([...latest.current, empty()]);
          focusLater(`${idPrefix}-${rows.length}-${firstField}`);
        }}
      >
        {rows.length ? `Add another ${noun}` : `Add ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`}
      </Button>
    </>
  );
}

/** Practitioners and their line managers (§8.10.1), on the reply's people page and a return's own page. */
export function PractitionerFields(props: {
  rows: PractitionerRow[];
  errors: FieldError[];
  onChange: (rows: PractitionerRow[]) => void;
}) {
  const err = (id: string) => errorFor(props.errors, id);
  return (
    <Rows
      rows={props.rows}
      noun="practitioner"
      idPrefix="practitioners"
      firstField="name"
      empty={emptyPractitioner}
      onChange={props.onChange}
      render={(row, i, set) => (
        <>
          <TextInput
            id={`practitioners-${i}-name`}
            label="Name"
            error={err(`practitioners-${i}-name`)}
            value={row.name}
            onInput={(name) => set({ name })}
          />
          <TextInput
            id={`practitioners-${i}-role`}
            label="Role"
            error={err(`practitioners-${i}-role`)}
            value={row.role}
            onInput={(role) => set({ role })}
          />
          <TextInput
            id={`practitioners-${i}-team`}
            label="Team (optional)"
            error={err(`practitioners-${i}-team`)}
            value={row.team}
            onInput={(team) => set({ team })}
          />
          <TextInput
            id={`practitioners-${i}-lineManager-name`}
            label="Their line manager's name (optional)"
            error={err(`practitioners-${i}-lineManager-name`)}
            value={row.managerName}
            onInput={(managerName) => set({ managerName })}
          />
          <TextInput
            id={`practitioners-${i}-lineManager-role`}
            label="Their line manager's role (optional)"
            error={err(`practitioners-${i}-lineManager-role`)}
            value={row.managerRole}
            onInput={(managerRole) => set({ managerRole })}
          />
        </>
      )}
    />
  );
}

export function SectionFields({ slug, form, update, errors }: Props) {
  const err = (id: string) => errorFor(errors, id);
  switch (slug) {
    case 'involvement':
      return (
        <Radios
          id="involvement"
          legend="Does your agency hold records of the child or their family?"
          legendClass="govuk-fieldset__legend--m"
          hint="Search your records for the child and the family members shown on your requests page."
          error={err('involvement')}
          value={form.involvement}
          onChange={(value) => update({ involvement: value as ReplyForm['involvement'] })}
          choices={[
            {
              value: 'involved',
              label: 'Yes, we hold records',
              hint: 'You will be asked about your involvement, key events, any safety concern and learning.',
            },
            {
              value: 'no-records',
              label: 'No, we hold no records (nil return)',
              hint: 'A nil return is a real and common answer. Once it is submitted there is nothing more to send, unless the business office asks.',
              conditional: (
                <TextArea
                  id="notes"
                  label="Notes (optional)"
                  hint="For example, which systems you searched and for which names."
                  error={err('notes')}
                  value={form.notes}
                  onInput={(notes) => update({ notes })}
                  maxLength={2000}
                />
              ),
            },
          ]}
        />
      );
    case 'period':
      return (
        <>
          <FuzzyDateInput
            id="periodFrom"
            label="When did your agency first have contact with the child or family?"
            labelClass="govuk-label--m"
            hint='For example, 27/03/2023, March 2023 or 2023. If you are not sure, give your best estimate with "about", like about March 2023.'
            error={err('periodFrom')}
            value={form.periodFrom}
            onInput={(periodFrom) => update({ periodFrom })}
          />
          <FuzzyDateInput
            id="periodTo"
            label="When was your agency's most recent contact?"
            labelClass="govuk-label--m"
            hint='For example, 31/10/2026 or October 2026. Add "about" if you are not sure.'
            error={err('periodTo')}
            value={form.periodTo}
            onInput={(periodTo) => update({ periodTo })}
          />
          <TextArea
            id="services"
            label="Which of your agency's services were involved?"
            labelClass="govuk-label--m"
            hint="Put each service on its own line, for example Health visiting, School nursing, Emergency department."
            error={err('services')}
            value={form.services}
            onInput={(services) => update({ services })}
            rows={4}
          />
        </>
      );
    case 'key-events':
      return (
        <>
          <p class="govuk-body">
            List the significant events your agency recorded, such as incidents, referrals, assessments, meetings and
            missed appointments (§4.3). Keep to what your records say: the review will ask for a full chronology later
            if it needs one.
          </p>
          <p class="govuk-body">If you have no key events to list, continue without adding any.</p>
          <Rows
            rows={form.keyEvents}
            noun="key event"
            idPrefix="keyEvents"
            firstField="date"
            empty={emptyKeyEvent}
            onChange={(keyEvents) => update({ keyEvents })}
            render={(event, i, set) => (
              <>
                <FuzzyDateInput
                  id={`keyEvents-${i}-date`}
                  label="Date"
                  labelClass="govuk-label--s"
                  error={err(`keyEvents-${i}-date`)}
                  value={event.dateText}
                  onInput={(dateText) => set({ dateText })}
                />
                <TextArea
                  id={`keyEvents-${i}-description`}
                  label="What happened, and what your agency did"
                  hint="Say where a statement is professional opinion rather than fact (§2.1.6)."
                  error={err(`keyEvents-${i}-description`)}
                  value={event.description}
                  onInput={(description) => set({ description })}
                  rows={4}
                  maxLength={4000}
                />
              </>
            )}
          />
        </>
      );
    case 'safety':
      return (
        <>
          <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong class="govuk-warning-text__text">
              <span class="govuk-visually-hidden">Warning</span>
              If a child is in immediate danger, call 999 or make a referral to children's social care now. Do not wait
              to submit this return.
            </strong>
          </div>
          <Radios
            id="immediateSafetyConcern-raised"
            legend="Do you have an immediate safety concern for the child or anyone else?"
            legendClass="govuk-fieldset__legend--m"
            hint="For example siblings, other children in the household, or adults (§4.2.1). Raising a concern alerts the business office as soon as you submit."
            error={err('immediateSafetyConcern-raised')}
            value={form.safetyRaised}
            onChange={(value) => update({ safetyRaised: value as ReplyForm['safetyRaised'] })}
            choices={[
              {
                value: 'yes',
                label: 'Yes',
                conditional: (
                  <TextArea
                    id="immediateSafetyConcern-details"
                    label="Describe the concern and what has been done about it"
                    error={err('immediateSafetyConcern-details')}
                    value={form.safetyDetails}
                    onInput={(safetyDetails) => update({ safetyDetails })}
                    maxLength={4000}
                  />
                ),
              },
              { value: 'no', label: 'No' },
            ]}
          />
        </>
      );
    case 'people':
      return (
        <>
          <h2 class="govuk-heading-m">Family members known to your agency</h2>
          <p class="govuk-body">
            Include anyone significant to the child your agency knew of, including people not listed on your requests
            page.
          </p>
          <Rows
            rows={form.family}
            noun="family member"
            idPrefix="familyMembersKnown"
            firstField="name"
            empty={emptyFamily}
            onChange={(family) => update({ family })}
            render={(row, i, set) => (
              <>
                <TextInput
                  id={`familyMembersKnown-${i}-name`}
                  label="Name"
                  error={err(`familyMembersKnown-${i}-name`)}
                  value={row.name}
                  onInput={(name) => set({ name })}
                />
                <TextInput
                  id={`familyMembersKnown-${i}-relationship`}
                  label="Relationship to the child"
                  width="govuk-input--width-20"
                  error={err(`familyMembersKnown-${i}-relationship`)}
                  value={row.relationship}
                  onInput={(relationship) => set({ relationship })}
                />
                <TextArea
                  id={`familyMembersKnown-${i}-notes`}
                  label="Notes (optional)"
                  rows={2}
                  error={err(`familyMembersKnown-${i}-notes`)}
                  value={row.notes}
                  onInput={(notes) => set({ notes })}
                />
              </>
            )}
          />
          <h2 class="govuk-heading-m govuk-!-margin-top-6">Practitioners involved</h2>
          <p class="govuk-body">
            The practitioners who worked with the child or family, and their line managers. They may be invited to a
            learning workshop later (§8.10.1).
          </p>
          <PractitionerFields
            rows={form.practitioners}
            errors={errors}
            onChange={(practitioners) => update({ practitioners })}
          />
        </>
      );
    case 'records':
      return (
        <>
          <Radios
            id="recordsSecured-status"
            legend="Have your agency's records of the child and family been secured?"
            legendClass="govuk-fieldset__legend--m"
            hint="Records should be secured so that they cannot be changed or deleted while the review takes place (§4.3.5)."
            error={err('recordsSecured-status')}
            value={form.recordsStatus}
            onChange={(value) => update({ recordsStatus: value as ReplyForm['recordsStatus'] })}
            choices={[
              { value: 'secured', label: 'Yes, they have been secured' },
              { value: 'not-yet-secured', label: 'Not yet' },
              { value: 'not-required', label: 'Not required' },
            ]}
          />
          <TextArea
            id="recordsSecured-details"
            label="Details about the records (optional)"
            hint="For example, who holds them and how access is restricted, or when they will be secured."
            error={err('recordsSecured-details')}
            value={form.recordsDetails}
            onInput={(recordsDetails) => update({ recordsDetails })}
            rows={3}
          />
          <Radios
            id="informationSharing-basis"
            legend="Are you sharing this information with consent?"
            legendClass="govuk-fieldset__legend--m"
            hint="Sharing without consent is lawful when it is necessary to safeguard a child; record the decision and why (§2.1.3, §2.1.6)."
            error={err('informationSharing-basis')}
            value={form.sharingBasis}
            onChange={(value) => update({ sharingBasis: value as ReplyForm['sharingBasis'] })}
            choices={[
              { value: 'consent', label: 'Yes, with consent' },
              { value: 'without-consent', label: 'No, without consent' },
            ]}
          />
          <TextArea
            id="informationSharing-reason"
            label="Why did you decide this?"
            labelClass="govuk-label--s"
            error={err('informationSharing-reason')}
            value={form.sharingReason}
            onInput={(sharingReason) => update({ sharingReason })}
            rows={3}
            maxLength={2000}
          />
        </>
      );
    case 'learning':
      return (
        <TextArea
          id="earlyLearning"
          label="What learning has your agency identified so far?"
          labelClass="govuk-label--m"
          hint={`About your own agency's practice and about working with other agencies. If none yet, write "None identified yet".`}
          error={err('earlyLearning')}
          value={form.earlyLearning}
          onInput={(earlyLearning) => update({ earlyLearning })}
          rows={8}
          maxLength={10000}
        />
      );
    case 'declaration':
      // The reply keeps the declaration flat in its form; the shared fields read and write it here.
      return (
        <DeclarationFields
          value={declarationOf(form)}
          onChange={(d) =>
            update({
              declarationName: d.name,
              declarationRole: d.role,
              declarationDate: d.date,
              factsFromOpinion: d.factsFromOpinion,
              conflict: d.conflict,
              conflictDetails: d.conflictDetails,
            })
          }
          errors={errors}
        />
      );
  }
}
