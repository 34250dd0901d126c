import { DeleteObjectsCommand, ListObjectsV2Command, ListObjectVersionsCommand, S3Client } from '@aws-sdk/client-s3';
import type { DocumentPurger } from '../domain/ports';

/**
 * Deletes every version of every object under a prefix, delete markers included: in a versioned bucket
 * an ordinary delete only hides the data, and retention must remove it.
 */
export class S3DocumentPurger implements DocumentPurger {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async deletePrefix(prefix: string): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.listBatch(prefix);
      if (!batch.length) return deleted;
      await this.s3.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch, Quiet: true } }));
      deleted += batch.length;
    }
  }

  private async listBatch(prefix: string): Promise<{ Key: string; VersionId?: string }[]> {
    try {
      const page = await this.s3.send(
        new ListObjectVersionsCommand({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }),
      );
      return [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
        .filter((v): v is typeof v & { Key: string } => typeof v.Key === 'string')
        .map((v) => ({ Key: v.Key, ...(v.VersionId && v.VersionId !== 'null' ? { VersionId: v.VersionId } : {}) }));
    } catch (error) {
      // A store without versioning (s3rver, the local emulator) refuses the call: there, objects are all there is.
      if (!(error instanceof Error) || !['MethodNotAllowed', 'NotImplemented'].includes(error.name)) throw error;
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, MaxKeys: 1000 }));
      return (page.Contents ?? [])
        .filter((o): o is typeof o & { Key: string } => typeof o.Key === 'string')
        .map((o) => ({ Key: o.Key }));
    }
  }
}
