import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ArchiveObject, AuditArchiveWriter } from '../domain/audit-archive';

/**
 * Writes audit archive objects to the Object Lock bucket (lib/audit-archive.ts). Object Lock requires
 * an integrity checksum on every PUT: SHA-256, which the SDK computes. Each key is written only if
 * absent (If-None-Match, which the bucket policy requires), so a retried stream record does not add a
 * version, and an object that is already there counts as written.
 */
export class S3AuditArchive implements AuditArchiveWriter {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(object: ArchiveObject): Promise<void> {
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: object.key,
          Body: object.body,
          ContentType: 'application/json',
          ChecksumAlgorithm: 'SHA256',
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      if (!alreadyWritten(error)) throw error;
    }
  }
}

/** 412 Precondition Failed: the key exists (a retry of a record already archived). */
function alreadyWritten(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'PreconditionFailed' || status === 412;
}
