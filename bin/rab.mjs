#!/usr/bin/env node
// The `rab` admin command. Its code is TypeScript in electron/core/cli; tsx (a runtime
// dependency) compiles it on the fly, so `npx rab` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
await import('../electron/core/cli/main.ts');
