#!/usr/bin/env node
// Runs the built CLI (dist/cli.cjs) through its loader, which hands V8 the bundle's code cache. CommonJS
// (bin/package.json says so): a CommonJS entry starts faster than an ES module one.
require('../dist/load.cjs').runBundle(require('node:path').join(__dirname, '..', 'dist'), 'main');
