// Lint rules hold the layer boundaries (docs/architecture.md, House style): views never touch
// Dexie, the domain imports nothing of ours outside domain and shared, the server only shares
// `src/shared`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'data', 'coverage', 'node_modules', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/views/**'],
    rules: restrict([
      { group: ['dexie', 'dexie/*'], message: 'Views read through live-query hooks in src/db.' },
      { group: ['**/db/db', '**/db/instance'], message: 'Views use the functions in src/db.' },
    ]),
  },
  {
    files: ['src/domain/**', 'src/shared/**'],
    rules: restrict([
      {
        group: ['dexie', 'preact', 'preact/*', 'idb-keyval', 'workbox-window', '**/db/*'],
        message: 'Pure code: no storage, no DOM.',
      },
      {
        group: ['**/views/*', '**/sync/*', '**/server/*'],
        message: 'Pure code imports pure code.',
      },
    ]),
  },
  {
    files: ['server/**'],
    rules: restrict([
      {
        group: ['**/src/db/*', '**/src/views/*', '**/src/sync/*', 'dexie', 'preact'],
        message: 'The server shares only src/shared and src/domain with the client.',
      },
    ]),
  },
);
