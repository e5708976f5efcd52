import tseslint from 'typescript-eslint'

// The floors, lowest first: src (pure domain) → db (SQL) → templates (words) → jobs (time and
// queues) → bot (WeChat, the CLI, the demo). Imports run downward only.
const adapterModules = ['wechaty', 'wechaty-*', 'bullmq', 'ioredis', 'node-cron']
const ioModules = [
  ...adapterModules,
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
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

/** The rule for one floor: the folders above it it must not import, and the modules it must not use. */
function floor(files, above, modules, why) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: modules, message: why },
            {
              group: above.flatMap((dir) => [`../${dir}/*`, `../../${dir}/*`, `../../../${dir}/*`]),
              message: `imports run downward only (src → db → templates → jobs → bot): ${why}`,
            },
          ],
        },
      ],
    },
  }
}

export default tseslint.config(
  { ignores: ['node_modules/', 'db/migrations/', 'data/', 'dist/'] },
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
  floor(
    ['src/**/*.ts'],
    ['db', 'templates', 'jobs', 'bot'],
    ioModules,
    'src/ is the pure domain: do I/O in db/, jobs/ or bot/.',
  ),
  floor(
    ['db/**/*.ts'],
    ['templates', 'jobs', 'bot'],
    adapterModules,
    'db/ owns SQL only: WeChat, queues and schedules belong to jobs/ and bot/.',
  ),
  floor(
    ['templates/**/*.ts'],
    ['jobs', 'bot'],
    [...adapterModules, 'drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
    'templates/ owns words: it renders data it is given and reads no store.',
  ),
  floor(
    ['jobs/**/*.ts'],
    ['bot'],
    ['wechaty', 'wechaty-*'],
    'jobs/ owns time and queues: WeChat is reached through the deliver function bot/ passes in.',
  ),
)
