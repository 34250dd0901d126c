import { ReasonBody } from '../contract/schemas';
import { withdrawRequest } from '../domain/services/request-actions';
import { requestView } from '../http/views';
import { withDocuments } from '../runtime/documents';
import { withMail } from '../runtime/mail';
import { deps as base } from '../runtime/portal';
import { staffRoute } from '../runtime/staff';

// Ending a submitted chronology's request re-merges the case's chronology without it.
const deps = withMail(withDocuments(base));

export const handler = staffRoute(
  { body: ReasonBody, params: ['caseId', 'requestId'] },
  async ({ body, params }, staff) => {
    const outcome = await withdrawRequest(
      deps,
      staff,
      params.caseId as string,
      params.requestId as string,
      body.reason,
    );
    return {
      status: 200,
      body: { ...requestView(outcome.request), ...(outcome.email ? { email: outcome.email } : {}) },
    };
  },
);
