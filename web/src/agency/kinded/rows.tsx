import { useMemo, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button, Radios, TextArea, TextInput } from '../../components/fields';
import { FuzzyDateInput } from '../../components/fuzzy-date-input';
import {
  PageHeading,
  ProblemOnly,
  Prose,
  StatusTag,
  SuccessBanner,
  SummaryList,
  useFlash,
  usePageTitle,
} from '../../components/page';
import { NotGiven } from '../../components/summary-card';
import {
  checkRow,
  COLUMN_LABELS,
  emptyRow,
  EXPECTED_PRACTICE_LABELS,
  newRowId,
  rowFieldId,
  sortRows,
  type ChronRow,
} from '../../lib/chronology';
import { formatTime } from '../../lib/dates';
import { useTableFits } from '../../lib/use-table-fits';
import { describeFuzzyDate, fuzzyDateText, readFuzzyDate } from '../../lib/fuzzy';
import { errorFor, type FieldError } from '../../lib/issues';
import {
  checkKindedSection,
  kindedPageOf,
  namedDateProblem,
  nextKindedSection,
  pageOfPath,
  rowErrorsFrom,
} from '../../lib/kinded';
import { navigate, setFlash } from '../../lib/router';
import { MoreInfoBanner } from '../more-info';
import { useKinded } from './kinded-context';
import { SaveStatus, usePageSave } from '../page-save';
import { useUnsavedWork } from '../unsaved-work';

/**
 * The chronology of key events (§8.4): the rows as a table, each edited in its own form, so a long
 * chronology (hundreds of rows) is not re-drawn at each key press. Rows can be added, changed, removed,
 * sorted by date, or imported from a spreadsheet; every change is saved to the draft at once.
 */
