import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { PresignedPost, PresignedPostOptions } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../domain/ports';

/** `createPresignedPost` of @aws-sdk/s3-presigned-post, passed in by the one function that signs uploads. */
export type PostSigner = (client: S3Client, options: PresignedPostOptions) => Promise<PresignedPost>;

/**
 * Uploaded files in the documents bucket (KMS-encrypted by the bucket's default). The POST signer is
 * injected rather than imported, so that the other functions' bundles do not carry it (ADR 0014).
 */
export class S3FileStore implements FileStore {
  constructor(
    private readonly s3: S3Client,
    readonly bucket: string,
    private readonly signPost?: PostSigner,
  ) {}

  async presignUpload(key: string, contentType: string, exactBytes: number, expiresSeconds: number) {
    if (!this.signPost) throw new Error('this function is not configured to sign uploads');
    // The policy pins the key, the type and the size; the server checks all three again after upload.
    return this.signPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Conditions: [
        ['content-length-range', exactBytes, exactBytes],
        ['eq', '$Content-Type', contentType],
      ],
      Fields: { 'Content-Type': contentType },
      Expires: expiresSeconds,
    });
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.s3.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength;
    } catch (error) {
      if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return undefined;
      throw error;
    }
  }

  async read(key: string, maxBytes: number): Promise<Uint8Array> {
    const result = await this.s3.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=0-${maxBytes}` }),
    );
    return (await result.Body?.transformToByteArray()) ?? new Uint8Array();
  }

  async write(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }));
  }

  async move(from: string, to: string): Promise<void> {
    try {
      // The copy keeps the object's tags, including GuardDuty's scan result, which the bucket policy checks.
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: to,
          CopySource: `${this.bucket}/${from}`,
          TaggingDirective: 'COPY',
        }),
      );
    } catch (error) {
      // Already moved by another caller (FileStore.move): the caller's conditional status change decides.
      if (error instanceof Error && error.name === 'NoSuchKey') return;
      throw error;
    }
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: from }));
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  presignDownload(key: string, options: { contentDisposition: string; contentType: string; expiresSeconds: number }) {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: options.contentDisposition,
        ResponseContentType: options.contentType,
      }),
      { expiresIn: options.expiresSeconds },
    );
  }
}
