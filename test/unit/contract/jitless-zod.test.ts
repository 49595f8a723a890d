import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Under the app's Content Security Policy (script-src 'self') any `new Function` or eval is
 * reported as a violation, even one zod catches. Every call of either is recorded from here on,
 * before zod or the contract is loaded, so the schemas are built exactly as the preload builds them.
 */
const evalCalls: string[] = [];
const record = () => evalCalls.push(new Error().stack ?? '');
const realFunction = globalThis.Function;
const realEval = globalThis.eval;
globalThis.Function = new Proxy(realFunction, {
  construct: (target, args, newTarget) => (record(), Reflect.construct(target, args, newTarget)),
  apply: (target, self, args) => (record(), Reflect.apply(target, self, args)),
});
globalThis.eval = new Proxy(realEval, { apply: (target, self, args) => (record(), Reflect.apply(target, self, args)) });
afterAll(() => {
  globalThis.Function = realFunction;
  globalThis.eval = realEval;
});
const byZod = () => evalCalls.filter((stack) => stack.includes('zod'));

describe('zod under the Content Security Policy', () => {
  it('builds and parses the contract schemas without ever calling Function or eval, once jitless-zod is loaded', async () => {
    const { z } = await import('zod');
    await import('../../../shared/contract/jitless-zod');
    const { CONTRACT } = await import('../../../shared/contract');
    expect(z.config().jitless).toBe(true);

    expect(CONTRACT['auth.signIn'].input.safeParse({ username: 'crc.practitioner', password: 'demonstration' }).success).toBe(true);
    for (const def of Object.values(CONTRACT)) def.input.safeParse({ surprise: 1 });
    expect(byZod()).toEqual([]);

    // The recording does see zod's probe when zod may compile: this test would notice a regression.
    z.config({ jitless: false });
    try {
      z.object({ crn: z.string() }).parse({ crn: 'X100001' });
      expect(byZod().length).toBeGreaterThan(0);
    } finally {
      z.config({ jitless: true });
    }
  });

  it('is the first thing the preload imports, before any module that builds a schema', () => {
    const preload = readFileSync(new URL('../../../electron/preload/index.ts', import.meta.url), 'utf8');
    const imports = [...preload.matchAll(/^import\s+(?:[^'"]*\sfrom\s+)?'([^']+)'/gm)].map((m) => m[1]);
    expect(imports[0]).toBe('../../shared/contract/jitless-zod');
  });
});
