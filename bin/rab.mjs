#!/usr/bin/env node
/* global URL, console, process */
// The `rab` admin command. Its code is TypeScript in electron/core/cli, compiled to plain
// JavaScript in out/cli/rab.mjs by `npm run build:cli` (vite.cli.config.ts), which `npm install`
// runs (the prepare script): nothing is compiled at start-up.
import { existsSync } from 'node:fs';

const compiled = new URL('../out/cli/rab.mjs', import.meta.url);
if (!existsSync(compiled)) {
  console.error('rab: the command line has not been built yet. Run `npm run build:cli` (npm install does it) and try again.');
  process.exit(1);
}
await import(compiled.href);
