import { requestLetterForAgency } from '../domain/services/collation';
import { fileResponse } from '../http/file-response';
import { agencyRoute } from '../runtime/agency';
import { deps } from '../runtime/portal';

export const handler = agencyRoute({ params: ['requestId'] }, async ({ params }, session) =>
  fileResponse(await requestLetterForAgency(deps, session, params.requestId as string)),
);
