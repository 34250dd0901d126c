import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildWeb } from '../scripts/build-web';
import { projectRoot } from '../scripts/project-root';
import { PortalStack } from './portal-stack';
import { readSettings } from './settings';

export const STACK_NAME = 'SafeguardingPortal';

export interface PortalAppOptions {
  /** CDK context; the CLI passes cdk.json's itself, tests pass it explicitly. */
  context?: Record<string, unknown>;
  /** Pages already built (tests pass a small fixture); otherwise web/ is built into dist/web. */
  webAssetDir?: string;
  outdir?: string;
}

/**
 * The app `cdk synth` builds (bin/portal.ts) and the tests build: the web pages are bundled first,
 * then the stack is defined and checked against the AWS Solutions rules. cdk-nag 3 runs as a policy
 * validation plugin: any unacknowledged finding fails synthesis and is listed in the cloud assembly's
 * validation report.
 */
export async function createPortalApp(options: PortalAppOptions = {}): Promise<{ app: App; stack: PortalStack }> {
  const webAssetDir = options.webAssetDir ?? (await buildWeb(join(projectRoot(), 'dist/web')));
  const app = new App({ context: options.context, outdir: options.outdir });
  const settings = readSettings(app);
  const stack = new PortalStack(app, STACK_NAME, {
    env: { region: settings.region, account: process.env.CDK_DEFAULT_ACCOUNT },
    description: 'Safeguarding returns portal: collects agency returns for child safeguarding reviews',
    settings,
    webAssetDir,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  return { app, stack };
}
