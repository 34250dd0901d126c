import type { z } from 'zod';
import { invalid } from '../domain/errors';

/**
 * A query parameter the route table declares as an integer, read as strictly as a body is: only its plain
 * decimal form ("2"; not "02", "2.0", "+2" or " 2"), within the route's schema. Anything else is a 400 in
 * the validation error's shape, naming the parameter and saying `rule`: a malformed value is bad input, not
 * a missing item.
 */
export function integerParameter(
  name: string,
  value: string | undefined,
  schema: z.ZodType<number>,
  rule: string,
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = /^(0|-?[1-9]\d{0,14})$/.test(value) ? schema.safeParse(Number(value)) : undefined;
  if (parsed?.success) return parsed.data;
  throw invalid('Check the request: some fields are missing or not valid.', [{ path: name, message: rule }]);
}