export function RowsPage({ fromCheck }: { fromCheck: boolean }) {
  const k = useKinded();
  const { form, setForm, base, detail } = k;
  const analysis = detail.request.analysisColumns === true;
  const flash = useFlash();
  // The banner of the last page ("Event 5 saved") goes at the first change here; a removed event can be put back.
  const [changed, setChanged] = useState(false);
  const [removed, setRemoved] = useState<{ row: ChronRow; index: number }>();
  const { errors, busy, status, ...saving } = usePageSave(() =>
    fromCheck ? checkKindedSection(form, 'rows', k.options()) : [],
  );
  // A row's problem links to the row's form, which shows it and comes back here (or to check, if from there).
  const pageOf = (error: FieldError) => {
    const page = pageOfPath(form, error.path, fromCheck ? 'check' : 'rows');
    return page && page !== 'rows' ? `${base}/${page}` : undefined;
  };
  const progress = kindedPageOf(form, 'rows');
  usePageTitle(`Events – ${detail.request.returnLabel}`, errors.length > 0);

  const incomplete = useMemo(() => {
    const options = k.options();
    return new Set(form.rows.filter((row, i) => checkRow(row, i, options).length).map((row) => row.rowId));
  }, [form.rows]);

  // Every change to the rows is saved at once, and says what it did.
  const change = async (rows: ChronRow[], done: string) => {
    if (busy) return;
    setChanged(true);
    setRemoved(undefined);
    const next = { ...form, rows };
    setForm(next);
    await saving.saveForLater(
      () => k.save(next),
      () => done,
      // Each row's own problems are its "Incomplete" tag here; the other pages' are theirs.
      () => false,
    );
  };

  const saveAndContinue = (event: Event) => {
    event.preventDefault();
    void saving.saveAndContinue(
      checkKindedSection(form, 'rows', k.options()),
      () => k.save(form),
      () => navigate(fromCheck ? `${base}/check` : `${base}/${nextKindedSection(form, 'rows')}`),
    );
  };

  const remove = (row: ChronRow, i: number) =>
    void change(
      form.rows.filter((r) => r.rowId !== row.rowId),
      `Event ${i + 1} removed`,
    ).then(() => setRemoved({ row, index: i }));

  // On a phone (or wherever the table would not fit) each event is a summary card instead.
  const rowsBox = useRef<HTMLDivElement>(null);
  const tableBox = useRef<HTMLTableElement>(null);
  const narrow = !useTableFits(rowsBox, tableBox, form.rows);
  const count = (
    <>
      {form.rows.length} {form.rows.length === 1 ? 'event' : 'events'}
      {incomplete.size > 0 && `, ${incomplete.size} not complete`}
    </>
  );
  const cards = useMemo(
    () =>
      narrow && (
        <div id="rows-cards">
          <h2 class="govuk-heading-m">{count}</h2>
          {form.rows.map((row, i) => (
            <div class="govuk-summary-card" key={row.rowId} data-row={i + 1}>
              <div class="govuk-summary-card__title-wrapper">
                <h3 class="govuk-summary-card__title app-card-title">
                  Event {i + 1}
                  {incomplete.has(row.rowId) && <StatusTag label="Incomplete" tag="govuk-tag--orange" />}
                </h3>
                <ul class="govuk-summary-card__actions">
                  <li class="govuk-summary-card__action">
                    <a class="govuk-link" href={`${base}/rows/${row.rowId}`}>
                      Change<span class="govuk-visually-hidden"> event {i + 1}</span>
                    </a>
                  </li>
                  <li class="govuk-summary-card__action">
                    <button type="button" class="app-link-button app-link-button--dark" onClick={() => remove(row, i)}>
                      Remove<span class="govuk-visually-hidden"> event {i + 1}</span>
                    </button>
                  </li>
                </ul>
              </div>
              <div class="govuk-summary-card__content">
                <SummaryList
                  rows={[
                    { key: 'Date', value: when(row) },
                    { key: 'What happened', value: row.event ? <Prose text={row.event} /> : <NotGiven /> },
                    { key: 'Source record', value: row.sourceRecord || <NotGiven /> },
                    { key: 'Fact or opinion', value: factOrOpinion(row) || <NotGiven /> },
                    ...(analysis
                      ? [
                          {
                            key: 'Expected practice?',
                            value: row.expectedPractice ? EXPECTED_PRACTICE_LABELS[row.expectedPractice] : <NotGiven />,
                          },
                        ]
                      : []),
                  ]}
                />
              </div>
            </div>
          ))}
        </div>
      ),
    [narrow, form.rows, incomplete, busy],
  );

  const table = useMemo(
    () =>
      !narrow && (
        <div class="app-table-wrap">
          <table class="govuk-table app-chronology-table" id="rows-table" ref={tableBox}>
            <caption class="govuk-table__caption govuk-table__caption--m">{count}</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  Row
                </th>
                <th scope="col" class="govuk-table__header">
                  Date
                </th>
                <th scope="col" class="govuk-table__header app-col-text">
                  What happened
                </th>
                <th scope="col" class="govuk-table__header">
                  Source record
                </th>
                <th scope="col" class="govuk-table__header">
                  Fact or opinion
                </th>
                {analysis && (
                  <th scope="col" class="govuk-table__header">
                    Expected practice?
                  </th>
                )}
                <th scope="col" class="govuk-table__header">
                  <span class="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {form.rows.map((row, i) => (
                <tr class="govuk-table__row" key={row.rowId} data-row={i + 1}>
                  <th scope="row" class="govuk-table__header">
                    {i + 1}
                    {incomplete.has(row.rowId) && (
                      <>
                        <br />
                        <StatusTag label="Incomplete" tag="govuk-tag--orange" />
                      </>
                    )}
                  </th>
                  {/* The time under the date: one column fewer keeps the table within a tablet's width. */}
                  <td class="govuk-table__cell">{when(row)}</td>
                  <td class="govuk-table__cell">{row.event ? <Prose text={row.event} /> : <NotGiven />}</td>
                  <td class="govuk-table__cell">{row.sourceRecord}</td>
                  <td class="govuk-table__cell">{factOrOpinion(row)}</td>
                  {analysis && (
                    <td class="govuk-table__cell">
                      {row.expectedPractice ? EXPECTED_PRACTICE_LABELS[row.expectedPractice] : ''}
                    </td>
                  )}
                  <td class="govuk-table__cell">
                    <div class="app-actions">
                      <a class="govuk-link" href={`${base}/rows/${row.rowId}`}>
                        Change<span class="govuk-visually-hidden"> row {i + 1}</span>
                      </a>
                      <button
                        type="button"
                        class="app-link-button app-link-button--dark"
                        onClick={() => remove(row, i)}
                      >
                        Remove<span class="govuk-visually-hidden"> row {i + 1}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ),
    [narrow, form.rows, incomplete, busy],
  );

  return (
    <>
      <a class="govuk-back-link" href={fromCheck ? `${base}/check` : `${base}/records`}>
        Back
      </a>
      <div class="app-readable">
        <ErrorSummary errors={errors} pageOf={pageOf} />
        <SuccessBanner message={changed ? undefined : flash} />
        <MoreInfoBanner detail={detail} onRestart={() => void k.restart()} />
      </div>
      <PageHeading caption={k.caption}>Events</PageHeading>
      <div class="app-readable">
        {progress && <p class="govuk-body-s">{progress}</p>}
        <p class="govuk-body">
          Add one row for each significant event in your agency's records: incidents, referrals, assessments, meetings,
          missed appointments (§8.4). Say for each whether it records fact or professional opinion (§2.1.6).
        </p>
        <p class="govuk-body">
          You can type the events here, or fill in the template in Excel and import it. Each change is saved as you make
          it.
        </p>
      </div>
      <div class="govuk-button-group">
        <a href={`${base}/rows/new`} role="button" draggable={false} class="govuk-button" data-module="govuk-button">
          Add an event
        </a>
        <a
          href={`${base}/import`}
          role="button"
          draggable={false}
          class="govuk-button govuk-button--secondary"
          data-module="govuk-button"
        >
          Import events from a spreadsheet
        </a>
        {form.rows.length > 1 && (
          <Button
            type="button"
            secondary
            disabled={busy}
            onClick={() => void change(sortRows(form.rows), 'Events sorted by date')}
          >
            Sort by date
          </Button>
        )}
      </div>
      {removed && (
        <div class="govuk-inset-text app-readable" id="removed-event">
          Event {removed.index + 1} removed
          {removed.row.event ? ` (“${excerpt(removed.row.event)}”)` : ''}.{' '}
          <button
            type="button"
            class="app-link-button app-link-button--dark"
            disabled={busy}
            onClick={() =>
              void change(
                [...form.rows.slice(0, removed.index), removed.row, ...form.rows.slice(removed.index)],
                `Event ${removed.index + 1} put back`,
              )
            }
          >
            Undo<span class="govuk-visually-hidden"> removing event {removed.index + 1}</span>
          </button>
        </div>
      )}
      <div id="rows" tabIndex={-1} ref={rowsBox}>
        {form.rows.length ? narrow ? cards : table : <p class="govuk-body">No events yet.</p>}
      </div>
      <form noValidate onSubmit={saveAndContinue}>
        <div class="govuk-button-group">
          <Button disabled={busy}>Save and continue</Button>
        </div>
      </form>
      <SaveStatus status={status} savedAt={k.savedAt} />
    </>
  );
}

