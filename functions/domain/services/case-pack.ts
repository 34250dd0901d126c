import type { ReturnContent } from '../../contract/returns';
import { buildZip } from '../../formats/zip';
import { renderWord } from '../../formats/word';
import { writeXlsx } from '../../formats/spreadsheet';
import { chronologyDocument } from '../collation/chronology';
import type { DocumentContent, Marking } from '../collation/document';
import {
  inMemory,
  MANIFEST_PATH,
  packManifest,
  planPack,
  slug,
  uniquePaths,
  type PackCandidate,
  type PackItem,
} from '../collation/pack';
import { hasCombinedSummary, nationalPanelOffer } from '../collation/route-documents';
import { meetingSummary, nationalPanelLetter, nationalPanelSummary } from '../collation/summaries';
import { newId } from '../ids';
import { RETURN_TYPE_LABELS } from '../model';
import type { PortalDeps } from '../ports';
import { releasedKey } from './attachments';
import { chronologyExport, chronologyTable } from './chronology';
import {
  askedOf,
  documentFileName,
  fileStem,
  latestChronology,
  letterFileName,
  letterFor,
  load,
  returnWord,
} from './collation';
import { auditEvent, staffActor, type StaffPrincipal } from './context';

const ZIP = 'application/zip';

/**
 * The pack is built in the function's memory (the stack gives download-case-pack 3 GB), holding its files and
 * the zip at once, and within the API's 29 seconds: 512 MiB of files keeps well inside both.
 */
export const PACK_BUDGET_BYTES = 512 * 1024 * 1024;
/** The zip waits in the bucket for its presigned GET; the bucket's lifecycle deletes `packs/` after a day. */
export const PACK_DOWNLOAD_SECONDS = 300;

export interface PackDownload {
  url: string;
  fileName: string;
  expiresInSeconds: number;
  files: number;
  notIncluded: number;
}

const MARKINGS: Marking[] = ['named', 'anonymised'];

/**
 * The case pack: every submitted return, its released attachments and the generated documents, named
 * and anonymised, in one zip with a manifest. It is written to `packs/` and handed over as a short presigned
 * GET; the download is audited. The only part of collation that needs the zip and spreadsheet writers.
 */
