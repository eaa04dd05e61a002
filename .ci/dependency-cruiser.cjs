/**
 * The layer rules of docs/architecture.md, checked by `npm run check` (dependency-cruiser):
 * core imports nothing outside core; only services and the composition root import the
 * store; telegram never imports the store; no import circles anywhere in src.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core holds the rules: it imports nothing outside src/core (no node:, no packages, no other layer).',
      severity: 'error',
      from: { path: '^src/core/' },
      // dayjs (with its plugins and locale) is the one library core uses: pure date arithmetic.
      to: { pathNot: ['^src/core/', '^node_modules/dayjs/'] },
    },
    {
      name: 'store-only-from-services-and-root',
      comment: 'Only services and the composition roots (app.ts, main.ts, the migrate.ts command) reach the store.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/store/', '^src/services/', '^src/app\\.ts$', '^src/main\\.ts$', '^src/migrate\\.ts$'] },
      to: { path: '^src/store/' },
    },
    {
      name: 'telegram-never-store',
      comment: 'The Telegram layer talks to services, never to the store.',
      severity: 'error',
      from: { path: '^src/telegram/' },
      to: { path: '^src/store/' },
    },
    {
      name: 'no-circles',
      comment: 'No import circles: shared types live in leaf files.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
