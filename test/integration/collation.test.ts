import { randomInt, randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { sha256Hex } from '../../functions/domain/secrets';
import { readDocx } from '../support/docx';
import { makeDocx } from '../fixtures/files/generate';
import {
  ApiClient,
  codeFromEmail,
  mailbox,
  staffClient,
  tokenFromEmail,
  waitForMail,
  type ApiResult,
} from '../support/portal';
import { chronology, chronologyRow, declaration } from '../support/returns';
import { agencyNamed, completeReply, openCase, today } from '../support/scenario';

/**
 * Collation documents through the API (ADR 0013): a Rapid Review with an agency that was involved, one that
 * raised an immediate safety concern, a nil return and one that has not replied; two chronologies; an
 * attachment. Every document is parsed back and read; anonymised versions must hold none of the case's names.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

const CHILD = `${cap(letters(7))} ${cap(letters(9))}`;
const MOTHER = `${cap(letters(6))} ${cap(letters(8))}`;
const STEPFATHER = `${cap(letters(6))} ${cap(letters(8))}`;
const DOB = '2018-07-23';
const STREET = `${12 + randomInt(80)} ${cap(letters(8))} Road`;
const ADDRESS = `${STREET}\nLeicester\nLE3 9QZ`;
const [CHILD_FIRST] = CHILD.split(' ') as [string];
/** Everything an anonymised document must not contain, whole-word and in any case. */
const PERSONAL = [
  CHILD,
  ...CHILD.split(' '),
  MOTHER,
  ...MOTHER.split(' '),
  STEPFATHER,
  ...STEPFATHER.split(' '),
  STREET,
  'LE3 9QZ',
  '23 July 2018',
  '23/07/2018',
  DOB,
];
const mentionsAny = (text: string) =>
  PERSONAL.filter((p) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${p.replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'iu').test(text),
  );

interface Agency {
  id: string;
  name: string;
  leadEmail: string;
}

let staff: ApiClient;
let record: { id: string; reference: string };
const requests: Record<string, string> = {};
const leads: Record<string, ApiClient> = {};
let uploadedDocx: Uint8Array;
let agencies: Record<string, Agency>;

/** Opens the link and answers with the code e-mailed to this agency's lead (several agencies sign in here). */
async function signIn(token: string, agency: Agency) {
  const mine = (e: { subject: string; destination: { to: string[] } }) =>
    e.subject.startsWith('Your code') &&
    e.subject.includes(record.reference) &&
    e.destination.to.includes(agency.leadEmail);
  const before = (await mailbox()).filter(mine).length;
  const client = new ApiClient();
  const started = await client.post('/agency/sessions', { token });
  expect(started.status).toBe(201);
  const codes = await waitForMail(mine, before + 1);
  const verified = await client.post('/agency/sessions/verify', {
    challengeId: started.body.challengeId,
    code: codeFromEmail(codes[codes.length - 1]!),
  });
  expect(verified.status).toBe(200);
  return client;
}

async function ask(agency: Agency, returnType: string) {
  const created = await staff.post(`/cases/${record.id}/requests`, { agencyId: agency.id, returnType });
  expect(created.status).toBe(201);
  expect((await staff.post(`/cases/${record.id}/requests/${created.body.id}/send`)).status).toBe(200);
  return created.body.id as string;
}

async function linkFor(agency: Agency) {
  const [mail] = await waitForMail(
    (e) =>
      e.subject.startsWith('Information request') &&
      e.subject.includes(record.reference) &&
      e.destination.to.includes(agency.leadEmail),
  );
  return tokenFromEmail(mail!)!;
}

async function submit(lead: ApiClient, requestId: string, content: unknown) {
  const submitted = await lead.post(`/agency/requests/${requestId}/submit`, { submissionId: randomUUID(), content });
  expect(submitted.status).toBe(200);
}

async function upload(lead: ApiClient, requestId: string, fileName: string, bytes: Uint8Array) {
  const started = await lead.post(`/agency/requests/${requestId}/attachments`, {
    fileName,
    contentType: DOCX,
    size: bytes.length,
  });
  expect(started.status).toBe(201);
  const { url, fields } = started.body.upload as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)], { type: DOCX }), fileName);
  expect((await fetch(url, { method: 'POST', body: form })).status).toBeLessThan(300);
  const completed = await lead.post(`/agency/requests/${requestId}/attachments/${started.body.attachment.id}/complete`);
  expect(completed.body.status).toBe('available');
}

