import { StartUploadBody } from '../contract/schemas';
import { startUpload } from '../domain/services/attachments';
import { agencyRoute, deps } from '../runtime/portal';

export const handler = agencyRoute(
  { body: StartUploadBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 201,
    body: await startUpload(deps, session, params.requestId as string, body),
  }),
);
