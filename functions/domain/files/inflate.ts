import { Inflate } from 'fflate';

/** 'overflow': more output than allowed. 'corrupt': not a complete deflate stream. */
export class InflateError extends Error {
  constructor(readonly kind: 'overflow' | 'corrupt') {
    super(kind === 'overflow' ? 'inflates beyond the allowed size' : 'corrupt deflate data');
    this.name = 'InflateError';
  }
}

/**
 * Inflates raw deflate data to the end, stopping the moment output passes `maxOutput`, so a bomb costs at
 * most one small step of work past the cap. Returns the total size and the first `keep` bytes (all by
 * default); the rest is counted and dropped, so checking a large part needs no memory for it.
 */
export function inflateBounded(
  data: Uint8Array,
  maxOutput: number,
  keep = Number.POSITIVE_INFINITY,
): { size: number; head: Uint8Array } {
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let produced = 0;
  const inflater = new Inflate((chunk) => {
    if (produced + chunk.length > maxOutput) throw new InflateError('overflow');
    if (kept < keep && chunk.length > 0) {
      chunks.push(chunk);
      kept += chunk.length;
    }
    produced += chunk.length;
  });
  // Input steps bound what one step can produce (deflate peaks near 1032:1, so about 16 MB here) while
  // staying large enough to inflate at full speed.
  const step = 16 * 1024;
  try {
    if (data.length === 0) inflater.push(data, true);
    for (let at = 0; at < data.length; at += step) {
      inflater.push(data.subarray(at, at + step), at + step >= data.length);
    }
  } catch (error) {
    if (error instanceof InflateError) throw error;
    throw new InflateError('corrupt');
  }
  const out = new Uint8Array(Math.min(produced, keep));
  let at = 0;
  for (const chunk of chunks) {
    if (at >= out.length) break;
    out.set(chunk.subarray(0, out.length - at), at);
    at += chunk.length;
  }
  return { size: produced, head: out };
}