beforeAll(async () => {
  staff = await staffClient('leicester');
  record = await openCase(staff, {
    subject: {
      name: CHILD,
      dateOfBirth: DOB,
      pseudonym: 'Child R',
      address: ADDRESS,
      familyMembers: [
        { name: MOTHER, relationship: 'Mother' },
        { name: STEPFATHER, relationship: 'Stepfather' },
      ],
    },
  });
  agencies = {
    police: await agencyNamed(staff, 'Leicestershire Police'),
    hospital: await agencyNamed(staff, 'University Hospitals of Leicester NHS Trust'),
    school: await agencyNamed(staff, 'Leicester City Council Education Safeguarding'),
    community: await agencyNamed(staff, 'Leicestershire Partnership NHS Trust'),
  };
  for (const key of ['police', 'hospital', 'school', 'community']) {
    requests[key] = await ask(agencies[key]!, 'information-request-reply');
  }
  for (const key of ['police', 'hospital']) {
    leads[key] = await signIn(await linkFor(agencies[key]!), agencies[key]!);
  }
  leads.school = await signIn(await linkFor(agencies.school!), agencies.school!);
  requests.policeChronology = await ask(agencies.police!, 'chronology');
  requests.hospitalChronology = await ask(agencies.hospital!, 'chronology');

  uploadedDocx = await makeDocx('Strategy meeting minutes.');
  await upload(leads.police!, requests.police!, 'Strategy meeting minutes.docx', uploadedDocx);
  await submit(
    leads.police!,
    requests.police!,
    completeReply({
      keyEvents: [
        {
          date: '2025-02-14',
          description: `Domestic abuse at ${STREET}: ${STEPFATHER} arrested after assaulting ${MOTHER}. ${CHILD_FIRST}'s bedroom door damaged.`,
        },
      ],
      familyMembersKnown: [
        { name: MOTHER, relationship: 'Mother', notes: `Born 23/07/2018? No: that is ${CHILD_FIRST}'s date of birth.` },
      ],
    }),
  );
  await submit(
    leads.hospital!,
    requests.hospital!,
    completeReply({
      // Dates as precise as the hospital's records are (a month, an approximate month).
      periodFrom: { precision: 'month', value: '2024-05', approximate: false },
      keyEvents: [
        {
          date: { precision: 'month', value: '2025-02', approximate: true },
          description: 'Missed paediatric appointment.',
        },
      ],
      immediateSafetyConcern: {
        raised: true,
        details: `${CHILD} (DOB 23 July 2018) disclosed that ${STEPFATHER.split(' ')[0]} hits him; discharge home tonight.`,
      },
      earlyLearning: `Missed appointments for ${CHILD_FIRST} were not shared with the GP.`,
    }),
  );
  await submit(leads.school!, requests.school!, {
    involvement: 'no-records',
    notes: `Searched for ${CHILD} and the address.`,
    declaration: declaration(),
  });
  await submit(
    leads.police!,
    requests.policeChronology!,
    chronology([chronologyRow('p1', { event: `${CHILD} seen at home with ${MOTHER}.` })]),
  );
  await submit(
    leads.hospital!,
    requests.hospitalChronology!,
    chronology([
      chronologyRow('h1', {
        date: { precision: 'day', value: '2024-06-01', approximate: false },
        event: `${CHILD_FIRST} admitted with bruising; ${STEPFATHER} present.`,
      }),
    ]),
  );
}, 180_000);

