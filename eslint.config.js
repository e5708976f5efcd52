import tseslint from 'typescript-eslint'

// src/ is the pure domain: no I/O, no adapters. These imports belong at the edges.
const edgeModules = [
  'wechaty',
  'wechaty-*',
  'bullmq',
  'ioredis',
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
  'node-cron',
  'pino',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'net',
  'node:net',
  'http',
  'node:http',
  'child_process',
  'node:child_process',
]

export default tseslint.config(
  { ignores: ['node_modules/', 'db/migrations/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: edgeModules,
              message: 'src/ is the pure domain: do I/O in bot/, jobs/ or db/.',
            },
            {
              group: ['../bot/*', '../jobs/*', '../db/*', '../templates/*', '../../*'],
              message: 'src/ imports nothing from the edges.',
            },
          ],
        },
      ],
    },
  },
)
