import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildResult } from 'esbuild';
import { routes } from '../../functions/contract/routes';
import { esbuildOptions } from '../../lib/bundling';
import { accessFor, allFunctionNames, EVENT_FUNCTIONS } from '../../lib/function-access';

/** Every function bundles with the stack's esbuild options, ESM-only dependencies included. */
describe('function bundles', () => {
  const names = allFunctionNames();
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

  /** The npm packages an output of the build includes. */
  const packagesOf = (name: string): Set<string> => {
    const entry = `functions/${name}/handler.ts`;
    const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint === entry);
    if (!output) throw new Error(`no output for ${name}`);
    return new Set(
      Object.keys(output.inputs).flatMap((file) => {
        const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file);
        return match ? [match[1] as string] : [];
      }),
    );
  };

  // A function composes the clients its IAM grants allow and no others (runtime/portal.ts): the bundle
  // carries no client it may not call, and the local stack, which has no IAM, fails where AWS would deny.
  it.each(names.filter((name) => name !== 'get-openapi'))('%s bundles exactly the clients it is granted', (name) => {
    const access = accessFor(name);
    const packages = packagesOf(name);
    expect({
      table: packages.has('@aws-sdk/client-dynamodb'),
      documents: packages.has('@aws-sdk/client-s3'),
      mail: packages.has('@aws-sdk/client-ses'),
    }).toEqual({
      table: access.table !== undefined,
      // The audit archive is a bucket of its own, written with the same S3 client.
      documents: access.documents !== undefined || access.auditArchive !== undefined,
      mail: !!access.mail,
    });
  });

  // Issue 6's absolute limit: a size, not a time, so it can be asserted.
  it.each(names)('%s bundles to at most 1 MB', (name) => {
    expect(statSync(join(out, `${name}.mjs`)).size).toBeLessThanOrEqual(1_000_000);
  });

  // The return schemas bring all of classic zod (~90 kB): only a function that validates a request body needs
  // them, besides the API's own description and the import template (which reads the chronology's columns).
  // A small shared module importing them once added 85 kB to bundles that validate nothing (ADR 0014).
  it.each(names)('%s bundles the return schemas only if it needs them', (name) => {
    const entry = `functions/${name}/handler.ts`;
    const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint === entry);
    const bundled = Object.keys(output?.inputs ?? {}).some((file) => file.endsWith('functions/contract/returns.ts'));
    const needs =
      routes.some((r) => r.functionName === name && r.body !== undefined) ||
      name === 'get-openapi' ||
      name === 'get-chronology-template';
    expect(bundled).toBe(needs);
  });

  it('get-openapi bundles no AWS client', () => {
    expect([...packagesOf('get-openapi')].filter((name) => name.startsWith('@aws-sdk/client-'))).toEqual([]);
  });

  // The Cognito JWT verifier (jose) is only for the business office's routes.
  it.each(names)('%s bundles the JWT verifier only if it is a business-office route', (name) => {
    const staff = !EVENT_FUNCTIONS.includes(name) && routes.some((r) => r.functionName === name && r.auth === 'staff');
    expect(packagesOf(name).has('jose')).toBe(staff);
  });
});
