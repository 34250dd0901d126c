import { isPaused, LINKS_STOPPED, timeLeftText } from '../../web/src/office/request-state';
import type { RequestView } from '../../web/src/lib/types';

/** What the office's grid and request page say of a request's time left (ADR 0004: stopped links). */
const request = (over: Partial<RequestView> = {}): RequestView => ({
  id: 'r',
  caseId: 'c',
  agencyId: 'a',
  agencyName: 'Leicestershire Police',
  returnType: 'chronology',
  status: 'sent',
  dueOn: '2027-01-20',
  createdAt: '2027-01-04T10:00:00.000Z',
  workingDaysLeft: 14,
  ...over,
});

describe('time left on a request', () => {
  it('counts down while the agency is being chased', () => {
    expect(timeLeftText(request(), '2027-01-04')).toBe('14 working days left');
    expect(isPaused(request())).toBe(false);
  });

  it('says the links are stopped, and how to restart, instead of counting down to reminders that will not come', () => {
    const stopped = request({ linksStopped: true, linksStoppedAt: '2027-01-04T11:00:00.000Z' });
    expect(isPaused(stopped)).toBe(true);
    expect(timeLeftText(stopped, '2027-01-04')).toBe(LINKS_STOPPED);
    expect(LINKS_STOPPED).toBe('Links stopped — send the link again to restart');
  });

  it('says nothing of links once nothing is owed', () => {
    const done = request({ status: 'accepted', linksStopped: true });
    expect(isPaused(done)).toBe(false);
    expect(timeLeftText(done, '2027-01-04')).toBe('–');
  });
});
