/** What a file (or a part inside a package) is, judged by its first bytes alone. */
export type SniffedKind = 'pdf' | 'zip' | 'ole' | 'executable' | 'gzip' | 'archive' | 'rtf' | 'unknown';

const SIGNATURES: [SniffedKind, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  // OLE compound file: .doc, .xls, .msi, password-protected .docx/.xlsx, embedded OLE objects.
  ['ole', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['executable', [0x4d, 0x5a]], // MZ: Windows PE, DOS
  ['executable', [0x7f, 0x45, 0x4c, 0x46]], // ELF
  ['executable', [0xfe, 0xed, 0xfa, 0xce]], // Mach-O 32-bit
  ['executable', [0xfe, 0xed, 0xfa, 0xcf]], // Mach-O 64-bit
  ['executable', [0xce, 0xfa, 0xed, 0xfe]], // Mach-O 32-bit, little-endian
  ['executable', [0xcf, 0xfa, 0xed, 0xfe]], // Mach-O 64-bit, little-endian
  ['executable', [0xca, 0xfe, 0xba, 0xbe]], // Mach-O universal (and Java class)
  ['executable', [0x23, 0x21]], // #! script
  ['rtf', [0x7b, 0x5c, 0x72, 0x74, 0x66]], // {\rtf: the usual carrier of OLE exploits
  ['gzip', [0x1f, 0x8b]],
  ['archive', [0x50, 0x4b, 0x05, 0x06]], // empty ZIP
  ['archive', [0x50, 0x4b, 0x07, 0x08]], // spanned ZIP
  ['archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]], // 7z
  ['archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]], // RAR
  ['archive', [0x42, 0x5a, 0x68]], // bzip2
  ['archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]], // xz
  ['archive', [0x4d, 0x53, 0x43, 0x46]], // Microsoft cabinet
  ['archive', [0x28, 0xb5, 0x2f, 0xfd]], // zstd
];

export function sniff(head: Uint8Array): SniffedKind {
  for (const [kind, signature] of SIGNATURES) {
    if (signature.length <= head.length && signature.every((byte, index) => head[index] === byte)) return kind;
  }
  return 'unknown';
}

/** Bytes a part's sniff needs: enough to reach a PE header. */
export const PART_HEAD_BYTES = 1024;

/**
 * Sniffing for parts inside a package, where binary parts (obfuscated fonts, printer settings) start with
 * near-random bytes: two-byte signatures are confirmed by more structure before they count, so an ordinary
 * document is not refused by chance. A script part is harmless there: Office never runs it.
 */
export function sniffPart(head: Uint8Array): SniffedKind {
  const kind = sniff(head);
  if (head[0] === 0x4d && head[1] === 0x5a) return hasPeHeader(head) ? 'executable' : 'unknown';
  if (head[0] === 0x23 && head[1] === 0x21) return 'unknown';
  // gzip: method 8 (deflate); bzip2: a block-size digit after "BZh".
  if (kind === 'gzip' && head[2] !== 8) return 'unknown';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) {
    const digit = head[3] ?? 0;
    return digit >= 0x31 && digit <= 0x39 ? 'archive' : 'unknown';
  }
  return kind;
}

function hasPeHeader(head: Uint8Array): boolean {
  if (head.length < 0x40) return false;
  const offset = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0x3c, true);
  return (
    offset + 4 <= head.length &&
    head[offset] === 0x50 &&
    head[offset + 1] === 0x45 &&
    !head[offset + 2] &&
    !head[offset + 3]
  );
}
