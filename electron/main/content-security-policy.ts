/**
 * The renderer's Content Security Policy, defined once. The app protocol sends it as a header and
 * renderer/index.html carries the same string in its meta tag (a test keeps the two equal).
 * No 'unsafe-inline' anywhere: inline scripts and styles are how injected markup becomes code.
 */
const POLICY: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['object-src', "'none'"],
];

export const CONTENT_SECURITY_POLICY = POLICY.map(([directive, sources]) => `${directive} ${sources}`).join('; ');

/**
 * The policy for `electron-vite dev` only, never shipped: Vite's dev server injects the React
 * refresh preamble as an inline script and CSS as <style> elements. Its websocket is covered by
 * 'self' (CSP 3 lets 'self' match ws: on the same host and port).
 */
export const DEVELOPMENT_CONTENT_SECURITY_POLICY = POLICY.map(([directive, sources]) =>
  directive === 'script-src' || directive === 'style-src' ? `${directive} ${sources} 'unsafe-inline'` : `${directive} ${sources}`,
).join('; ');
