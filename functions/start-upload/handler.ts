import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { StartUploadBody } from '../contract/schemas';
import { startUpload } from '../domain/services/attachments';
import { agencyRoute, withUploadSigning } from '../runtime/portal';

// Only this function signs upload POSTs, so only its bundle carries the signer.
const deps = withUploadSigning(createPresignedPost);

export const handler = agencyRoute(
  { body: StartUploadBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 201,
    body: await startUpload(deps, session, params.requestId as string, body),
  }),
);
