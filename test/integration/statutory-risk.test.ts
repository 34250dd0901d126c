import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { staffClient } from '../support/portal';
import { agencyNamed, openCase } from '../support/scenario';

/** What the case list gives the dashboard to judge statutory risk by, as the case page judges it. */
describe('statutory risk on the case list', () => {
  it('gives each watched milestone the day the daily run warns from, and the owed returns’ due dates', async () => {
    const calendar = englandAndWalesCalendar();
    const staff = await staffClient();
    const record = await openCase(staff);
    const panel = record.milestones.find((m) => m.key === 'national-panel')!;
    const agency = await agencyNamed(staff, 'Leicestershire Police');
    const late = calendar.addWorkingDays(panel.due, 2);
    const created = await staff.post(`/cases/${record.id}/requests`, {
      agencyId: agency.id,
      returnType: 'chronology',
      dueOn: late,
    });
    expect(created.status).toBe(201);

    const listed = (await staff.get('/cases')).body.cases.find((c: { id: string }) => c.id === record.id);
    expect(listed.returns.outstandingDueDates).toEqual([late]);
    const warnFrom = Object.fromEntries(
      listed.milestones.map((m: { key: string; warnFrom?: string }) => [m.key, m.warnFrom]),
    );
    // The partnership's alert settings (config/partnerships.json): two working days before day 15.
    expect(warnFrom['national-panel']).toBe(calendar.addWorkingDays(panel.due, -2));
    // Replies are reported missing the working day after they were due (ADR 0010).
    const repliesDue = listed.milestones.find((m: { key: string }) => m.key === 'replies-due').due;
    expect(warnFrom.meeting).toBe(calendar.addWorkingDays(repliesDue, 1));
    expect((await staff.get(`/cases/${record.id}`)).body.milestones).toEqual(listed.milestones);
  });
});
