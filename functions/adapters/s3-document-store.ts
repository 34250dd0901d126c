import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DocumentStore } from '../domain/ports';

/** JSON documents in the documents bucket; the bucket's default KMS key encrypts them at rest. */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async putJson(key: string, value: unknown): Promise<{ sha256: string; bytes: number }> {
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const sha256 = createHash('sha256').update(body).digest();
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        // S3 verifies the body against the checksum, so a truncated upload is refused, never stored.
        ChecksumSHA256: sha256.toString('base64'),
      }),
    );
    return { sha256: sha256.toString('hex'), bytes: body.length };
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const text = await result.Body?.transformToString('utf8');
      return text === undefined ? undefined : (JSON.parse(text) as T);
    } catch (error) {
      if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
