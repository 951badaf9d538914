// Lint rules hold the layer boundaries (docs/architecture.md, Layers): an import against them
// fails `npm run check`. Client: main → views → sync → db → domain → shared; server: main →
// app → routes → services → repos → db. Views never touch Dexie, the domain and shared code
// touch no storage and no DOM, the server shares only `src/shared` and `src/domain`, and SQL
// lives in server/repos (and the migrations).
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Each layer may import the layers below it, never one above (eslint-plugin-boundaries). */
const LAYERS = [
  // client, top to bottom (src/main.tsx above them all); i18n and sw are leaves
  { type: 'views', pattern: 'src/views' },
  { type: 'sw', pattern: 'src/sw' },
  { type: 'sync', pattern: 'src/sync' },
  { type: 'db', pattern: 'src/db' },
  { type: 'i18n', pattern: 'src/i18n' },
  { type: 'domain', pattern: 'src/domain' },
  { type: 'shared', pattern: 'src/shared' },
  // server, top to bottom (server/main.ts and server/app.ts above them all: see below)
  { type: 'admin', pattern: 'server/admin' },
  { type: 'demo', pattern: 'server/demo' },
  { type: 'routes', pattern: 'server/routes' },
  { type: 'http', pattern: 'server/http' },
  { type: 'services', pattern: 'server/(sync|identity|quarters)' },
  { type: 'repos', pattern: 'server/repos' },
  { type: 'secrets', pattern: 'server/secrets' },
  { type: 'server-db', pattern: 'server/db' },
];

/** `from` may not import any of `above`. */
const below = (from, ...above) => ({
  from: { element: { type: from } },
  disallow: { to: { element: { types: { anyOf: above } } } },
});

const LAYER_POLICIES = [
  below('sw', 'views', 'sync', 'db'),
  below('sync', 'views', 'sw'),
  below('db', 'views', 'sw', 'sync'),
  below('i18n', 'views', 'sw', 'sync', 'db', 'domain'),
  below('domain', 'views', 'sw', 'sync', 'db', 'i18n'),
  below('shared', 'views', 'sw', 'sync', 'db', 'i18n', 'domain'),
  below('admin', 'routes', 'http'),
  below('demo', 'admin', 'routes', 'http'),
  below('routes', 'admin', 'demo'),
  below('http', 'admin', 'demo', 'routes'),
  below('services', 'admin', 'demo', 'routes', 'http'),
  below('repos', 'admin', 'demo', 'routes', 'http', 'services'),
  below('secrets', 'admin', 'demo', 'routes', 'http', 'services', 'repos'),
  below('server-db', 'admin', 'demo', 'routes', 'http', 'services', 'repos', 'secrets'),
];

/** Query building outside server/repos and server/db (migrations) is SQL in the wrong place. */
const NO_SQL_HERE = {
  selector:
    'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]',
  message: 'SQL belongs in server/repos.',
};

/**
 * Dexie carries a transaction or live query across native `await`s by counting expected awaits
 * in one counter for the whole page. A callback that is not itself `async` but awaits (through
 * the async functions it calls) takes counts it never added — another zone's — and that zone's
 * next `await` then resumes outside it: on Chrome 71/72 the QR link's enrolment, racing the start
 * screen's live queries, failed with PrematureCommitError (tests/e2e/old-engines.test.ts).
 */
const DEXIE_ZONES = [
  {
    selector: "CallExpression[callee.name='liveQuery'] > :function[async=false]",
    message: 'Declare the live query async: Dexie counts its awaits only then.',
  },
  {
    selector:
      "CallExpression[callee.property.name='transaction'] > :function[async=false]:last-child",
    message: 'Declare the transaction scope async: Dexie counts its awaits only then.',
  },
];

const SERVER_SHARES = {
  group: ['**/src/db/*', '**/src/views/*', '**/src/sync/*', 'dexie', 'preact'],
  message: 'The server shares only src/shared and src/domain with the client.',
};

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
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'boundaries/elements': LAYERS,
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'allow', policies: LAYER_POLICIES }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-syntax': ['error', ...DEXIE_ZONES] },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/repos/**', 'server/db/**'],
    rules: {
      'no-restricted-syntax': ['error', NO_SQL_HERE],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              importNames: ['sql', 'CompiledQuery'],
              message: 'SQL belongs in server/repos.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    rules: restrict([SERVER_SHARES]),
  },
  {
    // The entry points are the top layer: nothing inside the server's folders imports them.
    files: ['server/*/**'],
    rules: restrict([
      SERVER_SHARES,
      {
        group: ['**/server/app', '../app', '**/server/main', '../main'],
        message: 'Entry points are the top layer.',
      },
    ]),
  },
);
