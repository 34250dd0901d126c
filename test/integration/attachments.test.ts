import { randomUUID } from 'node:crypto';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { londonDate } from '../../functions/domain/calendar';
import { ApiClient, staffClient, tokenFromEmail, waitForMail } from '../support/portal';
import { expectToMatchContract } from '../support/contract';
import { completeReply, sentRequest, signInAgency } from '../support/scenario';
import { eicar, makeDocm, makeDocx, makePdf, oleBytes } from '../fixtures/files/generate';

/**
 * Documents attached to a return: presigned POST into quarantine, checks on the server (s3rver does not
 * enforce the POST policy, so the server's own checks are what is tested), release, audited downloads.
 */
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function upload(
  lead: ApiClient,
  requestId: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array,
  declaredSize = bytes.length,
) {
  const started = await lead.post(`/agency/requests/${requestId}/attachments`, {
    fileName,
    contentType,
    size: declaredSize,
  });
  if (started.status !== 201) return { started };
  const { url, fields } = started.body.upload as { url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)], { type: contentType }), fileName);
  const posted = await fetch(url, { method: 'POST', body: form });
  const completed = await lead.post(`/agency/requests/${requestId}/attachments/${started.body.attachment.id}/complete`);
  return { started, posted, completed };
}

async function agencySignedIn() {
  const scenario = await sentRequest();
  return { ...scenario, lead: await signInAgency(scenario.token, scenario.record.reference) };
}

