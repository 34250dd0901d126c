import { buildWeb } from './build-web';

console.log(`Web pages built in ${await buildWeb()}`);
