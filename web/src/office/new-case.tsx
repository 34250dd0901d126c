import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, DateInput, Radios, TextArea, TextInput } from '../components/fields';
import { BackLink, PageHeading, usePageTitle } from '../components/page';
import { ApiError, staffApi } from '../lib/api';
import { dateProblemMessage, EMPTY_DATE, isoFromParts, londonToday, type DateParts } from '../lib/dates';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { ROUTE_HINTS, ROUTE_LABELS } from '../lib/labels';
import { navigate, setFlash } from '../lib/router';
import type { CaseView } from '../lib/types';

interface Member {
  name: string;
  relationship: string;
}

const REFERENCE = /^[A-Z0-9][A-Z0-9/-]{2,31}$/;

const LABELS: Record<string, string> = {
  route: 'how the case came to the partnership',
  day0: 'day 0',
  reference: 'a case reference',
  'subject.name': "the child's full name",
  'subject.dateOfBirth': "the child's date of birth",
  'subject.familyMembers[].name': "the family member's name",
  'subject.familyMembers[].relationship': 'the relationship to the child',
};

/** Opens a case: the route, day 0 and the child. GOV.UK question-page patterns, all on one page. */
export function NewCase() {
  const [route, setRoute] = useState('');
  const [day0, setDay0] = useState<DateParts>(EMPTY_DATE);
  const [reference, setReference] = useState('');
  const [name, setName] = useState('');
  const [dob, setDob] = useState<DateParts>(EMPTY_DATE);
  const [pseudonym, setPseudonym] = useState('');
  const [address, setAddress] = useState('');
  const [members, setMembers] = useState<Member[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  usePageTitle('Open a new case', errors.length > 0);

  const validate = (): { errors: FieldError[]; day0?: string; dob?: string } => {
    const found: FieldError[] = [];
    const add = (path: string, fieldId: string, message: string) => found.push({ path, fieldId, message });
    const today = londonToday();
    if (!route) add('route', 'route', 'Select how the case came to the partnership');
    const d0 = isoFromParts(day0);
    if ('problem' in d0) add('day0', 'day0-day', dateProblemMessage(d0.problem, 'day 0'));
    else if (d0.iso > today) add('day0', 'day0-day', 'Day 0 must be today or in the past');
    if (reference.trim() && !REFERENCE.test(reference.trim()))
      add('reference', 'reference', 'Use 3 to 32 capital letters, digits, / or -, for example LSCPB-2026-0007');
    if (!name.trim()) add('subject.name', 'subject-name', "Enter the child's full name");
    const birth = isoFromParts(dob);
    if ('problem' in birth)
      add(
        'subject.dateOfBirth',
        'subject-dateOfBirth-day',
        dateProblemMessage(birth.problem, "the child's date of birth"),
      );
    else if (birth.iso > today)
      add('subject.dateOfBirth', 'subject-dateOfBirth-day', "The child's date of birth must be in the past");
    members.forEach((member, i) => {
      if (!member.name.trim())
        add(
          `subject.familyMembers[${i}].name`,
          `subject-familyMembers-${i}-name`,
          `Enter the name of family member ${i + 1}`,
        );
      if (!member.relationship.trim())
        add(
          `subject.familyMembers[${i}].relationship`,
          `subject-familyMembers-${i}-relationship`,
          `Enter how family member ${i + 1} is related to the child`,
        );
    });
    return {
      errors: found,
      ...('iso' in d0 ? { day0: d0.iso } : {}),
      ...('iso' in birth ? { dob: birth.iso } : {}),
    };
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const checked = validate();
    setErrors(checked.errors);
    if (checked.errors.length) return;
    setBusy(true);
    try {
      const created = await staffApi.post<CaseView>('/cases', {
        route,
        day0: checked.day0,
        ...(reference.trim() ? { reference: reference.trim() } : {}),
        subject: {
          name: name.trim(),
          dateOfBirth: checked.dob,
          ...(pseudonym.trim() ? { pseudonym: pseudonym.trim() } : {}),
          ...(address.trim() ? { address: address.trim() } : {}),
          ...(members.length
            ? { familyMembers: members.map((m) => ({ name: m.name.trim(), relationship: m.relationship.trim() })) }
            : {}),
        },
      });
      setFlash(`Case ${created.reference} opened`);
      navigate(`/cases/${created.id}`);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.issues.length) setErrors(errorsFromIssues(error.issues, LABELS));
      else
        setErrors([
          {
            path: '',
            fieldId: 'route',
            message: error instanceof ApiError ? error.message : 'The case was not opened',
          },
        ]);
    }
  };

  const setMember = (index: number, change: Partial<Member>) =>
    setMembers(members.map((m, i) => (i === index ? { ...m, ...change } : m)));

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href="/">Back to cases</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading>Open a new case</PageHeading>
        <form noValidate onSubmit={submit}>
          <Radios
            id="route"
            legend="How did the case come to the partnership?"
            legendClass="govuk-fieldset__legend--m"
            error={errorFor(errors, 'route')}
            value={route}
            onChange={setRoute}
            choices={['rapid-review', 'agency-referral', 'cspr'].map((value) => ({
              value,
              label: ROUTE_LABELS[value],
              hint: ROUTE_HINTS[value],
            }))}
          />
          <DateInput
            id="day0"
            legend="Day 0"
            legendClass="govuk-fieldset__legend--m"
            hint="The day of the notification, of receipt of the referral, or of the decision to review. Deadlines count working days from the next working day. For example, 3 11 2026"
            error={errorFor(errors, 'day0')}
            value={day0}
            onChange={setDay0}
          />
          <TextInput
            id="reference"
            label="Case reference (optional)"
            labelClass="govuk-label--m"
            hint="Leave blank to have one made from the partnership's prefix. Use capital letters, digits, / or -. Never a name: references appear in e-mails."
            width="govuk-input--width-20"
            error={errorFor(errors, 'reference')}
            value={reference}
            onInput={(value) => setReference(value.toUpperCase())}
          />
          <h2 class="govuk-heading-m">The child</h2>
          <TextInput
            id="subject-name"
            label="Full name"
            error={errorFor(errors, 'subject-name')}
            value={name}
            onInput={setName}
          />
          <DateInput
            id="subject-dateOfBirth"
            legend="Date of birth"
            hint="For example, 2 4 2019"
            error={errorFor(errors, 'subject-dateOfBirth')}
            value={dob}
            onChange={setDob}
          />
          <TextInput
            id="subject-pseudonym"
            label="Pseudonym (optional)"
            hint='How anonymised documents refer to the child, for example "Child R"'
            width="govuk-input--width-10"
            value={pseudonym}
            onInput={setPseudonym}
          />
          <TextArea id="subject-address" label="Address (optional)" rows={3} value={address} onInput={setAddress} />
          <h2 class="govuk-heading-m">Family members</h2>
          <p class="govuk-body">Agencies see these after confirming their code, to search their records.</p>
          {members.map((member, i) => (
            <div class="app-row" key={i}>
              <h3 class="govuk-heading-s">Family member {i + 1}</h3>
              <TextInput
                id={`subject-familyMembers-${i}-name`}
                label="Name"
                error={errorFor(errors, `subject-familyMembers-${i}-name`)}
                value={member.name}
                onInput={(value) => setMember(i, { name: value })}
              />
              <TextInput
                id={`subject-familyMembers-${i}-relationship`}
                label="Relationship to the child"
                hint="For example, mother, stepfather, sibling"
                width="govuk-input--width-20"
                error={errorFor(errors, `subject-familyMembers-${i}-relationship`)}
                value={member.relationship}
                onInput={(value) => setMember(i, { relationship: value })}
              />
              <Button type="button" secondary onClick={() => setMembers(members.filter((_, j) => j !== i))}>
                Remove<span class="govuk-visually-hidden"> family member {i + 1}</span>
              </Button>
            </div>
          ))}
          <Button
            type="button"
            secondary
            onClick={() => {
              setMembers([...members, { name: '', relationship: '' }]);
              // Focus the new row's first field once it is drawn.
              setTimeout(() => document.getElementById(`subject-familyMembers-${members.length}-name`)?.focus());
            }}
          >
            {members.length ? 'Add another family member' : 'Add a family member'}
          </Button>
          <div class="govuk-button-group">
            <Button disabled={busy} aria-disabled={busy}>
              Open case
            </Button>
            <a class="govuk-link" href="/">
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
