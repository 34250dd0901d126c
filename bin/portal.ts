import { createPortalApp } from '../lib/portal-app';

// `cdk synth` and `cdk deploy` run this (cdk.json). The pages are built before the stack is defined.
const { app } = await createPortalApp();
app.synth();
