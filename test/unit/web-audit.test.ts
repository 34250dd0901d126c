import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AUDIT_LABELS,
  auditActorLabel,
  auditDetail,
  auditLabel,
  isReadEvent,
  SYSTEM_ACTORS,
} from '../../web/src/lib/audit';

const SERVICES = join(__dirname, '../../functions/domain/services');
const sources = readdirSync(SERVICES)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(join(SERVICES, file), 'utf8'));

describe('the audit trail in words', () => {
  test('every action the API records has words of its own', () => {
    // Dotted literals in the services are the audit actions; file names ("manifest.json") are not.
    const literals = sources.flatMap((source) => [...source.matchAll(/'([a-z][a-z-]*\.[a-z][a-z-]*)'/g)]);
    const actions = new Set(
      literals.map((m) => m[1] as string).filter((name) => !/\.(json|xlsx|csv|docx|zip|date)$/.test(name)),
    );
    // The grouping decision is recorded under a name built from its kind.
    actions.add('chronology.grouping-confirmed').add('chronology.grouping-split');
    expect(actions.size).toBeGreaterThan(30);
    expect([...actions].filter((action) => !Object.hasOwn(AUDIT_LABELS, action))).toEqual([]);
    expect(auditLabel('chronology.merged')).toBe('Multi-agency chronology updated');
  });

  test("every one of the portal's own jobs has a name, and no internal name is shown", () => {
    const names = new Set(
      sources.flatMap((source) =>
        [...source.matchAll(/type: 'system'(?: as const)?, name: '([a-z-]+)'/g)].map((m) => m[1] as string),
      ),
    );
    expect([...names].sort()).toEqual(['chronology-merge', 'daily-run', 'malware-scan-result', 'outbox', 'retention']);
    for (const name of names) expect(Object.hasOwn(SYSTEM_ACTORS, name)).toBe(true);
    const agencies = new Map([['a1', 'Leicestershire Police']]);
    expect(auditActorLabel({ type: 'system', name: 'chronology-merge' }, agencies)).toBe(
      'The portal (multi-agency chronology)',
    );
    expect(auditActorLabel({ type: 'system', name: 'some-new-job' }, agencies)).toBe('The portal (automatic)');
    expect(auditActorLabel({ type: 'system' }, agencies)).toBe('The portal (automatic)');
    expect(auditActorLabel({ type: 'staff', username: 'officer.leicester' }, agencies)).toBe(
      'Business office (officer.leicester)',
    );
    expect(auditActorLabel({ type: 'agency', agencyId: 'a1' }, agencies)).toBe('Leicestershire Police');
  });

  test('an action the web does not know yet reads as words, never as a dotted key', () => {
    expect(auditLabel('chronology.something-new')).toBe('Chronology: something new');
    expect(auditLabel('reviewed')).toBe('Reviewed');
    expect(auditLabel('constructor')).toBe('Constructor');
    expect(auditLabel('')).toBe('Recorded');
  });

  test('the details of a submitted return read as words', () => {
    expect(auditDetail('return.submitted', { version: 1, nilReturn: true, immediateSafetyConcern: false })).toBe(
      'Version 1; Nil return: yes; Immediate safety concern: no',
    );
  });

  test('an acknowledged safety concern says what was done, as the officer wrote it', () => {
    expect(auditLabel('safety-concern.acknowledged')).toBe('Immediate safety concern acknowledged');
    expect(
      auditDetail('safety-concern.acknowledged', {
        returnType: 'information-request-reply',
        version: 2,
        actionTaken: 'Discussed with MASH; police welfare check made 3 Dec',
      }),
    ).toBe('Information Request Reply; Version 2; Action taken: Discussed with MASH; police welfare check made 3 Dec');
  });

  test('a meeting date set, changed, or a meeting held outside its window, reads as words', () => {
    expect(auditLabel('case.meeting-planned')).toBe('Rapid Review meeting date set');
    expect(
      auditDetail('case.meeting-planned', {
        meetingDate: '2027-01-13',
        previousDate: '2027-01-08',
        outsideWindow: true,
        reason: 'Chair away',
      }),
    ).toBe('Meeting on 13 January 2027; Previously 8 January 2027; Outside the meeting window; Reason: Chair away');
    expect(auditDetail('case.meeting-planned', { meetingDate: '2027-01-08', outsideWindow: false })).toBe(
      'Meeting on 8 January 2027',
    );
  });

  test('a case pack, a merge and a reminder say what they hold', () => {
    expect(auditDetail('case-pack.downloaded', { files: 5, notIncluded: 0, documents: 3, attachments: 1 })).toBe(
      '5 files included; 0 not included; 3 documents; 1 attachment',
    );
    expect(auditDetail('chronology.merged', { version: 2, entries: 14, gaps: 1, agencies: 3 })).toBe(
      'Version 2; 14 events; 1 gap; from 3 agencies',
    );
    expect(
      auditDetail('request.escalated', {
        step: '2-days-overdue-crg',
        action: 'escalate-crg',
        to: ['office@example.org', 'crg@example.org'],
      }),
    ).toBe('2 days overdue; Referred to the Case Review Group; Sent to office@example.org, crg@example.org');
    expect(
      auditDetail('request.escalated', {
        step: '3-days-overdue-crg',
        action: 'escalate-crg',
        skipped: ['due-today', '1-day-overdue'],
      }),
    ).toBe('3 days overdue; Referred to the Case Review Group; Earlier steps not sent: on the due date, 1 day overdue');
    expect(auditDetail('request.reminded', { step: '1-day-before', action: 'remind', to: ['a@example.org'] })).toBe(
      '1 day before the due date; Reminder to the agency; Sent to a@example.org',
    );
  });

  test('codes and dates are shown in words; a reason typed by the office is shown as typed', () => {
    expect(auditDetail('request.extended', { returnType: 'chronology', dueOn: '2026-12-04', reason: 'empty' })).toBe(
      'Chronology of key events; Due 4 December 2026; Reason: empty',
    );
    expect(auditDetail('attachment.rejected', { attachmentId: 'f1', reason: 'macro-enabled' })).toBe(
      'File reference f1; Reason: the file contained macros',
    );
    expect(auditDetail('case.risk-raised', { kind: 'national-panel-at-risk', outstanding: 2 })).toBe(
      'Check: National Panel deadline at risk; 2 returns outstanding',
    );
    expect(auditDetail('agency.added', { kind: 'police' })).toBe('Kind: Police');
    expect(auditDetail('agency.updated', { fields: ['leadEmail', 'deputyEmail'] })).toBe(
      "Changed: lead's e-mail address, deputy's e-mail address",
    );
    expect(auditDetail('document.downloaded', { document: 'combined-summary', marking: 'anonymised' })).toBe(
      'Combined Summary for the meeting; Anonymised',
    );
    expect(auditDetail('document.downloaded', { document: 'return', marking: 'named', version: 2 })).toBe(
      'The return as a Word document; Named; Version 2',
    );
    expect(
      auditDetail('meeting-decision.recorded', {
        decision: 'no-further-review',
        meetingDate: '2026-11-30',
        replaced: false,
      }),
    ).toBe(
      'Decision: Not to proceed with a Child Safeguarding Practice Review: no further review (immediate learning shared); Meeting on 30 November 2026',
    );
    expect(auditDetail('chronology.imported', { format: 'xlsx', mode: 'append', rows: 1 })).toBe(
      'Format: XLSX; Import: added to the events already entered; 1 row',
    );
  });

  test('a legal hold, placed or lifted, shows the reason the office gave, as typed', () => {
    expect(auditLabel('case.legal-hold-placed')).toBe('Legal hold placed');
    expect(auditLabel('case.legal-hold-lifted')).toBe('Legal hold lifted');
    // A reason such as "empty" is never read as one of the file checks' codes outside attachment events.
    expect(auditDetail('case.legal-hold-placed', { reason: 'Police investigation: <b>Op Alder</b>' })).toBe(
      'Reason: Police investigation: <b>Op Alder</b>',
    );
    expect(auditDetail('case.legal-hold-lifted', { reason: 'empty' })).toBe('Reason: empty');
  });

  test('a detail the web does not know yet is still shown, with its key in words', () => {
    expect(
      auditDetail('case.something', { newFlag: true, someDate: '2026-01-02', tags: ['a', 'b'], count_of: 3 }),
    ).toBe('New flag: yes; Some date: 2 January 2026; Tags: a, b; Count of: 3');
    expect(auditDetail('case.something', { toString: 'x' })).toBe('To string: x');
    expect(auditDetail('case.opened', undefined)).toBe('');
  });
});

describe('reads and actions in the audit trail', () => {
  test('viewing and downloading are reads; changes and decisions are actions', () => {
    for (const read of ['return.viewed', 'chronology.viewed', 'document.downloaded', 'case-pack.downloaded']) {
      expect(isReadEvent(read)).toBe(true);
    }
    for (const action of ['return.accepted', 'return.more-information-requested', 'case.closed', 'return.submitted']) {
      expect(isReadEvent(action)).toBe(false);
    }
  });

  test('every read is an action the API records', () => {
    const reads = Object.keys(AUDIT_LABELS).filter(isReadEvent);
    expect(reads.length).toBe(10);
  });
});
