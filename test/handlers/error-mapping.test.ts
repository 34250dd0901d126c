import { basePublicRoute } from '../../functions/http/api-handler';
import { conflict } from '../../functions/domain/errors';
import { apiEvent, invoke } from '../support/events';

/** One middleware maps every error: domain errors keep their message; AWS throttling is a 503; the rest says nothing. */
const failingWith = (error: Error) =>
  basePublicRoute({}, async () => {
    throw error;
  });
const event = () => apiEvent({ method: 'GET', resource: '/api/test' });

describe('error mapping', () => {
  it('keeps a domain error’s status, code and message', async () => {
    const result = await invoke(failingWith(conflict('This request has already been sent', 'already-sent')), event());
    expect(result.statusCode).toBe(409);
    expect(result.json).toEqual({ error: { code: 'already-sent', message: 'This request has already been sent' } });
  });

  it('answers AWS throttling that outlasted the SDK’s retries with 503 and Retry-After', async () => {
    const throttled = Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
      name: 'ProvisionedThroughputExceededException',
    });
    const result = await invoke(failingWith(throttled), event());
    expect(result.statusCode).toBe(503);
    expect(result.headers?.['Retry-After']).toBe('5');
    expect(result.json.error.code).toBe('busy');
    expect(result.body).not.toContain('throughput');
  });

  it('says nothing about anything else', async () => {
    const secret = new Error('ValidationException: One or more parameter values were invalid: PK=P#leicester#CASE#…');
    const result = await invoke(failingWith(secret), event());
    expect(result.statusCode).toBe(500);
    expect(result.json).toEqual({
      error: { code: 'internal-error', message: 'Something went wrong. Try again later.' },
    });
  });
});
