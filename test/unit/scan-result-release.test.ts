import { memoryPortal } from '../../functions/adapters/memory';
import type { ScanVerdict } from '../../functions/domain/files/malware';
import type { MalwareScanner } from '../../functions/domain/files/malware';
import { completeUpload, settleScannedUpload, startUpload } from '../../functions/domain/services/attachments';
import {
  resolveAgencySession,
  startAgencySession,
  verifyAgencySession,
} from '../../functions/domain/services/agency-access';
import { createCase } from '../../functions/domain/services/cases';
import { sendRequest, withdrawRequest } from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';
import { makeDocm, makeDocx } from '../fixtures/files/generate';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** GuardDuty as the domain sees it: a verdict tag per object, absent (pending) until the scan is done. */
class TaggingScanner implements MalwareScanner {
  readonly tags = new Map<string, ScanVerdict>();
  async scan(object: { key: string }): Promise<ScanVerdict> {
    return this.tags.get(object.key) ?? 'pending';
  }
}

async function uploaded(bytes: Uint8Array, fileName = 'Minutes.docx', contentType = DOCX) {
  const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
  const scanner = new TaggingScanner();
  const deps = { ...portal.deps, scanner };
  await seedPartnerships(portal.store, true);
  const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
  const [agency] = await portal.store.agencies.list('leicester');
  const record = await createCase(deps, staff, {
    route: 'rapid-review',
    day0: '2026-12-18',
    subject: { name: 'Scan Child', dateOfBirth: '2020-05-05' },
  });
  const request = await createRequest(deps, staff, record.id, { agencyId: agency!.id, returnType: 'chronology' });
  await sendRequest(deps, staff, record.id, request.id);
  const token = /#token=([A-Za-z0-9_-]{43})/.exec(portal.mailer.sent.at(-1)!.text)![1]!;
  const challenge = await startAgencySession(deps, token);
  const code = /\bis (\d{6})\./.exec(portal.mailer.sent.at(-1)!.text)![1]!;
  const session = await resolveAgencySession(
    deps,
    (await verifyAgencySession(deps, challenge.challengeId, code)).sessionSecret,
  );
  const started = await startUpload(deps, session, request.id, { fileName, contentType, size: bytes.length });
  const key = started.upload.fields.key as string;
  await portal.bucket.write(key, bytes);
  const audit = async (action: string) =>
    (await portal.store.audit.list('leicester', record.id)).filter((event) => event.action === action);
  return { portal, deps, scanner, staff, record, request, session, attachmentId: started.attachment.id, key, audit };
}

describe('releasing an upload when GuardDuty reports its scan result', () => {
  it('releases a clean file the lead left while it was being scanned, once', async () => {
    const { portal, deps, scanner, session, request, attachmentId, key, audit } = await uploaded(await makeDocx());
    expect(key).toMatch(/^quarantine\//);
    expect(await completeUpload(deps, session, request.id, attachmentId)).toMatchObject({ status: 'scanning' });

    // The result arrives before the tag can be read: nothing changes, and the handler has the event retried.
    expect(await settleScannedUpload(deps, key)).toBe('scanning');

    scanner.tags.set(key, 'clean');
    expect(await settleScannedUpload(deps, key)).toBe('released');
    const released = key.replace(/^quarantine\//, 'attachments/');
    expect(portal.bucket.objects.has(released)).toBe(true);
    expect(portal.bucket.objects.has(key)).toBe(false);
    const events = await audit('attachment.released');
    expect(events).toHaveLength(1);
    expect(events[0]!.actor).toEqual({ type: 'system', name: 'malware-scan-result' });

    // EventBridge delivers at least once; the lead's page may still ask.
    expect(await settleScannedUpload(deps, key)).toBe('already-settled');
    expect(await completeUpload(deps, session, request.id, attachmentId)).toMatchObject({ status: 'available' });
    expect(await audit('attachment.released')).toHaveLength(1);
  });

  it('checks a file whose lead never asked, and keeps an infected one back for investigation', async () => {
    const { portal, deps, scanner, session, request, attachmentId, key, audit } = await uploaded(await makeDocx());
    scanner.tags.set(key, 'infected');
    expect(await settleScannedUpload(deps, key)).toBe('rejected');
    expect(portal.bucket.objects.has(key)).toBe(true);
    expect(await audit('attachment.quarantined')).toHaveLength(1);
    expect(await completeUpload(deps, session, request.id, attachmentId)).toMatchObject({ status: 'rejected' });
  });

  it("runs the server's own checks first: a clean scan does not release a macro-enabled document", async () => {
    const { portal, deps, scanner, key, audit } = await uploaded(await makeDocm(), 'Minutes.docx');
    scanner.tags.set(key, 'clean');
    expect(await settleScannedUpload(deps, key)).toBe('rejected');
    expect(portal.bucket.objects.has(key.replace(/^quarantine\//, 'attachments/'))).toBe(false);
    expect(await audit('attachment.released')).toHaveLength(0);
    expect(await audit('attachment.rejected')).toHaveLength(1);
  });

  it('settles once when the scan result and the lead race', async () => {
    const { deps, scanner, session, request, attachmentId, key, audit } = await uploaded(await makeDocx());
    expect(await completeUpload(deps, session, request.id, attachmentId)).toMatchObject({ status: 'scanning' });
    scanner.tags.set(key, 'clean');
    const [fromEvent, fromLead] = await Promise.all([
      settleScannedUpload(deps, key),
      completeUpload(deps, session, request.id, attachmentId),
    ]);
    expect(['released', 'already-settled']).toContain(fromEvent);
    expect(fromLead).toMatchObject({ status: 'available' });
    expect(await audit('attachment.released')).toHaveLength(1);
  });

  it('leaves files of a withdrawn return, and ignores objects that are not uploads', async () => {
    const { deps, scanner, staff, record, request, key, audit } = await uploaded(await makeDocx());
    await withdrawRequest(deps, staff, record.id, request.id, 'Sent to the wrong agency');
    scanner.tags.set(key, 'clean');
    expect(await settleScannedUpload(deps, key)).toBe('return-not-editable');
    expect(await audit('attachment.released')).toHaveLength(0);
    for (const other of [
      'quarantine/leicester/no-such-case/no-such-request/no-such-file',
      'quarantine/../attachments/x/y/z',
      'attachments/leicester/a/b/c',
      `${key}/extra`,
    ]) {
      expect(await settleScannedUpload(deps, other)).toBe('not-an-upload');
    }
  });
});
