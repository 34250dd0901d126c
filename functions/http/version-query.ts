import { invalid } from '../domain/errors';
import { RETURN_VERSION_RULE } from '../domain/model';

/**
 * `?version=N` of a return (get-return and its Word document): undefined for the latest, else the number
 * written plainly ("2"; not "02", "2.0", "+2" or " 2"). Anything else is a 400 in the validation error's
 * shape: a malformed value is bad input, not a missing version. No zod here: the Word function stays small.
 */
export function versionQuery(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(value)) {
    throw invalid('Check the request: some fields are missing or not valid.', [
      { path: 'version', message: RETURN_VERSION_RULE },
    ]);
  }
  return Number(value);
}
