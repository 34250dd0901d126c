import type { ReturnRequest, SafetyConcernAcknowledgement } from './model';

type ConcernFields = Pick<ReturnRequest, 'safetyConcern' | 'returnVersion' | 'safetyConcernAcknowledgement'>;

/** The acknowledgement that covers the request's latest return, if any. */
export function currentAcknowledgement(request: ConcernFields): SafetyConcernAcknowledgement | undefined {
  const ack = request.safetyConcernAcknowledgement;
  return request.safetyConcern && ack && ack.returnVersion === request.returnVersion ? ack : undefined;
}

/** The latest return raised a concern the office has not yet recorded acting on. */
export const concernNeedsAction = (request: ConcernFields): boolean =>
  request.safetyConcern === true && !currentAcknowledgement(request);
