import type { ApiResponse } from './responses';

/** A generated file as a download: never shown in the browser, named with no personal data. */
export const fileResponse = (file: { fileName: string; contentType: string; bytes: Buffer }): ApiResponse => ({
  status: 200,
  body: file.bytes,
  headers: { 'Content-Type': file.contentType, 'Content-Disposition': `attachment; filename="${file.fileName}"` },
});
