import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildResult } from 'esbuild';
import { routes } from '../../functions/contract/routes';
import { esbuildOptions } from '../../lib/bundling';

/** Every function bundles with the stack's esbuild options, ESM-only dependencies included. */
describe('function bundles', () => {
  const names = [...new Set([...routes.map((r) => r.functionName), 'run-daily-sweep'])];
  const out = mkdtempSync(join(tmpdir(), 'portal-bundles-'));
  let result: BuildResult;

  beforeAll(async () => {
    // One esbuild run for every entry point: the same options, the dependencies parsed once.
    const { outfile: _outfile, entryPoints: _entries, ...options } = esbuildOptions('', '');
    result = await build({
      ...options,
      entryPoints: Object.fromEntries(
        names.map((name) => [name, join(process.cwd(), 'functions', name, 'handler.ts')]),
      ),
      outdir: out,
      outExtension: { '.js': '.mjs' },
    });
  }, 120_000);

  it('build without errors', () => {
    expect(result.errors).toEqual([]);
  });

  it.each(names)('%s has its bundle', (name) => {
    expect(statSync(join(out, `${name}.mjs`)).size).toBeGreaterThan(1000);
  });

  // A test-only package (exceljs checks the portal's workbooks) must not creep back into a function.
  it('bundle no development dependency', () => {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const devOnly = new Set(Object.keys(manifest.devDependencies));
    const bundled = new Set(
      Object.keys(result.metafile?.inputs ?? {}).flatMap((file) => {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
        return match ? [match[1] as string] : [];
      }),
    );
    expect(bundled.size).toBeGreaterThan(10);
    expect([...bundled].filter((name) => devOnly.has(name))).toEqual([]);
  });
});
