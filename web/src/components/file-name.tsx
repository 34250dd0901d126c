import { Fragment } from 'preact';
import { fileNameParts } from '../lib/attachments';

/** A file name that wraps between its words (app-file-name breaks inside one only if a word is wider than the line). */
export function FileName({ name }: { name: string }) {
  return (
    <span class="app-file-name">
      {fileNameParts(name).map((part, i) => (
        <Fragment key={i}>
          {part}
          <wbr />
        </Fragment>
      ))}
    </span>
  );
}
