import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from './project-root';

const ROOT = projectRoot();

/** Bundles web/ into dist/web: the same files the CDK stack uploads to the web bucket. */
export async function buildWeb(outDir = join(ROOT, 'dist/web')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(ROOT, 'web/public'), outDir, { recursive: true });
  await build({
    entryPoints: [join(ROOT, 'web/src/main.tsx')],
    bundle: true,
    outfile: join(outDir, 'app.js'),
    format: 'esm',
    target: ['chrome120', 'firefox120', 'safari17'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  return outDir;
}
