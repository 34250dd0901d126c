import { createHash } from 'node:crypto';
import type { DocumentPurger, DocumentStore, FileStore } from '../../domain/ports';

/**
 * The documents bucket in memory: JSON documents, uploaded files and retention's purge share one key
 * space, as they share one S3 bucket. Documents are stored as the bytes the S3 adapter would upload, with
 * the same SHA-256. Presigned addresses are `memory://` placeholders: nothing can be uploaded through them,
 * so tests place an upload's bytes with `putObject`.
 */
export class MemoryBucket implements DocumentStore, FileStore, DocumentPurger {
  readonly objects = new Map<string, Uint8Array>();

  constructor(readonly bucket = 'memory-documents') {}

  async putJson(key: string, value: unknown): Promise<{ sha256: string; bytes: number }> {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    this.objects.set(key, body);
    return { sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length };
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    const body = this.objects.get(key);
    return body === undefined ? undefined : (JSON.parse(Buffer.from(body).toString('utf8')) as T);
  }

  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }

  putObject(key: string, bytes: Uint8Array): void {
    this.objects.set(key, Uint8Array.from(bytes));
  }

  async presignUpload(key: string, contentType: string, exactBytes: number, expiresSeconds: number) {
    return {
      url: `memory://${this.bucket}`,
      fields: {
        key,
        'Content-Type': contentType,
        'x-memory-bytes': String(exactBytes),
        'x-memory-expires': String(expiresSeconds),
      },
    };
  }

  async size(key: string): Promise<number | undefined> {
    return this.objects.get(key)?.length;
  }

  /** Like a ranged GET of bytes 0..maxBytes (inclusive, as the S3 adapter asks for). */
  async read(key: string, maxBytes: number): Promise<Uint8Array> {
    const body = this.objects.get(key);
    if (body === undefined) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return body.slice(0, maxBytes + 1);
  }

  async write(key: string, bytes: Uint8Array): Promise<void> {
    this.objects.set(key, bytes.slice());
  }

  async move(from: string, to: string): Promise<void> {
    const body = this.objects.get(from);
    // Already moved by another caller, as S3FileStore.move treats a missing source.
    if (body === undefined) return;
    this.objects.set(to, body);
    this.objects.delete(from);
  }

  async presignDownload(
    key: string,
    options: { contentDisposition: string; contentType: string; expiresSeconds: number },
  ) {
    const query = new URLSearchParams({
      'response-content-disposition': options.contentDisposition,
      'response-content-type': options.contentType,
      expires: String(options.expiresSeconds),
    });
    return `memory://${this.bucket}/${key}?${query}`;
  }

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (const key of [...this.objects.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.objects.delete(key);
      deleted += 1;
    }
    return deleted;
  }
}
