import { memoryPortal } from '../../functions/adapters/memory';
import {
  startAgencySession,
  verifyAgencySession,
  resolveAgencySession,
} from '../../functions/domain/services/agency-access';
import { saveDraft, submitReturn } from '../../functions/domain/services/agency-returns';
import { createCase } from '../../functions/domain/services/cases';
import { runDailySweep } from '../../functions/domain/services/daily-sweep';
import { sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest, listRequests } from '../../functions/domain/services/requests';
import { seedPartnerships } from '../../scripts/local/stack';
import { completeReply } from '../support/scenario';

/**
 * The domain over the in-memory adapters (functions/adapters/memory), no emulator needed: a lead's whole
 * way from the e-mailed link to a submitted return, then the daily run, with the clock moved.
 */
describe('the portal in memory', () => {
  it('takes a return from the link to the daily run', async () => {
    const portal = memoryPortal({ now: '2026-12-18T10:00:00.000Z' });
    const { deps, mailer } = portal;
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const [agency] = await portal.store.agencies.list('leicester');
    const record = await createCase(deps, staff, {
      route: 'rapid-review',
      day0: '2026-12-18',
      subject: { name: 'Memory Child', dateOfBirth: '2020-05-05' },
    });
    const request = await createRequest(deps, staff, record.id, {
      agencyId: agency!.id,
      returnType: 'information-request-reply',
    });
    expect(request.dueOn).toBe('2027-01-06');
    await sendRequest(deps, staff, record.id, request.id);

    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.at(-1)!.text)![1]!;
    const challenge = await startAgencySession(deps, token);
    const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
    const { sessionSecret } = await verifyAgencySession(deps, challenge.challengeId, code);
    const session = await resolveAgencySession(deps, sessionSecret);

    expect(await saveDraft(deps, session, request.id, { content: { involvement: 'involved' } })).toMatchObject({
      version: 1,
    });
    const content = completeReply({ declaration: { ...completeReply().declaration, date: '2026-12-18' } }) as never;
    const receipt = await submitReturn(deps, session, request.id, { content });
    expect(await submitReturn(deps, session, request.id, { content })).toEqual(receipt);

    portal.setNow('2027-01-07T08:00:00.000Z');
    const report = await runDailySweep(deps);
    expect(report).toMatchObject({ workingDay: true, requestsDue: 0 });
    const [listed] = await listRequests(deps, staff, record.id);
    expect(listed).toMatchObject({ status: 'submitted', returnVersion: 1, reminders: [] });
  });
});