async function word(path: string) {
  const file = await staff.download(path);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toBe(DOCX);
  const disposition = file.headers.get('content-disposition') ?? '';
  expect(disposition).toMatch(new RegExp(`^attachment; filename="${record.reference}-[a-z-]+\\.docx"$`));
  expect(mentionsAny(disposition)).toEqual([]);
  return readDocx(file.bytes);
}

const at = (lines: string[], text: string) => {
  const index = lines.findIndex((l) => l.includes(text));
  expect(index).toBeGreaterThanOrEqual(0);
  return index;
};

describe('the Combined Summary for the meeting', () => {
  it('collates every reply, concerns first, nil and missing replies named, sections 2 and 3 blank', async () => {
    const doc = await word(`/cases/${record.id}/documents/combined-summary.docx`);
    const lines = doc.paragraphs;
    expect(lines[0]).toBe('Combined Summary for the Rapid Review meeting');
    expect(doc.headers.join(' ')).toContain('OFFICIAL-SENSITIVE — contains personal data');
    expect(doc.footers.join(' ')).toContain('OFFICIAL-SENSITIVE — contains personal data');
    expect(lines).toContain(CHILD);
    const concerns = at(lines, 'Immediate safety concerns');
    expect(at(lines, 'discharge home tonight')).toBeGreaterThan(concerns);
    const hospital = at(lines, 'University Hospitals of Leicester NHS Trust — immediate safety concern');
    const police = lines.lastIndexOf('Leicestershire Police');
    expect(concerns).toBeLessThan(hospital);
    expect(hospital).toBeLessThan(police);
    expect(lines.some((l) => l.startsWith('Leicester City Council Education Safeguarding: nil return'))).toBe(true);
    // The reply's dates as precise as they were given.
    expect(lines).toContain('May 2024 to Saturday 31 October 2026');
    expect(lines[at(lines, 'Missed paediatric appointment.') - 1]).toBe('about February 2025');
    expect(lines.some((l) => l.startsWith('Leicestershire Partnership NHS Trust: Information Request Reply due'))).toBe(
      true,
    );
    expect(at(lines, 'Section 2: Discussion at the meeting')).toBeLessThan(
      at(lines, 'Section 3: Decision and rationale'),
    );
    expect(lines[at(lines, 'Rationale for the decision') + 1]).toBe('');
  });

  it('is anonymised on request: roles and the pseudonym instead of names, no date of birth, no address', async () => {
    const doc = await word(`/cases/${record.id}/documents/combined-summary.docx?anonymised=true`);
    expect(doc.paragraphs[0]).toBe('Combined Summary for the Rapid Review meeting (anonymised)');
    expect(doc.headers.join(' ')).toContain('Anonymised');
    expect(mentionsAny(doc.all)).toEqual([]);
    expect(doc.all).toContain('Child R (DOB [date of birth removed]) disclosed that Stepfather hits him');
    expect(doc.all).toContain('Domestic abuse at [address removed]: Stepfather arrested after assaulting Mother.');
    expect((await staff.get(`/cases/${record.id}/documents/combined-summary.docx?anonymised=maybe`)).status).toBe(400);
  });
});

