import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found from the working directory (npm scripts, Jest and the CDK CLI all run
 * somewhere inside it). Works the same under ESM (tsx) and CommonJS (Jest).
 */
export function projectRoot(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'safeguarding-returns-portal'
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error('Run this inside the safeguarding-returns-portal repository');
  }
}
