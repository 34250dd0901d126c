import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { compileAsync } from 'sass';
import { projectRoot } from './project-root';

const ROOT = projectRoot();

/** Compiles web/styles (GOV.UK Frontend with our own name, font stack and colours) into one stylesheet. */
async function buildStyles(outFile: string): Promise<void> {
  const result = await compileAsync(join(ROOT, 'web/styles/app.scss'), {
    loadPaths: [join(ROOT, 'node_modules')],
    style: 'compressed',
    // GOV.UK Frontend's own deprecation notices are not ours to fix.
    quietDeps: true,
  });
  writeFileSync(outFile, result.css);
}

/** Bundles web/ into dist/web: the same files the CDK stack uploads to the web bucket. */
export async function buildWeb(outDir = join(ROOT, 'dist/web')): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  cpSync(join(ROOT, 'web/public'), outDir, { recursive: true });
  await Promise.all([
    build({
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
    }),
    buildStyles(join(outDir, 'app.css')),
  ]);
  return outDir;
}
