/**
 * Zod without its eval probe. Zod 4 tries `new Function` when it builds an object schema, to see
 * whether it may compile a faster parser; under the app's Content Security Policy (script-src
 * 'self') that try is reported as a violation even though zod catches it. Jitless, zod never
 * tries. Schemas capture the setting when they are built, so code that runs under the CSP (the
 * preload) imports this module before anything that builds one.
 */
import { z } from 'zod';

z.config({ jitless: true });
