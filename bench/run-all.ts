import { bundleMeasures, measureBundles, type BundleFigures } from './bundles';
import { measureChasingSweep, sweepMeasures } from './chasing-sweep';
import { DEFAULT_ROWS, measureChronologyMerge, mergeMeasures } from './chronology-merge';
import { machine } from './load';
import { measureSubmitCpu, submitMeasures } from './submit-cpu';
import { isMain, metText, progress, table, type Measure } from './support';

/**
 * `npm run bench`: every benchmark, one table (name / figure / target / met?). Takes a few minutes; it is
 * not part of `npm test`. The load test is separate (bench/load.ts); `npm run evidence` runs both and
 * writes docs/evidence.md.
 */
/** The sweep at the ends of its CLI's range (10,000 and 40,000 open requests) shows flatness in less time. */
const SUITE_SWEEP_SIZES = [10_000, 40_000];

export interface SuiteOptions {
  /** Fresh-process imports per bundle for the init time (the shared SDK-only bundles get twice as many). */
  initRuns?: number;
  mergeRows?: number;
  sweepSizes?: number[];
  submissions?: number;
}

export interface SuiteResult {
  measures: Measure[];
  bundles: BundleFigures[];
}

export async function runSuite(options: SuiteOptions = {}): Promise<SuiteResult> {
  // The merge and its plain sort go first, on a fresh heap: after the bundles' metafiles the collector
  // slowed the sort more than the merge, which flattered the ratio (2.1× against 3.2× when run alone).
  progress(`chronology merge: ${options.mergeRows ?? DEFAULT_ROWS} rows`);
  const measures = mergeMeasures(measureChronologyMerge(options.mergeRows ?? DEFAULT_ROWS));
  const bundles = await measureBundles({ runs: options.initRuns ?? 3 });
  measures.unshift(...bundleMeasures(bundles));
  progress('submit CPU: in-memory adapters');
  measures.push(...submitMeasures(await measureSubmitCpu({ submissions: options.submissions ?? 100 })));
  measures.push(...sweepMeasures(await measureChasingSweep(options.sweepSizes ?? SUITE_SWEEP_SIZES)));
  return { measures, bundles };
}

export const measureTable = (measures: Measure[]) =>
  table(measures.map((m) => ({ name: m.name, figure: m.figure, target: m.target, 'met?': metText(m.met, m.missed) })));

if (isMain(import.meta.url)) {
  runSuite()
    .then(({ measures }) => {
      console.log(`Benchmarks on ${machine()}, ${new Date().toISOString()}\n`);
      console.log(measureTable(measures));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
