// Refuses to go on under a Node.js older than package.json's `engines.node`, with one clear
// message, before anything else loads: npm's `preinstall`, the `pre*` npm scripts, and the first
// import of every entry (`#node-version-check`: src/instrument.ts, src/main.ts, src/worker.ts,
// src/cli.ts, bin/aeo.js). Older Node fails later and obscurely: MikroORM needs `globSync` from
// `node:fs` (Node 22), pg-boss needs 22.12. Written in ES5 CommonJS so any old Node parses it.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose */
'use strict';

var required = Number(/\d+/.exec(require('../package.json').engines.node)[0]);
var current = process.versions.node;

if (Number(current.split('.')[0]) < required) {
  var found = 'but this is Node.js ' + current + ' (' + process.execPath + ').';
  var todo = 'Install Node.js ' + required + ' (with nvm: `nvm install`, which reads .nvmrc), ';
  var again = 'check `node --version`, then run the command again.';
  process.stderr.write('AEO Audit API needs Node.js ' + required + ' or newer, ' + found + '\n');
  process.stderr.write(todo + again + '\n');
  process.exit(1);
}
