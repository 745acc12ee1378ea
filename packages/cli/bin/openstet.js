#!/usr/bin/env node
// One libuv thread verifies and signs RSA off the event loop; more threads contend on OpenSSL 3's locks
// and cost the event loop more than they save (npm run bench: ratio 0.40 with 2 threads, 0.50 with 1).
// Set before anything touches the thread pool; an explicit UV_THREADPOOL_SIZE wins.
process.env.UV_THREADPOOL_SIZE ??= '1';

// Runs the TypeScript sources through tsx: no build step between `npm install` and `npx openstet`.
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
