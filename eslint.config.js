import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', 'dist', '.local', 'coverage', 'test-results', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Secrets come from node:crypto only (security checklist A.1).
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use node:crypto for anything random.' },
      ],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'uuid', message: 'Use node:crypto randomUUID, or randomBytes for secrets.' }] },
      ],
      // esbuild keeps every export of zod's namespace (all its locales, ~370 kB) for `import { z }` (ADR 0014).
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value='zod'][importKind!='type'] > :matches(ImportSpecifier[imported.name='z'][importKind!='type'], ImportDefaultSpecifier)",
          message: "Import zod as a namespace: import * as z from 'zod' (ADR 0014).",
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The domain is pure: no AWS SDK, no HTTP layer, no runtime wiring.
    files: ['functions/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@aws-sdk/*',
                'aws-lambda',
                '@middy/*',
                '@aws-lambda-powertools/*',
                '../adapters/*',
                '../../adapters/*',
                '../http/*',
                '../../http/*',
                '../runtime/*',
                '../../runtime/*',
              ],
              message: 'The domain imports nothing from AWS or the layers around it.',
            },
          ],
        },
      ],
    },
  },
);