/** One event of the chronology, in its own form. Save checks it in full; saving for later keeps it as it is. */
export function RowForm({ rowId, fromCheck }: { rowId: string; fromCheck: boolean }) {
  const k = useKinded();
  const { form, setForm, base, detail } = k;
  const analysis = detail.request.analysisColumns === true;
  const existing = form.rows.findIndex((r) => r.rowId === rowId);
  const index = existing >= 0 ? existing : form.rows.length;
  const [row, setRow] = useState<ChronRow>(() => form.rows[existing] ?? emptyRow(newRowId()));
  const [dateText, setDateText] = useState(() => fuzzyDateText(row.date) || (row.dateText ?? ''));
  // Reached from an error summary ("Row 2, Source record: …"), the form shows the row's errors at once.
  const [errors, setErrors] = useState<FieldError[]>(() =>
    (fromCheck || rowErrorsFrom(location.search)) && existing >= 0 ? checkRow(row, index, k.options()) : [],
  );
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  // An event half typed when the session is about to time out is saved with the rest (unsaved-work.ts).
  const pristine = useRef({ row, dateText });
  useUnsavedWork(async () => {
    if (existing < 0 && rowId !== 'new') return 'nothing';
    if (row === pristine.current.row && dateText === pristine.current.dateText) return 'nothing';
    // As "Save and come back later": kept as typed, a date that cannot be read yet included.
    return (await store(withDate().row)).ok ? 'saved' : 'failed';
  });
  const title = existing >= 0 ? `Event ${index + 1}` : 'Add an event';
  usePageTitle(`${title} – ${detail.request.returnLabel}`, errors.length > 0);
  if (existing < 0 && rowId !== 'new') return <ProblemOnly error={{ status: 404 }} />;

  const err = (key: keyof typeof COLUMN_LABELS) => errorFor(errors, rowFieldId(key));
  const set = (change: Partial<ChronRow>) => {
    setRow({ ...row, ...change });
    setStatus(undefined);
  };

  /**
   * The row with its typed date read. Words that cannot be read yet are kept as typed (the draft keeps
   * them), with their problem to show; only "Save event" waits for them.
   */
  const withDate = (): { row: ChronRow; problem?: FieldError } => {
    const read = readFuzzyDate(dateText);
    if ('problem' in read) {
      const message = namedDateProblem(read.problem, 'the date');
      return {
        row: { ...row, date: undefined, dateText },
        problem: { path: `rows[${index}].date`, fieldId: rowFieldId('date'), message },
      };
    }
    return { row: { ...row, date: 'date' in read ? read.date : undefined, dateText: undefined } };
  };

  const store = async (next: ChronRow) => {
    const rows = existing >= 0 ? form.rows.map((r) => (r.rowId === next.rowId ? next : r)) : [...form.rows, next];
    const updated = { ...form, rows };
    setBusy(true);
    const result = await k.save(updated);
    setBusy(false);
    if (result.ok) setForm(updated);
    return result;
  };

  const saveRow = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const read = withDate();
    const problems = checkRow(read.row, index, k.options());
    setErrors(problems);
    if (problems.length) return;
    const result = await store(read.row);
    if (!result.ok) return setErrors(result.errors);
    setFlash(`Event ${index + 1} saved`);
    navigate(fromCheck ? `${base}/check` : `${base}/rows`);
  };

  const saveForLater = async () => {
    if (busy) return;
    const read = withDate();
    setStatus('Saving…');
    const result = await store(read.row);
    if (!result.ok) {
      setStatus(undefined);
      return setErrors(result.errors);
    }
    // Saved as typed; what cannot be read yet is still said, beside its field.
    setErrors(read.problem ? [read.problem] : []);
    setStatus(`Saved at ${formatTime(result.savedAt)}`);
    // A new row has its place now: further saves change it rather than add another.
    if (existing < 0) navigate(`${base}/rows/${read.row.rowId}`, { replace: true });
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={fromCheck ? `${base}/check` : `${base}/rows`}>
          Back to events
        </a>
        <ErrorSummary errors={errors} />
        <PageHeading caption={k.caption}>{title}</PageHeading>
        <form noValidate onSubmit={saveRow}>
          <FuzzyDateInput
            id={rowFieldId('date')}
            label="Date"
            labelClass="govuk-label--s"
            error={err('date')}
            value={dateText}
            onInput={(value) => {
              setDateText(value);
              setStatus(undefined);
            }}
          />
          <TextInput
            id={rowFieldId('time')}
            label="Time (optional)"
            labelClass="govuk-label--s"
            hint="If the record gives it. Use the 24-hour clock, like 14:30."
            width="govuk-input--width-5"
            error={err('time')}
            value={row.time}
            onInput={(time) => set({ time })}
          />
          <TextInput
            id={rowFieldId('sourceRecord')}
            label="Source record"
            labelClass="govuk-label--s"
            hint="Where the event is recorded, for example Case note 2019/0412."
            error={err('sourceRecord')}
            value={row.sourceRecord}
            onInput={(sourceRecord) => set({ sourceRecord })}
          />
          <TextArea
            id={rowFieldId('event')}
            label="What happened"
            labelClass="govuk-label--s"
            error={err('event')}
            value={row.event}
            onInput={(value) => set({ event: value })}
            rows={4}
            maxLength={4000}
          />
          <TextArea
            id={rowFieldId('actionOutcome')}
            label="Action taken or outcome"
            labelClass="govuk-label--s"
            error={err('actionOutcome')}
            value={row.actionOutcome}
            onInput={(actionOutcome) => set({ actionOutcome })}
            rows={3}
            maxLength={4000}
          />
          <TextInput
            id={rowFieldId('practitionerRole')}
            label="Practitioner role"
            labelClass="govuk-label--s"
            hint="A role, not a name, for example Health visitor."
            error={err('practitionerRole')}
            value={row.practitionerRole}
            onInput={(practitionerRole) => set({ practitionerRole })}
          />
          <Radios
            id={rowFieldId('factOrOpinion')}
            legend="Does this row record fact or professional opinion?"
            hint="The guidance asks every agency to make clear which is which (§2.1.6)."
            error={err('factOrOpinion')}
            value={row.factOrOpinion}
            onChange={(value) => set({ factOrOpinion: value as ChronRow['factOrOpinion'] })}
            inline
            choices={[
              { value: 'fact', label: 'Fact' },
              { value: 'opinion', label: 'Opinion' },
            ]}
          />
          {analysis && (
            <>
              <Radios
                id={rowFieldId('expectedPractice')}
                legend="Was this expected practice?"
                hint="The Terms of Reference ask for this analysis."
                error={err('expectedPractice')}
                value={row.expectedPractice}
                onChange={(value) => set({ expectedPractice: value as ChronRow['expectedPractice'] })}
                inline
                choices={(['yes', 'no', 'partly', 'not-known'] as const).map((value) => ({
                  value,
                  label: EXPECTED_PRACTICE_LABELS[value],
                }))}
              />
              <TextArea
                id={rowFieldId('analysisComment')}
                label="Comment (optional)"
                labelClass="govuk-label--s"
                error={err('analysisComment')}
                value={row.analysisComment}
                onInput={(analysisComment) => set({ analysisComment })}
                rows={3}
                maxLength={4000}
              />
            </>
          )}
          <div class="govuk-button-group">
            <Button disabled={busy}>Save event</Button>
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

/** When an event happened, as given: the date (or the words typed, not understood yet) and any time. */
function when(row: ChronRow) {
  return (
    <>
      {row.date ? (
        describeFuzzyDate(row.date)
      ) : row.dateText ? (
        <>
          {row.dateText} <span class="govuk-hint">(not understood yet)</span>
        </>
      ) : (
        <NotGiven />
      )}
      {row.time && (
        <>
          <br />
          <span class="govuk-body-s">{row.time}</span>
        </>
      )}
    </>
  );
}

const factOrOpinion = (row: ChronRow) =>
  row.factOrOpinion === 'fact' ? 'Fact' : row.factOrOpinion === 'opinion' ? 'Opinion' : '';

/** The first words of an event, to say which one was removed. */
function excerpt(text: string): string {
  const words = text.trim().split(/\s+/);
  return words.length > 8 ? `${words.slice(0, 8).join(' ')}…` : words.join(' ');
}
