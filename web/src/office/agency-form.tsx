import { useEffect, useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, Select, TextInput } from '../components/fields';
import { BackLink, Loading, PageHeading, ProblemPage, problemTitle, usePageTitle } from '../components/page';
import { ApiError, isMissingRoute, staffApi } from '../lib/api';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { AGENCY_KINDS, kindLabel } from '../lib/labels';
import { navigate, setFlash } from '../lib/router';
import type { Agency } from '../lib/types';
import { useResource } from '../lib/use-resource';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface Fields {
  name: string;
  kind: string;
  leadName: string;
  leadEmail: string;
  deputyEmail: string;
  strategicLeadName: string;
  strategicLeadEmail: string;
}

const EMPTY: Fields = {
  name: '',
  kind: '',
  leadName: '',
  leadEmail: '',
  deputyEmail: '',
  strategicLeadName: '',
  strategicLeadEmail: '',
};

/** Adds an agency, or changes its contacts. Blank optional contacts are removed on change. */
export function AgencyForm({ agencyId }: { agencyId?: string }) {
  const editing = agencyId !== undefined;
  const { data, error, loading } = useResource(
    async () =>
      editing
        ? (await staffApi.get<{ agencies: Agency[] }>('/agencies')).agencies.find((a) => a.id === agencyId)
        : undefined,
    [agencyId],
  );
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const title = editing ? `Change ${data?.name ?? 'agency'}` : 'Add an agency';
  usePageTitle(
    error ? problemTitle(error) : editing && !loading && !data ? problemTitle({ status: 404 }) : title,
    errors.length > 0,
  );
  useEffect(() => {
    if (data)
      setFields({
        name: data.name,
        kind: data.kind,
        leadName: data.leadName,
        leadEmail: data.leadEmail,
        deputyEmail: data.deputyEmail ?? '',
        strategicLeadName: data.strategicLeadName ?? '',
        strategicLeadEmail: data.strategicLeadEmail ?? '',
      });
  }, [data]);
  if (error) return <ProblemPage error={error} />;
  if (editing && loading) return <Loading />;
  if (editing && !data) return <ProblemPage error={{ status: 404 }} />;
  const set = (key: keyof Fields) => (value: string) => setFields({ ...fields, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    const add = (path: keyof Fields, message: string) => found.push({ path, fieldId: path, message });
    if (!fields.name.trim()) add('name', 'Enter the name of the agency');
    if (!fields.kind) add('kind', 'Select the kind of agency');
    if (!fields.leadName.trim()) add('leadName', "Enter the safeguarding lead's name or role");
    if (!EMAIL.test(fields.leadEmail.trim()))
      add('leadEmail', 'Enter an e-mail address in the correct format, like name@example.org');
    if (fields.deputyEmail.trim() && !EMAIL.test(fields.deputyEmail.trim()))
      add('deputyEmail', 'Enter an e-mail address in the correct format, like name@example.org');
    if (fields.strategicLeadEmail.trim() && !EMAIL.test(fields.strategicLeadEmail.trim()))
      add('strategicLeadEmail', 'Enter an e-mail address in the correct format, like name@example.org');
    setErrors(found);
    if (found.length) return;
    const optional = (value: string) => (value.trim() ? value.trim() : editing ? null : undefined);
    const body = Object.fromEntries(
      Object.entries({
        name: fields.name.trim(),
        kind: fields.kind,
        leadName: fields.leadName.trim(),
        leadEmail: fields.leadEmail.trim(),
        deputyEmail: optional(fields.deputyEmail),
        strategicLeadName: optional(fields.strategicLeadName),
        strategicLeadEmail: optional(fields.strategicLeadEmail),
      }).filter(([, value]) => value !== undefined),
    );
    setBusy(true);
    try {
      if (editing) await staffApi.put(`/agencies/${agencyId}`, body);
      else await staffApi.post('/agencies', body);
      setFlash(editing ? `${fields.name.trim()} updated` : `${fields.name.trim()} added`);
      navigate('/agencies');
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length) setErrors(errorsFromIssues(failure.issues));
      else
        setErrors([
          {
            path: '',
            fieldId: 'name',
            message: isMissingRoute(failure)
              ? 'Agencies cannot be changed yet. Try again later.'
              : failure instanceof ApiError
                ? failure.message
                : 'The agency was not saved',
          },
        ]);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href="/agencies">Back to agencies</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading>{title}</PageHeading>
        <form noValidate onSubmit={submit}>
          <TextInput
            id="name"
            label="Name of the agency"
            error={errorFor(errors, 'name')}
            value={fields.name}
            onInput={set('name')}
          />
          <Select
            id="kind"
            label="Kind of agency"
            error={errorFor(errors, 'kind')}
            value={fields.kind}
            onChange={set('kind')}
            options={[
              { value: '', label: 'Select a kind' },
              ...AGENCY_KINDS.map((k) => ({ value: k, label: kindLabel(k) })),
            ]}
          />
          <h2 class="govuk-heading-m">Safeguarding lead</h2>
          <p class="govuk-body">The single point of contact who receives requests and responds for the agency.</p>
          <TextInput
            id="leadName"
            label="Name or role"
            error={errorFor(errors, 'leadName')}
            value={fields.leadName}
            onInput={set('leadName')}
          />
          <TextInput
            id="leadEmail"
            label="E-mail address"
            hint="Use a team mailbox if there is one. Only addresses on the partnership's allowed domains can receive links."
            type="email"
            autocomplete="off"
            error={errorFor(errors, 'leadEmail')}
            value={fields.leadEmail}
            onInput={set('leadEmail')}
          />
          <TextInput
            id="deputyEmail"
            label="Deputy's e-mail address (optional)"
            hint="Gets a copy of every request and code."
            type="email"
            error={errorFor(errors, 'deputyEmail')}
            value={fields.deputyEmail}
            onInput={set('deputyEmail')}
          />
          <h2 class="govuk-heading-m">Strategic safeguarding lead (optional)</h2>
          <p class="govuk-body">Contacted by the Case Review Group when a return is seriously overdue (§2.1.7).</p>
          <TextInput
            id="strategicLeadName"
            label="Name"
            error={errorFor(errors, 'strategicLeadName')}
            value={fields.strategicLeadName}
            onInput={set('strategicLeadName')}
          />
          <TextInput
            id="strategicLeadEmail"
            label="E-mail address"
            type="email"
            error={errorFor(errors, 'strategicLeadEmail')}
            value={fields.strategicLeadEmail}
            onInput={set('strategicLeadEmail')}
          />
          <div class="govuk-button-group">
            <Button disabled={busy}>{editing ? 'Save changes' : 'Add agency'}</Button>
            <a class="govuk-link" href="/agencies">
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}
