// Preloaded into the api and worker (`node -r bench/tools/count-queries.cjs`) by `npm run bench --
// --count-queries`: counts every query sent through pg, by its text, with the time until its answer.
// On SIGUSR1 it writes the counts since the previous signal to $BENCH_QUERY_COUNT_FILE.<n>.json and
// starts again. Measurement only: nothing here changes what the app does.
/* global require, process, performance */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const { writeFileSync } = require('node:fs');
const pg = require('pg');

let counts = new Map();
let seq = 0;
const original = pg.Client.prototype.query;

pg.Client.prototype.query = function countedQuery(config, values, callback) {
  const text = typeof config === 'string' ? config : config && config.text;
  const result = original.call(this, config, values, callback);
  if (typeof text === 'string') {
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    const entry = counts.get(key) || { calls: 0, ms: 0 };
    entry.calls += 1;
    counts.set(key, entry);
    if (result && typeof result.then === 'function') {
      const started = performance.now();
      result.then(
        () => (entry.ms += performance.now() - started),
        () => (entry.ms += performance.now() - started),
      );
    }
  }
  return result;
};

process.on('SIGUSR1', () => {
  const file = `${process.env.BENCH_QUERY_COUNT_FILE}.${++seq}.json`;
  const rows = [...counts].map(([text, e]) => ({ text, calls: e.calls, ms: Math.round(e.ms * 10) / 10 }));
  rows.sort((a, b) => b.calls - a.calls);
  writeFileSync(file, JSON.stringify(rows));
  counts = new Map();
});
