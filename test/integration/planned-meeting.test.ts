import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { staffClient } from '../support/portal';
import { openCase, today } from '../support/scenario';

/** The Rapid Review meeting's date, set in advance through the API (§4.3.3) and changed, each time audited. */
describe('the planned Rapid Review meeting date', () => {
  const calendar = englandAndWalesCalendar();

  it('is set and changed on the case, audited, and shown with the case', async () => {
    const staff = await staffClient();
    const record = await openCase(staff);
    const meeting = record.milestones.find((m) => m.key === 'meeting') as { from: string; due: string };
    const first = await staff.put(`/cases/${record.id}/meeting-date`, { date: meeting.from });
    expect(first.status).toBe(200);
    expect(first.body.plannedMeeting).toMatchObject({ date: meeting.from, setBy: 'officer.leicester' });

    // After the window: accepted, and recorded as outside it.
    const late = calendar.addWorkingDays(meeting.due, 1);
    const moved = await staff.put(`/cases/${record.id}/meeting-date`, { date: late, reason: 'Chair unavailable' });
    expect(moved.status).toBe(200);
    expect((await staff.get(`/cases/${record.id}`)).body.plannedMeeting.date).toBe(late);
    const listed = (await staff.get('/cases')).body.cases.find((c: { id: string }) => c.id === record.id);
    expect(listed.plannedMeeting.date).toBe(late);
    const { events } = (await staff.get(`/cases/${record.id}/audit`)).body;
    expect(
      events.filter((e: { action: string }) => e.action === 'case.meeting-planned').map((e: any) => e.detail),
    ).toEqual([
      { meetingDate: meeting.from, outsideWindow: false },
      { meetingDate: late, previousDate: meeting.from, outsideWindow: true, reason: 'Chair unavailable' },
    ]);
  });

  it('refuses a day in the past, a malformed date, another route, and another partnership', async () => {
    const staff = await staffClient();
    const record = await openCase(staff);
    const past = await staff.put(`/cases/${record.id}/meeting-date`, { date: '2020-01-06' });
    expect(past.status).toBe(400);
    expect(past.body.error.issues).toEqual([{ path: 'date', message: 'The meeting date cannot be in the past' }]);
    expect((await staff.put(`/cases/${record.id}/meeting-date`, { date: 'soon' })).status).toBe(400);
    const cspr = await openCase(staff, { route: 'cspr' });
    const refused = await staff.put(`/cases/${cspr.id}/meeting-date`, { date: calendar.addWorkingDays(today(), 5) });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('no-meeting-to-plan');
    const other = await staffClient('leicestershire-rutland');
    expect(
      (await other.put(`/cases/${record.id}/meeting-date`, { date: calendar.addWorkingDays(today(), 5) })).status,
    ).toBe(404);
  });
});