describe('the National Panel documents', () => {
  it("are refused until the meeting's decision is recorded, then report it", async () => {
    for (const document of ['national-panel-summary', 'national-panel-letter']) {
      const refused = await staff.get(`/cases/${record.id}/documents/${document}.docx`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('no-meeting-decision');
    }
    expect((await staff.get(`/cases/${record.id}/meeting-decision`)).body).toEqual({ decision: null });
    const body = {
      meetingDate: today(),
      decision: 'cspr',
      rationale: `Agencies did not share the incident involving ${STEPFATHER}; the criteria are met.`,
      learningIdentified: 'Sharing of missed health appointments with the GP.',
      immediateActions: `Strategy meeting for ${CHILD_FIRST}'s siblings.`,
    };
    const future = await staff.put(`/cases/${record.id}/meeting-decision`, { ...body, meetingDate: '2099-01-01' });
    expect(future.status).toBe(400);
    expect((await staff.put(`/cases/${record.id}/meeting-decision`, { ...body, decision: 'maybe' })).status).toBe(400);
    const recorded = await staff.put(`/cases/${record.id}/meeting-decision`, body);
    expect(recorded.status).toBe(200);
    expect(recorded.body.decision).toMatchObject({ decision: 'cspr', meetingDate: today(), rationale: body.rationale });
    expect((await staff.get(`/cases/${record.id}/meeting-decision`)).body.decision.rationale).toBe(body.rationale);

    const summary = await word(`/cases/${record.id}/documents/national-panel-summary.docx`);
    expect(summary.paragraphs[0]).toBe('Combined Summary for the National Panel');
    for (const text of [
      'The criteria for a Child Safeguarding Practice Review are met: a review will be carried out',
      body.rationale,
      body.learningIdentified,
      body.immediateActions,
      'Rapid Review',
    ]) {
      expect(summary.paragraphs).toContain(text);
    }
    const letter = await word(`/cases/${record.id}/documents/national-panel-letter.docx`);
    expect(letter.all).toContain('Mailbox.NationalReviewPanel@education.gov.uk');
    expect(letter.all).toContain(CHILD);
    expect(letter.paragraphs).toContain(body.rationale);

    for (const document of ['national-panel-summary', 'national-panel-letter']) {
      const anonymised = await word(`/cases/${record.id}/documents/${document}.docx?anonymised=true`);
      expect(
        anonymised.paragraphs.filter((p) => /^(Combined Summary|Covering letter).*\(anonymised\)$/.test(p)),
      ).toHaveLength(1);
      expect(mentionsAny(anonymised.all)).toEqual([]);
      expect(anonymised.all).toContain('Agencies did not share the incident involving Stepfather');
    }
    // The meeting's summary keeps its decision sections blank: they are completed at the meeting.
    expect((await word(`/cases/${record.id}/documents/combined-summary.docx`)).all).not.toContain(body.rationale);
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events as { action: string; detail?: object }[];
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'meeting-decision.recorded',
        // Held on day 0, before the Rapid Review meeting window: recorded, and recorded as outside it.
        detail: { decision: 'cspr', meetingDate: today(), replaced: false, outsideWindow: true },
      }),
    );
  });
});

describe('the documents each route and decision call for (§4.8.1, §4.9)', () => {
  const decide = async (caseId: string, decision: string) =>
    expect(
      (
        await staff.put(`/cases/${caseId}/meeting-decision`, {
          meetingDate: today(),
          decision,
          rationale: 'Recorded for the test.',
          learningIdentified: 'None yet.',
        })
      ).status,
    ).toBe(200);
  const refused = async (caseId: string, document: string) => {
    const answer = await staff.get(`/cases/${caseId}/documents/${document}.docx`);
    return [document, answer.status, answer.body?.error?.code];
  };
  const packedDocuments = async ({ id, reference }: { id: string; reference: string }) => {
    const made = await staff.post(`/cases/${id}/pack`, {});
    expect(made.status).toBe(201);
    const files = unzipSync(new Uint8Array(await (await fetch(made.body.url as string)).arrayBuffer()));
    return Object.keys(files)
      .filter((path) => /^documents\/[^/]+\.docx$/.test(path))
      .map((path) => path.replace(`documents/${reference}-`, ''))
      .sort();
  };

  it('an agency referral the Case Review Group decided not to review sends nothing to the National Panel', async () => {
    const referral = await openCase(staff, { route: 'agency-referral' });
    await decide(referral.id, 'no-further-review');
    for (const document of ['national-panel-summary', 'national-panel-letter']) {
      expect(await refused(referral.id, document)).toEqual([document, 409, 'not-reported']);
    }
    expect((await staff.download(`/cases/${referral.id}/documents/combined-summary.docx`)).status).toBe(200);
    expect(await packedDocuments(referral)).toEqual(['combined-summary-anonymised.docx', 'combined-summary.docx']);

    await decide(referral.id, 'cspr');
    const letter = readDocx((await staff.download(`/cases/${referral.id}/documents/national-panel-letter.docx`)).bytes);
    expect(letter.paragraphs).toContain(`Case Review Group decision: case ${referral.reference}`);
  });

  it('a Child Safeguarding Practice Review has no Combined Summary and writes nothing to the National Panel', async () => {
    const review = await openCase(staff, { route: 'cspr' });
    // Its day 0 is the decision to review: there is no meeting decision to record.
    const decision = await staff.put(`/cases/${review.id}/meeting-decision`, {
      meetingDate: today(),
      decision: 'cspr',
      rationale: 'Recorded for the test.',
      learningIdentified: 'None yet.',
    });
    expect([decision.status, decision.body.error.code]).toEqual([409, 'not-for-route']);
    for (const document of ['combined-summary', 'national-panel-summary', 'national-panel-letter']) {
      expect(await refused(review.id, document)).toEqual([document, 409, 'not-for-route']);
    }
    expect(await packedDocuments(review)).toEqual([]);
  });
});

