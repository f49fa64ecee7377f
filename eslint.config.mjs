import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import path from 'node:path';

/**
 * The web console's layering (bulletproof-react): src/features/<a> never imports src/features/<b> nor
 * src/app; src/lib and src/components import no feature and not src/app. src/app composes them all.
 */
const webLayers = {
  rules: {
    layers: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const src = path.resolve(context.cwd, 'apps/web/src');
        const where = (file) => path.relative(src, file).split(path.sep);
        const [fromTop, fromFeature] = where(context.filename);
        const check = (node, source) => {
          if (typeof source !== 'string' || !source.startsWith('.')) return;
          const [top, feature] = where(path.resolve(path.dirname(context.filename), source));
          const crossFeature = fromTop === 'features' && top === 'features' && feature !== fromFeature;
          const upward = top === 'app' && ['features', 'lib', 'components'].includes(fromTop);
          const libToFeature = (fromTop === 'lib' || fromTop === 'components') && top === 'features';
          if (crossFeature || upward || libToFeature) {
            context.report({
              node,
              message: `${source}: features never import other features or src/app; lib and components import neither (README, Web console)`,
            });
          }
        };
        return {
          ImportDeclaration: (node) => check(node, node.source.value),
          ImportExpression: (node) => check(node, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
          ExportAllDeclaration: (node) => check(node, node.source.value),
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      'apps/web/src/lib/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='parseFloat']",
          message: 'Money is integer fen; do not parse floats.',
        },
      ],
    },
  },
  {
    files: ['libs/policies/**/*.ts', 'libs/workflow/**/*.ts', 'libs/common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis', '@huiqi/database', '@huiqi/config'] },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { web: webLayers },
    rules: {
      'web/layers': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'pg', 'bullmq', 'ioredis', 'node:*'],
              message: 'The console runs in the browser.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Vite config runs in Node.
    files: ['apps/web/vite.config.mts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
