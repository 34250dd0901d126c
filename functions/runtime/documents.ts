import { S3Client } from '@aws-sdk/client-s3';
import { S3DocumentPurger } from '../adapters/s3-document-purger';
import { S3DocumentStore } from '../adapters/s3-document-store';
import { S3FileStore, type PostSigner } from '../adapters/s3-file-store';
import type { PortalDeps } from '../domain/ports';
import { settings } from './portal';

/**
 * The documents bucket, for the functions granted it (lib/function-access.ts). Only the one that signs
 * uploads (start-upload) passes the POST signer, so only its bundle carries it.
 */
export const s3 = new S3Client({ forcePathStyle: settings.s3ForcePathStyle });

export const withDocuments = (base: PortalDeps, signPost?: PostSigner): PortalDeps => ({
  ...base,
  documents: new S3DocumentStore(s3, settings.documentsBucket),
  files: new S3FileStore(s3, settings.documentsBucket, signPost),
  purger: new S3DocumentPurger(s3, settings.documentsBucket),
});
