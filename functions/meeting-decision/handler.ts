import { MeetingDecisionBody, PlannedMeetingBody } from '../contract/schemas';
import { getMeetingDecision, recordMeetingDecision } from '../domain/services/meeting-decisions';
import { setPlannedMeeting } from '../domain/services/planned-meeting';
import type { Handler } from '../http/api-handler';
import { caseView } from '../http/views';
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

const plan = staffRoute({ params: ['caseId'], body: PlannedMeetingBody }, async ({ params, body }, staff) => ({
  status: 200,
  body: caseView(await setPlannedMeeting(deps, staff, params.caseId as string, body)),
}));

/**
 * The meeting's function: its planned date (PUT …/meeting-date), and its decision (GET and PUT
 * …/meeting-decision). One function, as they need the same access: the stack is near CloudFormation's limit.
 */
export const handler: Handler = (event, context) =>
  (event.resource.endsWith('/meeting-date') ? plan : event.httpMethod === 'PUT' ? record : read)(event, context);
