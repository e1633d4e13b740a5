// ESLint flat config. Type-aware rules everywhere (no-floating-promises), and a sandbox override for workflows/:
// workflow code is replayed deterministically, so it may not touch Node builtins, I/O libraries or the database.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);
const ioLibraries = [
  'pg',
  'sequelize',
  'umzug',
  'express',
  'socket.io',
  'jose',
  'pino',
  'pino-http',
  'ajv',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/activity',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      '.tools/**',
      'ui/dist/**',
      'ui/vite.config.ts',
      'ui/widget/**',
      'test-artifacts/**',
      'dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...ioLibraries].map((name) => ({
            name,
            message: 'Workflow code must be deterministic: do I/O in an activity.',
          })),
          patterns: [
            {
              group: ['**/activities/**', '**/api/**', '**/db/**', '**/simulators/**', '**/scripts/**'],
              allowTypeImports: true,
              message: 'Workflows import only types from other folders.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'process', message: 'Workflows have no process.' },
      ],
      'no-restricted-properties': [
        'error',
        // Date.now() is fine: the sandbox replaces it with the deterministic workflow time.
        { object: 'Math', property: 'random', message: 'Use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
  {
    // The web UI: typed against its own tsconfig (DOM, JSX, bundler resolution), with the rules of hooks.
    files: ['ui/src/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: false, project: ['./ui/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // A workflow area's api.ts is loaded by api/, activities/ and scripts (outside the sandbox): message definitions,
    // id functions and types only, never workflow code. (Rules of a later block replace the sandbox rule above.)
    files: ['workflows/*/api.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...[...nodeBuiltins, ...ioLibraries].map((name) => ({
              name,
              message: 'Workflow code must be deterministic: do I/O in an activity.',
            })),
            {
              name: '@temporalio/workflow',
              allowImportNames: ['defineSignal', 'defineQuery', 'defineUpdate'],
              message: "A workflow's api.ts defines messages only.",
            },
          ],
          patterns: [
            {
              group: ['./*', '../*', '../../*'],
              allowTypeImports: true,
              message: "A workflow's api.ts imports only types: Node code loads it.",
            },
          ],
        },
      ],
    },
  },
  // Import direction (docs/architecture.md): each tree imports only the trees below it. Type imports of workflow
  // types are allowed where a value import is not; a workflow's api.ts (its ids and typed messages) is importable as
  // values by api/ and activities/. Regexes on the specifier: a relative path that climbs into another tree.
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(api|activities|simulators|scripts)(/|$)',
              message: 'db/ is the model layer: it imports forms/ only (and db/).',
            },
            { regex: '^(\\.\\./)+workflows(/|$)', allowTypeImports: true, message: 'db/ may import only types from workflows/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(api|simulators|scripts)(/|$)',
              message: 'activities/ import db/, forms/, their adapters and workflow types: shared logic belongs in db/.',
            },
            {
              regex: '^(\\.\\./)+workflows/(?![a-z-]+/api$)',
              allowTypeImports: true,
              message: "activities/ import a workflow's api.ts, and only types from the rest of workflows/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^(\\.\\./)+(simulators|scripts)(/|$)', message: 'api/ imports db/, forms/, adapters and workflows/*/api.ts.' },
            // Adapters: a register or the bank answers a synchronous request. Documents: the API renders an invoice PDF
            // on request with the fonts the worker's documents use.
            {
              regex: '^(\\.\\./)+activities(/(?!(adapters|documents)(/|$))|$)',
              message: 'api/ uses activities/adapters and activities/documents only; durable work belongs to a workflow.',
            },
            {
              regex: '^(\\.\\./)+workflows/(?![a-z-]+/api$)',
              allowTypeImports: true,
              message: "api/ imports a workflow's api.ts (ids, typed messages), and only types from the rest of workflows/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['ui/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // From ui/src/<area>/… the repository's trees are two or more levels up (ui/src/app/api is the UI's own).
          patterns: [
            {
              regex: '^(\\.\\./){2,}(api|db|activities|workflows|simulators|scripts)(/|$)',
              message: 'ui/ imports the generated types in forms/types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read loosely typed JSON responses.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Mocha's tier configurations: CommonJS that mocha require()s, outside the TypeScript project.
    files: ['.mocharc.*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __filename: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
);