export async function casePack(deps: PortalDeps, staff: StaffPrincipal, caseId: string): Promise<PackDownload> {
  if (!deps.files) throw new Error('file storage is not configured');
  const files = deps.files;
  const loaded = await load(deps, staff.partnershipId, caseId);
  const { record, input } = loaded;
  const items: PackCandidate[] = [];
  const agencyName = (agencyId: string) => loaded.agencies.get(agencyId)?.name ?? 'Unknown agency';

  // Every submitted version of every return, as stored (JSON, with its declaration and attachments list), and
  // beside it the same version as a Word document, which is what business offices work in.
  const attachmentIds = new Map<string, Set<string>>();
  for (const request of loaded.requests) {
    const versions = await deps.store.requests.listSubmitted(record.partnershipId, record.id, request.id);
    for (const version of versions) {
      const document = await deps.documents.getJson<{ content: ReturnContent }>(version.documentKey);
      if (document === undefined) continue;
      const path = `returns/${slug(agencyName(request.agencyId))}/${request.returnType}-v${version.version}`;
      const description = `${RETURN_TYPE_LABELS[request.returnType]}${version.nilReturn ? ' (nil return)' : ''}, version ${version.version}, submitted ${version.submittedAt}`;
      items.push(
        inMemory({
          path: `${path}.json`,
          bytes: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
          kind: 'return',
          agency: agencyName(request.agencyId),
          description,
        }),
      );
      const word = await returnWord(
        loaded.input.partnership,
        record.reference,
        agencyName(request.agencyId),
        version,
        document.content,
      );
      items.push(
        inMemory({
          path: `${path}.docx`,
          bytes: word.bytes,
          kind: 'return',
          agency: agencyName(request.agencyId),
          description: `${description}, as a Word document`,
          marking: 'named',
        }),
      );
      const ids = attachmentIds.get(request.id) ?? new Set<string>();
      for (const a of version.attachments ?? []) ids.add(a.id);
      attachmentIds.set(request.id, ids);
    }
  }

  // The files agencies attached to their submitted returns.
  for (const [requestId, ids] of attachmentIds) {
    for (const id of ids) {
      const attachment = await deps.store.attachments.get(record.partnershipId, record.id, requestId, id);
      if (!attachment || attachment.status !== 'available') continue;
      items.push({
        path: `attachments/${slug(agencyName(attachment.agencyId))}/${attachment.id}.${attachment.type}`,
        size: attachment.size,
        // Read only if it goes in: a large case's attachments never all sit in memory.
        read: () => files.read(releasedKey(attachment), attachment.size),
        kind: 'attachment',
        agency: agencyName(attachment.agencyId),
        originalFileName: attachment.fileName,
        description: `Attached to the ${RETURN_TYPE_LABELS[loaded.requests.find((r) => r.id === requestId)?.returnType ?? 'information-request-reply']}`,
      });
    }
  }

  // The generated documents, named and anonymised.
  const stem = fileStem(record.reference);
  const word = async (path: string, description: string, content: DocumentContent) =>
    items.push(
      inMemory({ path, bytes: await renderWord(content), kind: 'document', description, marking: content.marking }),
    );
  // Only the documents the route and the recorded decision call for (collation/route-documents.ts).
  if (hasCombinedSummary(input.record.route)) {
    for (const marking of MARKINGS) {
      await word(
        `documents/${documentFileName(stem, 'combined-summary', marking)}`,
        'Combined Summary for the meeting',
        meetingSummary(input, marking),
      );
    }
  }
  if (input.decision && nationalPanelOffer(input.record.route, input.decision) === 'offer') {
    for (const marking of MARKINGS) {
      await word(
        `documents/${documentFileName(stem, 'national-panel-summary', marking)}`,
        'Combined Summary for the National Panel',
        nationalPanelSummary(input, input.decision, marking),
      );
      await word(
        `documents/${documentFileName(stem, 'national-panel-letter', marking)}`,
        'Covering letter to the National Panel',
        nationalPanelLetter(input, input.decision, marking),
      );
    }
  }
  const merged = await latestChronology(deps, record.partnershipId, record.id);
  if (merged) {
    const table = chronologyTable(merged);
    for (const marking of MARKINGS) {
      await word(
        `documents/${documentFileName(stem, 'chronology', marking)}`,
        `Multi-agency chronology, version ${merged.version}`,
        chronologyDocument(
          input,
          table,
          { version: merged.version, generatedAt: merged.generatedAt, agencies: merged.sources.length },
          marking,
        ),
      );
    }
    items.push(
      inMemory({
        path: `documents/${stem}-chronology.xlsx`,
        bytes: await writeXlsx([
          // The same workbook as the chronology's own export: a row per agency's row, to sort and filter.
          { name: 'Multi-agency chronology', ...chronologyExport(merged) },
        ]),
        kind: 'export',
        marking: 'named',
        description: `Multi-agency chronology, version ${merged.version}, as an Excel workbook`,
      }),
    );
  }
  for (const agencyId of new Set(loaded.requests.filter((r) => r.status !== 'draft').map((r) => r.agencyId))) {
    if (!askedOf(loaded, agencyId, false).length) continue;
    await word(
      `documents/letters/${letterFileName(stem, agencyName(agencyId))}`,
      `Information Request Letter to ${agencyName(agencyId)}`,
      letterFor(loaded, agencyId, false),
    );
  }

  const { included: chosen, omitted } = planPack(uniquePaths(items), PACK_BUDGET_BYTES);
  const included: PackItem[] = [];
  for (const { read, size: _size, ...item } of chosen) included.push({ ...item, bytes: await read() });
  const generatedAt = deps.clock.now();
  const manifest = packManifest(
    { caseReference: record.reference, generatedAt: generatedAt.toISOString(), generatedBy: staff.username },
    included,
    omitted,
  );
  const zip = buildZip(
    [
      { path: MANIFEST_PATH, bytes: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') },
      ...included.map(({ path, bytes }) => ({ path, bytes })),
    ],
    generatedAt,
  );
  const fileName = `${stem}-case-pack.zip`;
  const key = `packs/${record.partnershipId}/${record.id}/${newId()}.zip`;
  await files.write(key, zip, ZIP);
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), record.partnershipId, record.id, 'case-pack.downloaded', {
      detail: {
        files: included.length,
        notIncluded: omitted.length,
        documents: included.filter((i) => i.kind === 'document').length,
        attachments: included.filter((i) => i.kind === 'attachment').length,
      },
    }),
  );
  const url = await files.presignDownload(key, {
    contentDisposition: `attachment; filename="${fileName}"`,
    contentType: ZIP,
    expiresSeconds: PACK_DOWNLOAD_SECONDS,
  });
  return {
    url,
    fileName,
    expiresInSeconds: PACK_DOWNLOAD_SECONDS,
    files: included.length,
    notIncluded: omitted.length,
  };
}
