import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build, type Metafile } from 'esbuild';
import { esbuildOptions } from '../lib/bundling';
import { accessFor, allFunctionNames } from '../lib/function-access';
import { projectRoot } from '../scripts/project-root';
import { isMain, kB, median, metText, progress, table, type Measure } from './support';

/**
 * Each function's bundle against a bundle of only the AWS SDK clients it uses, both built with the stack's
 * esbuild options (lib/bundling.ts): size, and module initialisation time: the bundle imported in a fresh
 * `node` with the function's environment, as a cold Lambda does, median of several runs. Init is timed as
 * the CPU time the import takes (user + system, all threads), which on a shared machine is far steadier
 * than the wall-clock time also reported.
 * Which clients a function uses: the @aws-sdk packages of package.json's dependencies that end up in its
 * bundle (esbuild's metafile) and that its IAM grants let it call (lib/function-access.ts). The SDK-only
 * entry imports those and constructs each client once.
 * Run: npx tsx bench/bundles.ts [--runs 5] [function ...]
 */
const ROOT = projectRoot();
const exec = promisify(execFile);

export const SIZE_LIMIT_BYTES = 1_000_000;
export const SIZE_RATIO_LIMIT = 1.3;

/** How the SDK-only bundle uses each package a function may bundle (in this order: the document client needs its client). */
const SDK_ENTRY: Record<string, string> = {
  '@aws-sdk/client-dynamodb':
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const dynamodb = new DynamoDBClient({});",
  '@aws-sdk/lib-dynamodb':
    "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const documentClient = DynamoDBDocumentClient.from(dynamodb);",
  // The document client's own conversion; the audit archive uses it alone, on stream records.
  '@aws-sdk/util-dynamodb': "export { unmarshall } from '@aws-sdk/util-dynamodb';",
  '@aws-sdk/client-s3': "import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({});",
  '@aws-sdk/s3-presigned-post': "export { createPresignedPost } from '@aws-sdk/s3-presigned-post';",
  '@aws-sdk/s3-request-presigner': "export { getSignedUrl } from '@aws-sdk/s3-request-presigner';",
  '@aws-sdk/client-ses': "import { SESClient } from '@aws-sdk/client-ses';\nexport const ses = new SESClient({});",
};

/** The environment the stack gives every function (lib/portal-stack.ts, lib/portal-function.ts), with example values. */
export const FUNCTION_ENV: Record<string, string> = {
  TABLE_NAME: 'SafeguardingPortal-Table',
  DOCUMENTS_BUCKET: 'safeguardingportal-documents',
  MAIL_FROM: 'no-reply@portal.example.org',
  WEB_BASE_URL: 'https://portal.example.org',
  STAFF_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Example',
  STAFF_JWKS_URI: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_Example/.well-known/jwks.json',
  STAFF_CLIENT_ID: 'exampleclientid',
  MALWARE_SCANNER: 'guardduty',
  S3_FORCE_PATH_STYLE: 'false',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'safeguarding-portal',
  AWS_REGION: 'eu-west-2',
  // Given to archive-audit-events alone (lib/audit-archive.ts); the others ignore it.
  AUDIT_ARCHIVE_BUCKET: 'safeguardingportal-audit-archive',
};

export interface BundleFigures {
  name: string;
  bytes: number;
  /** The @aws-sdk packages of package.json it bundles; none for a function without AWS calls. */
  sdkPackages: string[];
  sdkBytes: number;
  /** NaN without SDK packages: there is nothing to compare with. */
  sizeRatio: number;
  /** Medians: CPU time of the import, and its wall-clock time. */
  initCpuMs: number;
  initWallMs: number;
  sdkInitCpuMs: number;
  initRatio: number;
  /** The biggest other packages in the bundle (50 kB or more each), biggest first. */
  heaviest: { name: string; bytes: number }[];
}

export const functionNames = allFunctionNames;

function sdkDependencies(): Set<string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return new Set(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@aws-sdk/')));
}

/** Which service each SDK package of package.json talks to. */
const SERVICE_OF: Record<string, 'table' | 'documents' | 'mail'> = {
  '@aws-sdk/client-dynamodb': 'table',
  '@aws-sdk/lib-dynamodb': 'table',
  '@aws-sdk/util-dynamodb': 'table',
  '@aws-sdk/client-s3': 'documents',
  '@aws-sdk/s3-presigned-post': 'documents',
  '@aws-sdk/s3-request-presigner': 'documents',
  '@aws-sdk/client-ses': 'mail',
};

