import { readDocx } from '../support/docx';
import { staffClient } from '../support/portal';
import { completeReply, sentRequest, signInAgency } from '../support/scenario';

/**
 * Acknowledging an immediate safety concern through the API: the office records what was done (required),
 * the case no longer counts it as needing action, the audit trail and the Combined Summary keep it.
 */
describe('acknowledging an immediate safety concern', () => {
  it('records the action, by whom and when; the concern stays on the record but no longer needs action', async () => {
    const { staff, record, requestId, token } = await sentRequest();
    const lead = await signInAgency(token, record.reference);
    const submitted = await lead.post(`/agency/requests/${requestId}/submit`, {
      content: completeReply({ immediateSafetyConcern: { raised: true, details: 'Younger sibling still at home.' } }),
    });
    expect(submitted.status).toBe(200);
    const summary = async () =>
      (await staff.get('/cases')).body.cases.find((c: { id: string }) => c.id === record.id).returns;
    expect(await summary()).toMatchObject({ safetyConcerns: 1, safetyConcernsAcknowledged: 0 });

    const path = `/cases/${record.id}/requests/${requestId}/safety-concern/acknowledge`;
    const empty = await staff.post(path, { action: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([expect.objectContaining({ path: 'action' })]);
    expect((await staff.post(path, {})).status).toBe(400);

    const action = 'Discussed with MASH; police welfare check made 3 Dec';
    const done = await staff.post(path, { action });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      id: requestId,
      immediateSafetyConcern: true,
      safetyConcernAcknowledgement: { returnVersion: 1, action, acknowledgedBy: 'officer.leicester' },
    });
    expect(Date.parse(done.body.safetyConcernAcknowledgement.acknowledgedAt)).not.toBeNaN();
    expect(await summary()).toMatchObject({ safetyConcerns: 0, safetyConcernsAcknowledged: 1 });
    const [listed] = (await staff.get(`/cases/${record.id}/requests`)).body.requests;
    expect(listed.safetyConcernAcknowledgement.action).toBe(action);

    const again = await staff.post(path, { action: 'Again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already-acknowledged');

    const { events } = (await staff.get(`/cases/${record.id}/audit`)).body;
    expect(events.filter((e: { action: string }) => e.action === 'safety-concern.acknowledged')).toEqual([
      expect.objectContaining({
        requestId,
        actor: expect.objectContaining({ type: 'staff', username: 'officer.leicester' }),
        detail: expect.objectContaining({ version: 1, actionTaken: action }),
      }),
    ]);

    // The Combined Summary lists the concern with what was done about it.
    const docx = await staff.download(`/cases/${record.id}/documents/combined-summary.docx`);
    expect(docx.status).toBe(200);
    const text = readDocx(docx.bytes).all;
    expect(text).toContain('Younger sibling still at home.');
    expect(text).toContain(`${action} (recorded by officer.leicester on`);
  });

  it("is refused for another partnership's case as if it did not exist", async () => {
    const { record, requestId } = await sentRequest();
    const other = await staffClient('leicestershire-rutland');
    const refused = await other.post(`/cases/${record.id}/requests/${requestId}/safety-concern/acknowledge`, {
      action: 'Not theirs',
    });
    expect(refused.status).toBe(404);
  });
});
