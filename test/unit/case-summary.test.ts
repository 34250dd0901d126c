import { memoryPortal } from '../../functions/adapters/memory';
import type { ReturnRequest } from '../../functions/domain/model';
import { summariseReturns } from '../../functions/domain/services/cases';

/** The case list's summary of a case's returns (GET /api/cases), from which the dashboard's state is made. */
const { deps } = memoryPortal({ now: '2026-12-01T10:00:00.000Z' });

function request(changes: Partial<ReturnRequest>): ReturnRequest {
  return {
    id: 'r',
    partnershipId: 'leicester',
    caseId: 'c',
    agencyId: 'a',
    returnType: 'chronology',
    status: 'sent',
    dueOn: '2026-12-10',
    createdAt: '2026-11-30T09:00:00.000Z',
    createdBy: 'officer',
    route: 'rapid-review',
    caseReference: 'TEST-1',
    revision: 1,
    ...changes,
  };
}

describe('the summary of a case’s returns', () => {
  it('counts nil returns in, submitted or accepted, apart from the others', () => {
    const summary = summariseReturns(deps, [
      request({ status: 'submitted', nilReturn: true }),
      request({ status: 'accepted', nilReturn: true }),
      request({ status: 'accepted', nilReturn: false }),
      // Reopened after a nil return: the agency owes a new version, so it is not counted as a nil return.
      request({ status: 'more-info-requested', nilReturn: true }),
    ]);
    expect(summary).toMatchObject({ total: 4, submitted: 1, closed: 2, awaiting: 1, nilReturns: 2 });
  });
});
