import * as z from 'zod';
import { MAX_RETURN_VERSION } from '../domain/model';

/**
 * Query parameters' schemas, of the value as the handler understands it (routes.ts); kept apart from the
 * body schemas so that a handler reading one does not bundle them all. functions/http/version-query.ts reads the text.
 */
export const ReturnVersionParameter = z.number().int().min(1).max(MAX_RETURN_VERSION);
