// Lint rules. The one architectural rule that matters most is enforced here:
// the rules engine (src/engine) is a pure package and may not import the database,
// the web app, the CLI, configuration or Node's I/O modules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'dist', 'coverage', 'test-results', 'bench/results.json', 'src/web/public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/data/**', '**/web/**', '**/cli/**', '**/services/**', '**/imports/**', '**/config*'], message: 'The rules engine is pure: it must not import the database, web, CLI, services or config.' },
          { group: ['node:fs', 'node:fs/*', 'fs', 'node:child_process', 'node:net', 'node:http', 'pg', 'kysely', '@electric-sql/*', 'fastify'], message: 'The rules engine does no I/O: load files in the caller and pass the text in.' },
        ],
      }],
    },
  },
);
