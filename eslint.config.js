// Flat config. Besides the usual checks it enforces where code may run (STYLE.md):
// shared/ is pure (no Node, no Electron, no DOM), electron/core never imports Electron,
// the renderer never reaches into electron/ or Node, and only electron/core/store speaks to a
// database driver (everything else goes through the engine seam). Promises in electron/ must be
// awaited or handed on: a store call left floating would run outside its transaction.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodePatterns = ['node:*'];

const DRIVERS = ['better-sqlite3-multiple-ciphers', 'pg', 'postgres'].map((name) => ({
  name,
  message: 'Only electron/core/store speaks to a database driver: use the engine seam (store/sql.ts).',
}));

const restrict = (paths, patterns) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'playwright-report/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(
        [
          ...nodeBuiltins.map((name) => ({ name, message: 'shared/ runs everywhere: no Node built-ins.' })),
          { name: 'electron', message: 'shared/ runs everywhere: no Electron.' },
          { name: 'react', message: 'shared/ holds no UI.' },
        ],
        [
          { group: nodePatterns, message: 'shared/ runs everywhere: no Node built-ins.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing in the app.' },
        ],
      ),
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', '__dirname', 'require'].map((name) => ({
          name,
          message: `shared/ runs everywhere: '${name}' is not available in every runtime.`,
        })),
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: restrict(DRIVERS, []),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(
      [{ name: 'electron', message: 'electron/core is plain Node: Electron belongs in electron/main.' }, ...DRIVERS],
      [{ group: ['**/electron/main/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core depends only on shared/.' }],
    ),
  },
  {
    files: ['electron/core/store/**/*.ts'],
    rules: restrict(
      [{ name: 'electron', message: 'electron/core is plain Node: Electron belongs in electron/main.' }],
      [{ group: ['**/electron/main/**', '**/main/**', '**/preload/**', '**/renderer/**'], message: 'electron/core depends only on shared/.' }],
    ),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict([], [{ group: ['**/core/**', '**/renderer/**', ...nodePatterns], message: 'The preload exposes the contract only.' }]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          { name: 'electron', message: 'The renderer talks only to window.broker.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'The renderer runs in a sandbox: no Node built-ins.' })),
        ],
        [
          { group: ['**/electron/**', 'electron/*'], message: 'The renderer talks only to window.broker, never to electron/.' },
          { group: nodePatterns, message: 'The renderer runs in a sandbox: no Node built-ins.' },
        ],
      ),
    },
  },
);