describe('the multi-agency chronology in Word', () => {
  it('is a landscape table, named or anonymised', async () => {
    const named = await word(`/cases/${record.id}/documents/chronology.docx`);
    expect(named.landscape).toBe(true);
    expect(named.paragraphs).toContain('What happened');
    expect(named.paragraphs).toContain(`${CHILD} seen at home with ${MOTHER}.`);
    // The practitioner's role, as in the CSV and Excel exports (§8.4).
    expect(named.paragraphs).toContain('Practitioner role');
    expect(named.paragraphs).toContain('Named nurse');
    const anonymised = await word(`/cases/${record.id}/documents/chronology.docx?anonymised=true`);
    expect(anonymised.landscape).toBe(true);
    expect(anonymised.paragraphs).toContain('Child R seen at home with Mother.');
    expect(mentionsAny(anonymised.all)).toEqual([]);
  });
});

describe('the Information Request Letter', () => {
  it('is shown to the agency after its code, and to the office, and is never e-mailed', async () => {
    const forAgency = await leads.police!.download(`/agency/requests/${requests.police}/letter.docx`);
    expect(forAgency.status).toBe(200);
    expect(forAgency.headers.get('content-disposition')).toBe(
      `attachment; filename="${record.reference}-information-request-letter.docx"`,
    );
    const letter = readDocx(forAgency.bytes);
    const text = letter.paragraphs.join('\n');
    expect(text).toContain('Information Request Letter');
    expect(text).toContain('Leicester Safeguarding Boards Office');
    expect(text).toContain(record.reference);
    expect(text).toContain('Leicestershire Police');
    expect(text).toContain(CHILD);
    expect(text).toContain('Information Request Reply');
    expect(text).toContain('Chronology of key events');
    expect(text).toMatch(/Please reply by \w+day \d{1,2} \w+ \d{4} \(\d{2}\/\d{2}\/\d{4}\)/);
    expect(text).toContain('secure all records');
    expect(letter.all).not.toMatch(/https?:|token/i);

    // The office can download it too; another agency's session cannot read it; nobody signed out can.
    const office = await word(`/cases/${record.id}/requests/${requests.police}/letter.docx`);
    expect(office.paragraphs.join('\n')).toContain('To: ');
    expect((await leads.hospital!.download(`/agency/requests/${requests.police}/letter.docx`)).status).toBe(404);
    expect((await new ApiClient().download(`/agency/requests/${requests.police}/letter.docx`)).status).toBe(401);

    // No e-mail the portal sent, to anyone, carries an attachment or the letter's text.
    const sent = await mailbox();
    expect(sent.length).toBeGreaterThan(0);
    for (const email of sent as unknown as { attachments?: unknown[]; body: { text?: string; html?: string } }[]) {
      expect(email.attachments ?? []).toEqual([]);
      const body = `${email.body.text ?? ''} ${email.body.html ?? ''}`;
      expect(body).not.toContain('Information Request Letter');
      expect(body).not.toContain('secure all records');
      expect(mentionsAny(body)).toEqual([]);
    }
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events as {
      action: string;
      actor: { type: string };
      detail?: Record<string, unknown>;
    }[];
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'document.downloaded',
        actor: expect.objectContaining({ type: 'agency' }),
        detail: { document: 'request-letter', marking: 'named' },
      }),
    );
  });
});

