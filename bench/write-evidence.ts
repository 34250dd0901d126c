import { writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../scripts/project-root';
import { loadMeasures, loadTable, runLoad, type LoadFigures } from './load';
import { SIZE_LIMIT_BYTES, SIZE_RATIO_LIMIT, type BundleFigures } from './bundles';
import { measureTable, runSuite, type SuiteResult } from './run-all';
import { kB, progress } from './support';

/**
 * `npm run evidence`: runs the benchmark suite and the load test and writes docs/evidence.md with the
 * figures, the date and the machine. Options: --sessions N --seconds S (the load), --skip-load.
 */
const ROOT = projectRoot();

function machineLines(): string[] {
  const list = cpus();
  const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  return [
    `- CPU: ${list.length} × ${list[0]?.model.trim() ?? 'unknown'}${list[0]?.speed ? ` at ${list[0].speed} MHz` : ''}`,
    `- Memory: ${gb(totalmem())} (${gb(freemem())} free when the run started)`,
    `- OS: ${osType()} ${release()}; Node ${process.version}`,
    `- Load average when the run started: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')} (1, 5, 15 min) — the machine is shared, so wall-clock times vary; CPU times are steadier`,
  ];
}

/** A bundle's biggest packages besides the SDK, e.g. "exceljs 246 kB, bluebird 85 kB". */
const heavy = (f: BundleFigures) =>
  f.heaviest
    .slice(0, 3)
    .map((p) => `${p.name} ${kB(p.bytes)}`)
    .join(', ');

function bundleNotes(suite: SuiteResult): string[] {
  const figures = suite.bundles;
  const over = figures.filter((f) => f.bytes > SIZE_LIMIT_BYTES);
  const withSdk = figures.filter((f) => f.sdkPackages.length > 0 && f.bytes <= SIZE_LIMIT_BYTES);
  const extra = withSdk.map((f) => f.bytes - f.sdkBytes);
  const allowed = withSdk.map((f) => (SIZE_RATIO_LIMIT - 1) * f.sdkBytes);
  const total = suite.measures.find((m) => m.name === 'bundle size: all functions');
  return [
    "- **Bundle size** is the minified ESM bundle esbuild writes with the stack's options (lib/bundling.ts), without",
    '  its source map; kB and MB are 1000 and 1,000,000 bytes. The SDK-only bundle imports, with the same options,',
    "  only the @aws-sdk packages of package.json that the function's bundle contains (read from esbuild's metafile)",
    '  and that it uses, as its IAM grants say (lib/function-access.ts: table, documents, mail), and constructs',
    '  each client once (S3 with the presigners the function bundles, DynamoDB with its document client); it holds',
    "  none of the commands a function sends, which the function's bundle does (~25 kB).",
    `  Targets: ≤ 1 MB, and ≤ ${SIZE_RATIO_LIMIT}× the SDK-only bundle. ${total?.figure ?? ''}.`,
    over.length
      ? `  Over 1 MB: ${over.map((f) => `${f.name} (${heavy(f)})`).join(', ')}.`
      : '  Every function is under 1 MB.',
    withSdk.length
      ? `  The ${SIZE_RATIO_LIMIT}× ratio: besides the SDK clients it uses, each function carries ${kB(Math.min(...extra))}–${kB(Math.max(...extra))} (zod and the route's schemas, the DynamoDB adapters, jose for business-office routes, the logger and middleware, the domain, file formats where it writes them, and the SDK commands it sends; each function composes only the clients its grants allow), where ${SIZE_RATIO_LIMIT}× allows ${kB(Math.min(...allowed))}–${kB(Math.max(...allowed))}. ADR 0014 records what was changed, what was not, and why.`
      : '',
    '- **Module init** is the CPU time (user + system, all threads) of importing the bundle in a fresh `node`',
    "  with the function's environment and `--enable-source-maps`, as a cold Lambda does, median of several",
    '  processes; the wall-clock time is shown beside it. No target was set: the ratio to the SDK-only bundle is',
    "  there for comparison. A Lambda's CPU share at 512 MB is not this machine's: compare ratios, not milliseconds.",
  ];
}

function loadSection(load: LoadFigures | undefined): string[] {
  if (!load) return ['_The load test was skipped in this run (`--skip-load`)._', ''];
  const m = loadMeasures(load);
  return [
    `${load.sessions} agency sessions, each signed in as a lead is (link → code from the SES emulator → session`,
    `cookie), worked for ${load.seconds} s: each saved drafts in a loop until its own moment to submit (spread`,
    `over the window, so that saving and submitting went on together), submitted once with its own submissionId,`,
    `then read its submitted return until the time was up (setup took ${load.setupSeconds.toFixed(0)} s and is not`,
    `counted). One session in ten sent its submission twice at`,
    `once (same id and content: one record, both answered 200, the same receipt); one in ten then submitted again`,
    `with a new id, which must be refused with 409 (counted apart from errors).`,
    '',
    `**This is the local stack on this machine**: every handler runs in one Node process (the local API`,
    `gateway), beside DynamoDB Local (Java), s3rver and the SES emulator, all on ${cpus().length} cores shared with`,
    `the load client. The figures show that the portal stays correct under concurrency and how this machine`,
    `copes; they are not Lambda's throughput or latency.`,
    '',
    '| name | figure | target | met? |',
    '| --- | --- | --- | --- |',
    ...m.map((x) => `| ${x.name} | ${x.figure} | ${x.target} | ${x.met === undefined ? '—' : x.met ? 'yes' : 'NO'} |`),
    '',
    'Latency per operation (from sending the request to the last byte of the answer):',
    '',
    loadTable(load),
    '',
    `Answers by status: ${Object.entries(load.statuses)
      .map(([status, n]) => `${status} × ${n}`)
      .join(', ')}.`,
    '',
    'Afterwards DynamoDB Local and s3rver were read directly: each request has exactly one return version',
    'naming its client-chosen submissionId, the document under the recorded key has the recorded SHA-256, there',
    'is exactly one `return.submitted` audit event per request, and one `draft.saved` event per draft save that',
    `was answered 200. ${load.verification.problems.length ? `Problems: ${load.verification.problems.slice(0, 10).join('; ')}` : 'No problems were found.'}`,
    '',
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      sessions: { type: 'string' },
      seconds: { type: 'string' },
      'skip-load': { type: 'boolean' },
    },
  });
  const startedAt = new Date();
  const machine = machineLines();
  progress('evidence: the benchmark suite');
  const suite = await runSuite();
  let load: LoadFigures | undefined;
  if (!values['skip-load']) {
    progress('evidence: the load test');
    load = await runLoad({
      ...(values.sessions ? { sessions: Number(values.sessions) } : {}),
      ...(values.seconds ? { seconds: Number(values.seconds) } : {}),
    });
  }
  const bundles = suite.bundles;
  const withSdk = bundles.filter((f) => f.sdkPackages.length > 0);
  const underLimit = bundles.filter((f) => f.bytes <= SIZE_LIMIT_BYTES);
  const underRatio = withSdk.filter((f) => f.sizeRatio <= SIZE_RATIO_LIMIT);
  const targeted = [...suite.measures, ...(load ? loadMeasures(load) : [])].filter(
    (m) => m.met !== undefined && !m.name.startsWith('bundle size'),
  );
  const lines = [
    '# Evidence: figures',
    '',
    `Generated by \`npm run evidence\` (bench/write-evidence.ts) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC,`,
    `in ${((Date.now() - startedAt.getTime()) / 60_000).toFixed(0)} minutes. Regenerate it with the same command; \`npm run bench\``,
    'prints the benchmark table alone and `npm run bench:load` runs the load test alone. Tests time nothing.',
    '',
    '## The machine',
    '',
    ...machine,
    '',
    '## Summary',
    '',
    `- Bundles ≤ 1 MB: ${underLimit.length} of ${bundles.length} functions (target: all). ${underLimit.length === bundles.length ? 'Met.' : `**Not met** by ${bundles.filter((f) => f.bytes > SIZE_LIMIT_BYTES).length}: see below.`}`,
    `- Bundles ≤ ${SIZE_RATIO_LIMIT}× their SDK-only bundle: ${underRatio.length} of ${withSdk.length} functions with an AWS client (target: all). ${underRatio.length === withSdk.length ? 'Met.' : '**Not met**: ADR 0014 says why.'}`,
    ...targeted.map((m) => `- ${m.name}: ${m.figure}. ${m.met ? 'Met' : '**Not met**'} (target: ${m.target}).`),
    '',
    '## Benchmarks (`npm run bench`)',
    '',
    ...bundleNotes(suite),
    '- **Submit handler CPU** is `process.cpuUsage()` around the submit-return route (its middy chain built',
    '  with the same route helper and schema, around in-memory adapters: functions/adapters/memory) for a',
    '  500-row chronology: parsing and validating the body, the session, the checks, the document and the',
    "  transaction, and the re-merge of the case's chronology the submission triggers. Each submission is to a",
    '  case of its own, set up outside the timing. No target was set.',
    '- **Chronology merge**: bench/chronology-merge.ts, 100,000 generated rows from 25 agencies, CPU time of the',
    '  merge against a plain date sort of the same rows, median of 9 runs. Target from ADR 0012: ≤ 3×.',
    '- **Chasing sweep**: bench/chasing-sweep.ts on DynamoDB Local, 50 requests due among N open; items read',
    '  per due request (consumed capacity reported by DynamoDB Local). Target from ADR 0010: ≤ 1.2, flat in N.',
    '',
    measureTable(suite.measures),
    '',
    '## Load (bench/load.ts)',
    '',
    ...loadSection(load),
  ];
  const file = join(ROOT, 'docs/evidence.md');
  writeFileSync(file, `${lines.join('\n')}\n`);
  progress(`evidence: wrote ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