/**
 * The SDK packages of package.json that an output of the metafile includes, and the function uses: the
 * services its IAM grants allow (lib/function-access.ts). A client the function bundles but may not call is not
 * in the SDK-only bundle, so it counts against the ratio (test/cdk/bundles.test.ts keeps bundles to their grants).
 */
function sdkPackagesOf(name: string, output: Metafile['outputs'][string], direct: Set<string>): string[] {
  const access = accessFor(name);
  const uses = {
    // The audit archive reads the table's stream (records in DynamoDB's attribute format), not the table.
    table: access.table !== undefined || access.auditArchive !== undefined,
    // The audit archive is a bucket of its own, written with the same S3 client.
    documents: access.documents !== undefined || access.auditArchive !== undefined,
    mail: !!access.mail,
  };
  const found = new Set<string>();
  for (const input of Object.keys(output.inputs)) {
    const match = /node_modules\/(@aws-sdk\/[^/]+)\/(?!.*node_modules\/)/.exec(input);
    const sdkPackage = match?.[1];
    if (!sdkPackage || !direct.has(sdkPackage)) continue;
    const service = SERVICE_OF[sdkPackage];
    if (service === undefined) unknownPackage(sdkPackage);
    if (uses[service]) found.add(sdkPackage);
  }
  return Object.keys(SDK_ENTRY)
    .filter((name) => found.delete(name))
    .concat([...found].map(unknownPackage));
}

const SDK_PREFIXES = ['@aws-sdk/', '@smithy/', '@aws-crypto/', '@aws/'];

function heaviestOf(output: Metafile['outputs'][string]): { name: string; bytes: number }[] {
  const sizes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input)?.[1];
    if (name && !SDK_PREFIXES.some((prefix) => name.startsWith(prefix))) {
      sizes.set(name, (sizes.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes]
    .filter(([, bytes]) => bytes >= 50_000)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => ({ name, bytes }));
}

function unknownPackage(name: string): never {
  throw new Error(`bench/bundles.ts: add ${name} to SDK_ENTRY (how an SDK-only bundle uses it)`);
}

const buildOptions = () => {
  const { outfile: _outfile, entryPoints: _entries, ...options } = esbuildOptions('', '');
  return options;
};

async function buildFunctions(names: string[], outdir: string) {
  const result = await build({
    ...buildOptions(),
    entryPoints: Object.fromEntries(names.map((name) => [name, join(ROOT, 'functions', name, 'handler.ts')])),
    outdir,
    outExtension: { '.js': '.mjs' },
  });
  return result.metafile as Metafile;
}

async function buildSdkOnly(packages: string[], outfile: string): Promise<void> {
  await build({
    ...buildOptions(),
    stdin: {
      contents: packages.map((name) => SDK_ENTRY[name]).join('\n'),
      resolveDir: ROOT,
      sourcefile: 'sdk-only.ts',
      loader: 'ts',
    },
    outfile,
  });
}

const TIME_IMPORT = `const cpu = process.cpuUsage(); const t = performance.now();
await import(process.env.BENCH_MODULE);
const wall = performance.now() - t; const used = process.cpuUsage(cpu);
process.stdout.write(JSON.stringify({ wall, cpu: (used.user + used.system) / 1000 }));`;

/** Milliseconds to import (load, compile and run the top level of) a bundle in a fresh node process. */
export async function initTime(file: string, env: Record<string, string> = FUNCTION_ENV) {
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', TIME_IMPORT], {
    cwd: tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...env, BENCH_MODULE: pathToFileURL(file).href },
  });
  return JSON.parse(stdout) as { wall: number; cpu: number };
}

async function medianInit(file: string, runs: number) {
  const samples = [];
  for (let run = 0; run < runs; run += 1) samples.push(await initTime(file));
  return { cpu: median(samples.map((s) => s.cpu)), wall: median(samples.map((s) => s.wall)) };
}

