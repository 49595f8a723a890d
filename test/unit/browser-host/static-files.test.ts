import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { staticFile, withBridge } from '../../browser-host/static-files';
import { useTempDirs } from '../../helpers/temp-dir';

describe('the browser host’s static files', () => {
  const tempDir = useTempDirs();
  const built = () => {
    const root = join(tempDir(), 'build');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<html><head><title>x</title><script type="module" src="/assets/app.js"></script></head><body></body></html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'notes.txt'), 'not served');
    writeFileSync(join(tempDir(), 'secret.js'), 'outside');
    return root;
  };

  it('loads the bridge before the app’s own script', () => {
    const html = withBridge('<head><script type="module" src="/assets/app.js"></script></head>');
    expect(html.indexOf('<script src="/bridge.js"></script>')).toBeLessThan(html.indexOf('/assets/app.js'));
  });

  it('serves index.html (with the bridge) for / and built assets with their types', () => {
    const root = built();
    expect(staticFile(root, '/')?.body.toString()).toContain('/bridge.js');
    expect(staticFile(root, '/assets/app.js')).toMatchObject({ type: 'text/javascript; charset=utf-8' });
  });

  it('serves nothing outside the build folder, however the path is spelled', () => {
    const root = built();
    for (const path of ['/../secret.js', '/assets/../../secret.js', '/%2e%2e/secret.js', '/assets/%2e%2e%2f%2e%2e%2fsecret.js', '/assets/app.js%00.png', '/%E0%A4%A']) {
      expect(staticFile(root, path)).toBeNull();
    }
  });

  it('serves only the kinds of file a renderer build holds', () => {
    expect(staticFile(built(), '/assets/notes.txt')).toBeNull();
  });
});
