/** Builds the renderer and the bridge for the browser host, without starting it (for test runs). */
import { buildForBrowserHost } from './build-renderer';

const started = Date.now();
const outDir = await buildForBrowserHost();
console.log(`Renderer and bridge built into ${outDir} in ${Date.now() - started} ms.`);
