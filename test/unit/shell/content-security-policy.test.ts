import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  DEVELOPMENT_CONTENT_SECURITY_POLICY,
} from '../../../electron/main/content-security-policy';

interface CspFinding {
  severity: number;
  directive: string;
  value?: string;
}
interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): CspFinding[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}
/** Google's CSP Evaluator, as Electronegativity bundles it. */
const cspEvaluator = createRequire(import.meta.url)('@doyensec/csp-evaluator') as CspEvaluatorModule;

const directives = (policy: string): Map<string, string> =>
  new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources.join(' ')];
    }),
  );

describe('content security policy', () => {
  const policy = directives(CONTENT_SECURITY_POLICY);

  it.each([
    ['default-src', "'none'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['connect-src', "'self'"],
  ])('7. %s is exactly %s', (name, sources) => {
    expect(policy.get(name)).toBe(sources);
  });

  it('7. allows nothing inline and nothing evaluated', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
  });

  it('also shuts the doors the SECURITY.md list leaves to default-src', () => {
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('form-action')).toBe("'none'");
  });

  it('is the same string as the meta tag in renderer/index.html', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it("passes Google's CSP Evaluator with only its note that script-src 'self' needs a clean origin", () => {
    const { csp } = new cspEvaluator.CspParser(CONTENT_SECURITY_POLICY);
    const findings = new cspEvaluator.CspEvaluator(csp, cspEvaluator.Version.CSP3).evaluate();
    // app:// serves only the packaged renderer: no JSONP endpoints, no uploads, no Angular.
    expect(findings.map((f) => [f.directive, f.value, f.severity])).toEqual([['script-src', "'self'", cspEvaluator.severities['MEDIUM_MAYBE']]]);
  });

  it('loosens only script and style, and only for the dev server', () => {
    const dev = directives(DEVELOPMENT_CONTENT_SECURITY_POLICY);
    for (const [name, sources] of policy) {
      const expected = name === 'script-src' || name === 'style-src' ? `${sources} 'unsafe-inline'` : sources;
      expect(dev.get(name)).toBe(expected);
    }
  });
});
