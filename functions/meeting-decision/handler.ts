import { MeetingDecisionBody } from '../contract/schemas';
import { getMeetingDecision, recordMeetingDecision } from '../domain/services/meeting-decisions';
import type { Handler } from '../http/api-handler';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

const read = staffRoute({ params: ['caseId'] }, async ({ params }, staff) => ({
  status: 200,
  body: await getMeetingDecision(deps, staff, params.caseId as string),
}));

const record = staffRoute({ params: ['caseId'], body: MeetingDecisionBody }, async ({ params, body }, staff) => ({
  status: 200,
  body: await recordMeetingDecision(deps, staff, params.caseId as string, body),
}));

/** Serves both methods of the meeting's decision: reading it, and recording it. */
export const handler: Handler = (event, context) => (event.httpMethod === 'PUT' ? record : read)(event, context);
