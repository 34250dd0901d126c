import { AcknowledgeSafetyConcernBody } from '../contract/schemas';
import { acknowledgeSafetyConcern } from '../domain/services/safety-concerns';
import { requestView } from '../http/views';
import { deps } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

export const handler = staffRoute(
  { body: AcknowledgeSafetyConcernBody, params: ['caseId', 'requestId'] },
  async ({ body, params }, staff) => ({
    status: 200,
    body: requestView(
      await acknowledgeSafetyConcern(deps, staff, params.caseId as string, params.requestId as string, body),
    ),
  }),
);
