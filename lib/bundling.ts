import { OutputFormat, SourceMapMode, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * How every function is bundled, in one place: the CDK stack bundles with these options, and the bundle
 * test and benchmark run esbuild with the same ones, without synthesising the whole app.
 */
const BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

export const FUNCTION_BUNDLING: BundlingOptions = {
  // ESM, because middy 7 and jose ship ESM only; esbuild resolves them at build time either way,
  // and the banner gives the bundled CommonJS dependencies (the AWS SDK) a working `require`.
  format: OutputFormat.ESM,
  mainFields: ['module', 'main'],
  banner: BANNER,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.DEFAULT,
  sourcesContent: false,
  // The SDK is bundled too, so the versions that ran in the tests are the versions that run in AWS.
  externalModules: [],
  // Local esbuild (a devDependency) only: there is no Docker in CI or here.
  forceDockerBundling: false,
};

/** The same bundling, as esbuild options (what NodejsFunction passes to esbuild). */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: BANNER },
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
  };
}
