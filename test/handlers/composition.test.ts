import { S3DocumentPurger } from '../../functions/adapters/s3-document-purger';
import { S3DocumentStore } from '../../functions/adapters/s3-document-store';
import { S3FileStore } from '../../functions/adapters/s3-file-store';
import { SesMailer } from '../../functions/adapters/ses-mailer';
import { basePublicRoute } from '../../functions/http/api-handler';
import { withDocuments } from '../../functions/runtime/documents';
import { withMail } from '../../functions/runtime/mail';
import { deps } from '../../functions/runtime/portal';
import { apiEvent, invoke } from '../support/events';

const message = {
  from: 'no-reply@portal.example.org',
  to: 'lead@agency.example.org',
  subject: 's',
  text: 't',
  html: 'h',
};

/** A function composes what its IAM grants allow (runtime/portal.ts); what it was not given refuses, as IAM would. */
describe('composition by grant', () => {
  it('a function not granted documents can neither read, write nor delete them', async () => {
    await expect(deps.documents.getJson('drafts/p/c/r/1.json')).rejects.toThrow(/not granted documents/);
    await expect(deps.documents.putJson('drafts/p/c/r/1.json', {})).rejects.toThrow(/not granted documents/);
    await expect(deps.documents.delete('drafts/p/c/r/1.json')).rejects.toThrow(/not granted documents/);
    expect(deps.files).toBeUndefined();
    expect(deps.purger).toBeUndefined();
  });

  it('a function not granted mail cannot send', async () => {
    await expect(deps.mailer.send(message)).rejects.toThrow(/not granted mail/);
  });

  it('answers a call it was not granted with the generic 500, naming nothing', async () => {
    const route = basePublicRoute({}, async () => ({ status: 200, body: await deps.documents.getJson('x') }));
    const result = await invoke(route, apiEvent({ method: 'GET', resource: '/api/test' }));
    expect(result.statusCode).toBe(500);
    expect(result.json).toEqual({
      error: { code: 'internal-error', message: 'Something went wrong. Try again later.' },
    });
  });

  it('composes the S3 and SES adapters for the functions granted them, over the same table', () => {
    const composed = withMail(withDocuments(deps));
    expect(composed.store).toBe(deps.store);
    expect(composed.calendar).toBe(deps.calendar);
    expect(composed.documents).toBeInstanceOf(S3DocumentStore);
    expect(composed.files).toBeInstanceOf(S3FileStore);
    expect(composed.purger).toBeInstanceOf(S3DocumentPurger);
    expect(composed.mailer).toBeInstanceOf(SesMailer);
    // The base is left as it was: other handlers in the same process share it.
    expect(deps.files).toBeUndefined();
  });
});
