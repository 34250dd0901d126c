import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { StartUploadBody } from '../contract/schemas';
import { startUpload } from '../domain/services/attachments';
import { agencyRoute } from '../runtime/agency';
import { withDocuments } from '../runtime/documents';
import { deps as base } from '../runtime/portal';

// Only this function signs upload POSTs, so only its bundle carries the signer.
const deps = withDocuments(base, createPresignedPost);

export const handler = agencyRoute(
  { body: StartUploadBody, params: ['requestId'] },
  async ({ body, params }, session) => ({
    status: 201,
    body: await startUpload(deps, session, params.requestId as string, body),
  }),
);
