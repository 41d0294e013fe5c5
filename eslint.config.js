// Lint: TypeScript rules plus the layering of DESIGN.md, enforced on imports rather than by hope.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Layers each layer must not import (dependencies point down: web/cli → api → app → domain/store). */
const forbidden = {
  domain: ['store', 'app', 'api', 'web', 'cli'],
  store: ['app', 'api', 'web', 'cli'],
  app: ['api', 'web', 'cli'],
  api: ['web', 'cli'],
  web: ['store', 'app', 'api', 'cli'],
};

const layerRules = Object.entries(forbidden).map(([layer, banned]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: banned.map((b) => ({
          group: [`**/${b}/**`, `../${b}/*`, `../../${b}/*`],
          message: `${layer} must not import ${b} (see DESIGN.md, Architecture).`,
        })),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '.data', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  ...layerRules,
  {
    // The domain is pure: no I/O, no process, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'pg', '@electric-sql/*'], message: 'domain is pure: no I/O' },
            {
              group: ['**/store/**', '**/app/**', '**/api/**', '**/web/**', '**/cli/**'],
              message: 'domain imports nothing above it',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'domain reads no clock: pass the time in',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'domain reads no clock',
        },
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
          message: 'domain is seeded: no Math.random',
        },
      ],
    },
  },
);