export async function measureBundles(options: { names?: string[]; runs?: number } = {}): Promise<BundleFigures[]> {
  const names = options.names?.length ? options.names : functionNames();
  const runs = options.runs ?? 5;
  const out = mkdtempSync(join(tmpdir(), 'portal-bench-bundles-'));
  try {
    progress(`bundles: building ${names.length} functions`);
    const metafile = await buildFunctions(names, out);
    const direct = sdkDependencies();
    const sdkOnly = new Map<string, { file: string; bytes: number; cpu: number }>();
    const figures: BundleFigures[] = [];
    for (const name of names) {
      const file = join(out, `${name}.mjs`);
      const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith(`/${name}.mjs`))?.[1];
      if (!output) throw new Error(`no bundle for ${name}`);
      const sdkPackages = sdkPackagesOf(name, output, direct);
      const set = sdkPackages.join('+');
      let sdk = sdkOnly.get(set);
      if (!sdk && sdkPackages.length) {
        const sdkFile = join(out, `sdk-only-${sdkOnly.size}.mjs`);
        await buildSdkOnly(sdkPackages, sdkFile);
        // Shared by many functions: timed with twice the runs.
        sdk = { file: sdkFile, bytes: statSync(sdkFile).size, cpu: (await medianInit(sdkFile, runs * 2)).cpu };
        sdkOnly.set(set, sdk);
      }
      const init = await medianInit(file, runs);
      const bytes = statSync(file).size;
      const figure: BundleFigures = {
        name,
        bytes,
        sdkPackages,
        sdkBytes: sdk?.bytes ?? 0,
        sizeRatio: sdk ? bytes / sdk.bytes : Number.NaN,
        initCpuMs: init.cpu,
        initWallMs: init.wall,
        sdkInitCpuMs: sdk?.cpu ?? Number.NaN,
        initRatio: sdk ? init.cpu / sdk.cpu : Number.NaN,
        heaviest: heaviestOf(output),
      };
      progress(`bundles: ${name} ${kB(bytes)} (${figure.sizeRatio.toFixed(2)}×), init ${init.cpu.toFixed(0)} ms CPU`);
      figures.push(figure);
    }
    return figures;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** The clients, by service: S3 counts its presigners, DynamoDB its document client. */
const shortSdk = (packages: string[]) =>
  [
    packages.includes('@aws-sdk/client-dynamodb') ? 'DynamoDB' : '',
    packages.includes('@aws-sdk/client-s3') ? 'S3' : '',
    packages.includes('@aws-sdk/client-ses') ? 'SES' : '',
  ]
    .filter(Boolean)
    .join('+');

const hasSdk = (f: BundleFigures) => f.sdkPackages.length > 0;
const ratioMet = (f: BundleFigures) => !hasSdk(f) || f.sizeRatio <= SIZE_RATIO_LIMIT;
export const sizeMet = (f: BundleFigures) => f.bytes <= SIZE_LIMIT_BYTES && ratioMet(f);

export function bundleMeasures(figures: BundleFigures[]): Measure[] {
  const measures: Measure[] = [];
  for (const f of figures) {
    measures.push({
      name: `bundle size: ${f.name}`,
      figure: hasSdk(f)
        ? `${kB(f.bytes)} = ${f.sizeRatio.toFixed(2)}× SDK-only ${kB(f.sdkBytes)} (${shortSdk(f.sdkPackages)})`
        : `${kB(f.bytes)} (no SDK client: no ratio)`,
      target: hasSdk(f) ? `≤ 1 MB and ≤ ${SIZE_RATIO_LIMIT}×` : '≤ 1 MB',
      met: sizeMet(f),
      missed: [f.bytes > SIZE_LIMIT_BYTES ? 'size' : '', ratioMet(f) ? '' : 'ratio'].filter(Boolean).join(', '),
    });
    measures.push({
      name: `module init: ${f.name}`,
      figure: hasSdk(f)
        ? `${f.initCpuMs.toFixed(0)} ms CPU = ${f.initRatio.toFixed(2)}× SDK-only ${f.sdkInitCpuMs.toFixed(0)} ms (wall ${f.initWallMs.toFixed(0)} ms)`
        : `${f.initCpuMs.toFixed(0)} ms CPU (wall ${f.initWallMs.toFixed(0)} ms)`,
      target: 'figure only',
    });
  }
  const underLimit = figures.filter((f) => f.bytes <= SIZE_LIMIT_BYTES).length;
  const withSdk = figures.filter(hasSdk);
  const underRatio = withSdk.filter((f) => f.sizeRatio <= SIZE_RATIO_LIMIT).length;
  measures.push({
    name: 'bundle size: all functions',
    figure: `${underLimit}/${figures.length} ≤ 1 MB; ${underRatio}/${withSdk.length} ≤ ${SIZE_RATIO_LIMIT}× SDK-only`,
    target: 'all',
    met: figures.every(sizeMet),
  });
  return measures;
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : undefined;
  const names = args.filter((arg, i) => !arg.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
  measureBundles({ names, ...(runs ? { runs } : {}) })
    .then((figures) => {
      console.log(
        table(
          bundleMeasures(figures).map((m) => ({
            name: m.name,
            figure: m.figure,
            target: m.target,
            'met?': metText(m.met, m.missed),
          })),
        ),
      );
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