describe('a return as a Word document', () => {
  it('is made for any submitted version, lists its attachments by name, and is audited as a download', async () => {
    const path = `/cases/${record.id}/requests/${requests.police}/return.docx`;
    const file = await staff.download(`${path}?version=1`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe(DOCX);
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="${record.reference}-leicestershire-police-information-request-reply-v1.docx"`,
    );
    const doc = readDocx(file.bytes);
    expect(doc.paragraphs[0]).toBe('Information Request Reply from Leicestershire Police');
    expect(doc.headers.join(' ')).toContain('OFFICIAL-SENSITIVE — contains personal data');
    expect(doc.paragraphs).toContain(`Strategy meeting minutes.docx (${Math.round(uploadedDocx.length / 1024)} KB)`);
    expect(doc.all).toContain(`${STEPFATHER} arrested after assaulting ${MOTHER}`);
    expect(doc.paragraphs).toContain('Facts distinguished from opinion');
    // The latest when no version is named; a chronology shows each row's fact or opinion.
    expect((await staff.download(path)).status).toBe(200);
    const chronologyDoc = readDocx(
      (await staff.download(`/cases/${record.id}/requests/${requests.hospitalChronology}/return.docx`)).bytes,
    );
    expect(chronologyDoc.landscape).toBe(true);
    expect(chronologyDoc.paragraphs).toContain('Fact or opinion');
    expect(chronologyDoc.paragraphs).toContain(`${CHILD_FIRST} admitted with bruising; ${STEPFATHER} present.`);

    // As the return itself: a version never submitted is not found; one that cannot be a version is bad input.
    for (const [query, status, code] of [
      ['?version=2', 404, 'no-such-version'],
      ['?version=first', 400, 'invalid-request'],
    ] as const) {
      const refused = await staff.get(`${path}${query}`);
      expect([query, refused.status, refused.body.error.code]).toEqual([query, status, code]);
    }
    const unanswered = await staff.get(`/cases/${record.id}/requests/${requests.community}/return.docx`);
    expect([unanswered.status, unanswered.body.error.code]).toEqual([404, 'not-submitted']);

    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events as {
      action: string;
      requestId?: string;
      actor: { type: string };
      detail?: Record<string, unknown>;
    }[];
    expect(trail).toContainEqual(
      expect.objectContaining({
        action: 'document.downloaded',
        requestId: requests.police,
        actor: expect.objectContaining({ type: 'staff' }),
        detail: { document: 'return', marking: 'named', version: 1 },
      }),
    );
  });
});

describe('the case pack', () => {
  it('zips every return, the attachment and the generated documents, with a manifest of SHA-256s; audited', async () => {
    const made = await staff.post(`/cases/${record.id}/pack`, {});
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      fileName: `${record.reference}-case-pack.zip`,
      expiresInSeconds: 300,
      notIncluded: 0,
    });
    // The zip is fetched from the bucket (s3rver here) by its presigned address, as a download.
    const pack = await fetch(made.body.url as string);
    expect(pack.status).toBe(200);
    expect(pack.headers.get('content-type')).toBe('application/zip');
    expect(pack.headers.get('content-disposition')).toBe(`attachment; filename="${record.reference}-case-pack.zip"`);
    const files = unzipSync(new Uint8Array(await pack.arrayBuffer()));
    expect(made.body.files).toBe(Object.keys(files).length - 1);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
      caseReference: string;
      files: {
        path: string;
        sha256: string;
        bytes: number;
        kind: string;
        marking?: string;
        originalFileName?: string;
      }[];
      notIncluded: unknown[];
    };
    expect(manifest.caseReference).toBe(record.reference);
    expect(manifest.notIncluded).toEqual([]);
    // Every file in the zip is in the manifest with its hash, and every listed file is in the zip.
    expect(
      Object.keys(files)
        .filter((p) => p !== 'manifest.json')
        .sort(),
    ).toEqual(manifest.files.map((f) => f.path).sort());
    for (const file of manifest.files) {
      expect(sha256Hex(files[file.path]!)).toBe(file.sha256);
      expect(files[file.path]!.length).toBe(file.bytes);
    }
    // Each submitted return as stored (JSON), and beside it the same version as a Word document.
    const returns = manifest.files.filter((f) => f.kind === 'return');
    expect(returns.filter((f) => f.path.endsWith('.json'))).toHaveLength(5);
    expect(returns).toHaveLength(10);
    for (const json of returns.filter((f) => f.path.endsWith('.json'))) {
      expect(manifest.files.map((f) => f.path)).toContain(json.path.replace(/\.json$/, '.docx'));
    }
    const nil = returns.find((f) => f.path.includes('education') && f.path.endsWith('.json'))!;
    expect(JSON.parse(strFromU8(files[nil.path]!)).content.involvement).toBe('no-records');
    expect(readDocx(files[nil.path.replace(/\.json$/, '.docx')]!).paragraphs).toContain(
      'Nil return: the agency holds no records of the child or family.',
    );

    const attachment = manifest.files.find((f) => f.kind === 'attachment')!;
    expect(attachment.originalFileName).toBe('Strategy meeting minutes.docx');
    expect(Buffer.from(files[attachment.path]!).equals(Buffer.from(uploadedDocx))).toBe(true);
    expect(readDocx(files[attachment.path]!).paragraphs).toContain('Strategy meeting minutes.');

    const documents = manifest.files.filter((f) => f.kind === 'document').map((f) => f.path);
    for (const name of ['combined-summary', 'national-panel-summary', 'national-panel-letter', 'chronology']) {
      expect(documents).toContain(`documents/${record.reference}-${name}.docx`);
      expect(documents).toContain(`documents/${record.reference}-${name}-anonymised.docx`);
      const anonymised = readDocx(files[`documents/${record.reference}-${name}-anonymised.docx`]!);
      expect(mentionsAny(anonymised.all)).toEqual([]);
    }
    expect(documents.filter((p) => p.startsWith('documents/letters/'))).toHaveLength(4);
    expect(readDocx(files[`documents/${record.reference}-combined-summary.docx`]!).paragraphs[0]).toBe(
      'Combined Summary for the Rapid Review meeting',
    );

    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events as {
      action: string;
      actor: { type: string };
      detail?: Record<string, unknown>;
    }[];
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'case-pack.downloaded', detail: expect.objectContaining({ attachments: 1 }) }),
    );
    for (const marking of ['named', 'anonymised']) {
      expect(trail).toContainEqual(
        expect.objectContaining({
          action: 'document.downloaded',
          actor: expect.objectContaining({ type: 'staff' }),
          detail: { document: 'combined-summary', marking },
        }),
      );
    }
  });
});

describe('another partnership', () => {
  it('cannot reach any of it', async () => {
    const other = await staffClient('leicestershire-rutland');
    const paths = [
      `/cases/${record.id}/documents/combined-summary.docx`,
      `/cases/${record.id}/documents/national-panel-summary.docx?anonymised=true`,
      `/cases/${record.id}/documents/national-panel-letter.docx`,
      `/cases/${record.id}/documents/chronology.docx`,
      `/cases/${record.id}/requests/${requests.police}/letter.docx`,
      `/cases/${record.id}/requests/${requests.police}/return.docx?version=1`,
      `/cases/${record.id}/meeting-decision`,
    ];
    for (const path of paths) {
      const result: ApiResult = await other.get(path);
      expect([path, result.status]).toEqual([path, 404]);
    }
    const put = await other.put(`/cases/${record.id}/meeting-decision`, {
      meetingDate: today(),
      decision: 'no-further-review',
      rationale: 'x',
      learningIdentified: 'y',
    });
    expect(put.status).toBe(404);
    expect((await other.post(`/cases/${record.id}/pack`, {})).status).toBe(404);
  });
});
