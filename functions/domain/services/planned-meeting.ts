import type { IsoDate } from '../calendar';
import { conflict, invalid, type FieldIssue } from '../errors';
import { outsideMeetingWindow } from '../meeting-window';
import type { PlannedMeeting } from '../model';
import { withMilestones, type CaseWithMilestones } from './cases';
import { auditEvent, requireCase, requirePartnership, staffActor, today, type StaffPrincipal } from './context';
import type { PortalDeps } from '../ports';

/**
 * The Rapid Review meeting's date, set in advance (§4.3.3: within two working days, with the requests) and
 * changed as plans change, each time audited. A date outside the partnership's meeting window is allowed
 * (a chair's diary may force it) but recorded as such: the pages warn before it is set.
 */
export async function setPlannedMeeting(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: { date: IsoDate; reason?: string },
): Promise<CaseWithMilestones> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const record = await requireCase(deps, partnership.id, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  if (record.route !== 'rapid-review') {
    throw conflict('Only a Rapid Review has a meeting date to set', 'no-meeting-to-plan');
  }
  const issues: FieldIssue[] = [];
  if (input.date < today(deps)) issues.push({ path: 'date', message: 'The meeting date cannot be in the past' });
  else if (!deps.calendar.isWorkingDay(input.date)) {
    issues.push({ path: 'date', message: 'The meeting date must be a working day (not a weekend or bank holiday)' });
  }
  if (issues.length) throw invalid("Check the meeting's date", issues);

  const previous = record.plannedMeeting;
  if (previous?.date === input.date) return withMilestones(deps, partnership, record);
  const outside = outsideMeetingWindow(withMilestones(deps, partnership, record).milestones, input.date);
  const reason = input.reason?.trim();
  const planned: PlannedMeeting = { date: input.date, setAt: deps.clock.now().toISOString(), setBy: staff.username };
  const stored = await deps.store.cases.setPlannedMeeting(
    record,
    planned,
    auditEvent(deps, staffActor(staff), partnership.id, caseId, 'case.meeting-planned', {
      detail: {
        meetingDate: input.date,
        ...(previous ? { previousDate: previous.date } : {}),
        outsideWindow: outside !== undefined,
        ...(reason ? { reason } : {}),
      },
    }),
  );
  if (!stored) throw conflict('The case is closed', 'case-closed');
  return withMilestones(deps, partnership, { ...record, plannedMeeting: planned });
}