describe('attachments', () => {
  it('uploads a real Word document and PDF, releases them, and lets the office download them once submitted', async () => {
    const { staff, record, requestId, lead } = await agencySignedIn();
    const docx = await upload(lead, requestId, 'Strategy meeting minutes.docx', DOCX, await makeDocx());
    expect(docx.started.body.upload.fields.key).toMatch(/^quarantine\//);
    expect(docx.posted!.status).toBeLessThan(300);
    expect(docx.completed!.body).toMatchObject({ status: 'available', type: 'docx' });
    expectToMatchContract('POST /api/agency/requests/{requestId}/attachments', docx.started);
    expectToMatchContract('POST /api/agency/requests/{requestId}/attachments/{attachmentId}/complete', docx.completed!);
    expectToMatchContract(
      'GET /api/agency/requests/{requestId}/attachments',
      await lead.get(`/agency/requests/${requestId}/attachments`),
    );
    const pdf = await upload(lead, requestId, 'Referral.pdf', 'application/pdf', await makePdf());
    expect(pdf.completed!.body.status).toBe('available');

    const submitted = await lead.post(`/agency/requests/${requestId}/submit`, {
      submissionId: randomUUID(),
      content: completeReply(),
    });
    expect(submitted.status).toBe(200);
    const read = await staff.get(`/cases/${record.id}/requests/${requestId}/return`);
    expectToMatchContract('GET /api/cases/{caseId}/requests/{requestId}/return', read);
    expect(read.body.attachments.map((a: { fileName: string }) => a.fileName).sort()).toEqual([
      'Referral.pdf',
      'Strategy meeting minutes.docx',
    ]);

    const listed = (await staff.get(`/cases/${record.id}/requests/${requestId}/attachments`)).body.attachments;
    const link = await staff.get(`/cases/${record.id}/requests/${requestId}/attachments/${listed[0].id}/download`);
    expectToMatchContract(
      'GET /api/cases/{caseId}/requests/{requestId}/attachments',
      await staff.get(`/cases/${record.id}/requests/${requestId}/attachments`),
    );
    expectToMatchContract('GET /api/cases/{caseId}/requests/{requestId}/attachments/{attachmentId}/download', link);
    expect(link.body.expiresInSeconds).toBe(60);
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; .*filename\*=UTF-8''Strategy%20meeting%20minutes\.docx$/,
    );
    expect(
      (await staff.get(`/cases/${record.id}/audit`)).body.events.map((e: { action: string }) => e.action),
    ).toContain('attachment.downloaded');

    // Once submitted, the files cannot change.
    expect((await lead.request('DELETE', `/agency/requests/${requestId}/attachments/${listed[0].id}`)).status).toBe(
      409,
    );
    const other = await staffClient('leicestershire-rutland');
    expect(
      (await other.get(`/cases/${record.id}/requests/${requestId}/attachments/${listed[0].id}/download`)).status,
    ).toBe(404);
  });

  it('removing a file from a reopened return keeps it for the versions already submitted', async () => {
    const { staff, record, requestId, lead } = await agencySignedIn();
    const minutes = await upload(lead, requestId, 'strategy-meeting-minutes.docx', DOCX, await makeDocx());
    const minutesId = minutes.started.body.attachment.id as string;
    const submit = (client: ApiClient, overrides: Record<string, unknown> = {}) =>
      client.post(`/agency/requests/${requestId}/submit`, {
        submissionId: randomUUID(),
        content: completeReply(overrides),
      });
    expect((await submit(lead)).status).toBe(200);

    // Asked for more, the lead takes the minutes off the new version, and adds and removes a stray file.
    const calendar = englandAndWalesCalendar();
    await staff.post(`/cases/${record.id}/requests/${requestId}/request-more`, {
      dueOn: calendar.addWorkingDays(londonDate(new Date()), 5),
      reason: 'Please replace the minutes with the signed copy.',
    });
    const [mail] = await waitForMail(
      (e) => e.subject.startsWith('More information requested') && e.subject.includes(record.reference),
    );
    const again = await signInAgency(tokenFromEmail(mail!)!, record.reference);
    const stray = await upload(again, requestId, 'stray.pdf', 'application/pdf', await makePdf());
    const strayId = stray.started.body.attachment.id as string;
    expect((await again.request('DELETE', `/agency/requests/${requestId}/attachments/${minutesId}`)).status).toBe(204);
    expect((await again.request('DELETE', `/agency/requests/${requestId}/attachments/${minutesId}`)).status).toBe(404);
    expect((await again.request('DELETE', `/agency/requests/${requestId}/attachments/${strayId}`)).status).toBe(204);
    expect((await again.get(`/agency/requests/${requestId}/attachments`)).body.attachments).toEqual([]);

    const downloads = async (attachmentId: string) => {
      const link = await staff.get(`/cases/${record.id}/requests/${requestId}/attachments/${attachmentId}/download`);
      return link.status === 200 ? (await fetch(link.body.url)).status : link.status;
    };
    // Version 1 still lists the minutes, and the office can still download them.
    const v1 = await staff.get(`/cases/${record.id}/requests/${requestId}/return?version=1`);
    expect(v1.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['strategy-meeting-minutes.docx']);
    expect(await downloads(minutesId)).toBe(200);
    // The stray file was never part of a version: it is gone.
    expect(await downloads(strayId)).toBe(404);

    expect((await submit(again, { earlyLearning: 'Signed minutes to follow.' })).status).toBe(200);
    expect((await staff.get(`/cases/${record.id}/requests/${requestId}/return`)).body).toMatchObject({
      version: 2,
      attachments: [],
    });
    const v1Again = await staff.get(`/cases/${record.id}/requests/${requestId}/return?version=1`);
    expect(v1Again.body.attachments).toHaveLength(1);
    expect(await downloads(minutesId)).toBe(200);
  });

  it.each([
    ['a macro-enabled Word file', 'Minutes.docx', DOCX, () => makeDocm(), 'macro-enabled'],
    ['an old binary Word file', 'Minutes.docx', DOCX, async () => oleBytes(4096), 'legacy-office'],
    [
      'a program renamed as a PDF',
      'Report.pdf',
      'application/pdf',
      async () => new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]),
      'executable',
    ],
    ['a Word file declared as a PDF', 'Report.pdf', 'application/pdf', () => makeDocx(), 'content-mismatch'],
    [
      'the EICAR test virus',
      'Report.pdf',
      'application/pdf',
      async () => new Uint8Array([...(await makePdf()), ...eicar()]),
      'scan-infected',
    ],
  ])('refuses %s, and does not release it', async (_label, fileName, contentType, make, reason) => {
    const { staff, record, requestId, lead } = await agencySignedIn();
    const { completed } = await upload(lead, requestId, fileName, contentType, await make());
    expect(completed!.body.status).toBe('rejected');
    expect(completed!.body.rejectedMessage).toBeTruthy();
    expect(completed!.body.rejectedMessage).not.toContain(fileName);
    // Nobody is e-mailed about a refused file: the message must not say the office was told.
    expect(completed!.body.rejectedMessage).not.toMatch(/has been told/);
    const listed = (await lead.get(`/agency/requests/${requestId}/attachments`)).body.attachments;
    expect(listed).toEqual([expect.objectContaining({ status: 'rejected' })]);
    expect((await lead.get(`/agency/requests/${requestId}/attachments/${listed[0].id}/download`)).status).toBe(404);
    // The office can see it was not accepted, and why, as the agency was told; it cannot download it.
    const office = (await staff.get(`/cases/${record.id}/requests/${requestId}/attachments`)).body.attachments;
    expect(office).toEqual([
      expect.objectContaining({ id: listed[0].id, fileName, status: 'rejected', rejectedReason: reason }),
    ]);
    expect(
      (await staff.get(`/cases/${record.id}/requests/${requestId}/attachments/${listed[0].id}/download`)).status,
    ).toBe(404);
    const trail = (await staff.get(`/cases/${record.id}/audit`)).body.events;
    const refusal = trail.find(
      (e: { action: string }) => e.action === 'attachment.rejected' || e.action === 'attachment.quarantined',
    );
    expect(refusal.detail.reason).toBe(reason);
  });

  it('checks the size of what arrived, since the emulator does not enforce the upload policy', async () => {
    const { requestId, lead } = await agencySignedIn();
    const bytes = await makePdf();
    const { completed } = await upload(lead, requestId, 'Report.pdf', 'application/pdf', bytes, bytes.length - 10);
    expect(completed!.body).toMatchObject({ status: 'rejected' });
  });

  it('refuses types other than Word, PDF and Excel before any upload', async () => {
    const { requestId, lead } = await agencySignedIn();
    for (const [fileName, contentType] of [
      ['page.html', 'text/html'],
      ['macro.docm', DOCX],
      ['report.pdf', DOCX],
    ]) {
      const started = await lead.post(`/agency/requests/${requestId}/attachments`, {
        fileName,
        contentType,
        size: 100,
      });
      expect(started.status).toBe(400);
    }
  });

  it('limits the number of files per return', async () => {
    const { requestId, lead } = await agencySignedIn();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i += 1) {
      statuses.push(
        (
          await lead.post(`/agency/requests/${requestId}/attachments`, {
            fileName: `f${i}.pdf`,
            contentType: 'application/pdf',
            size: 1000,
          })
        ).status,
      );
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses[20]).toBe(409);
  });

  it('counts files atomically: of 25 started at once, exactly 20 are accepted', async () => {
    const { requestId, lead } = await agencySignedIn();
    const started = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        lead.post(`/agency/requests/${requestId}/attachments`, {
          fileName: `at-once-${i}.pdf`,
          contentType: 'application/pdf',
          size: 1000,
        }),
      ),
    );
    expect(started.filter((r) => r.status === 201)).toHaveLength(20);
    expect(started.filter((r) => r.status === 409).every((r) => r.body.error.code === 'attachment-limit')).toBe(true);
    expect(started.filter((r) => r.status === 409)).toHaveLength(5);
    const listed = await lead.get(`/agency/requests/${requestId}/attachments`);
    expect(listed.body.attachments).toHaveLength(20);
  });

  it('holds a submission back while a file is still unchecked', async () => {
    const { requestId, lead } = await agencySignedIn();
    await lead.post(`/agency/requests/${requestId}/attachments`, {
      fileName: 'later.pdf',
      contentType: 'application/pdf',
      size: 1000,
    });
    const submitted = await lead.post(`/agency/requests/${requestId}/submit`, { content: completeReply() });
    expect(submitted.status).toBe(409);
    expect(submitted.body.error.code).toBe('files-pending');
  });
});
