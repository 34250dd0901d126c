import { errorFor, type FieldError } from '../lib/issues';
import { londonToday, partsFromIso } from '../lib/dates';
import type { DeclarationForm } from '../lib/declaration';
import { Checkbox, DateInput, Radios, TextArea, TextInput } from './fields';

/** The declaration's questions (§1.5.8), with the ids the API's `declaration.*` issues map to. */
export function DeclarationFields(props: {
  value: DeclarationForm;
  onChange: (value: DeclarationForm) => void;
  errors: readonly FieldError[];
}) {
  const { value, onChange, errors } = props;
  const set = (change: Partial<DeclarationForm>) => onChange({ ...value, ...change });
  const err = (id: string) => errorFor(errors, id);
  // The example is today's date, as the fields take it: a fixed example would one day lie in the future.
  const today = partsFromIso(londonToday());
  return (
    <>
      <p class="govuk-body">Every return carries a declaration by the person who completed it (§1.5.8).</p>
      <TextInput
        id="declaration-name"
        label="Your full name"
        autocomplete="name"
        spellcheck={false}
        error={err('declaration-name')}
        value={value.name}
        onInput={(name) => set({ name })}
      />
      <TextInput
        id="declaration-role"
        label="Your role"
        autocomplete="organization-title"
        error={err('declaration-role')}
        value={value.role}
        onInput={(role) => set({ role })}
      />
      <DateInput
        id="declaration-date"
        legend="Date"
        hint={`Usually today. For example, ${Number(today.day)} ${Number(today.month)} ${today.year}`}
        error={err('declaration-date')}
        value={value.date}
        onChange={(date) => set({ date })}
      />
      <Checkbox
        id="declaration-factsDistinguishedFromOpinion"
        label="I confirm this return distinguishes facts from professional opinion"
        hint="The guidance asks every agency to make clear which is which (§2.1.6)."
        error={err('declaration-factsDistinguishedFromOpinion')}
        checked={value.factsFromOpinion}
        onChange={(factsFromOpinion) => set({ factsFromOpinion })}
      />
      <Radios
        id="declaration-conflictOfInterest-declared"
        legend="Do you have a conflict of interest?"
        legendClass="govuk-fieldset__legend--s"
        hint="For example, you worked with the family yourself, or you manage a practitioner who did."
        error={err('declaration-conflictOfInterest-declared')}
        value={value.conflict}
        onChange={(conflict) => set({ conflict: conflict as DeclarationForm['conflict'] })}
        choices={[
          {
            value: 'yes',
            label: 'Yes',
            conditional: (
              <TextArea
                id="declaration-conflictOfInterest-details"
                label="Describe the conflict of interest"
                error={err('declaration-conflictOfInterest-details')}
                value={value.conflictDetails}
                onInput={(conflictDetails) => set({ conflictDetails })}
                rows={3}
              />
            ),
          },
          { value: 'no', label: 'No' },
        ]}
      />
    </>
  );
}
