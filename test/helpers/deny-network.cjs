// Preloaded (`node --require`) into the built CLI by test/cli/offline.test.ts: every way out to the
// network throws, and is first recorded in the file DENY_NETWORK_LOG names, so an attempt shows even
// where the CLI catches the error. TCP, TLS, HTTP and fetch (undici) all connect through
// net.Socket.prototype.connect; names resolve through dns; UDP sends through dgram.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const dgram = require('node:dgram');
const fs = require('node:fs');

function deny(what) {
  const log = process.env.DENY_NETWORK_LOG;
  if (log) fs.appendFileSync(log, `${what}\n`);
  throw new Error(`network access denied (${what})`);
}

net.Socket.prototype.connect = function connect() {
  deny('net.Socket.connect');
};
for (const name of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt', 'reverse']) {
  dns[name] = () => deny(`dns.${name}`);
  dns.promises[name] = async () => deny(`dns.promises.${name}`);
}
dgram.Socket.prototype.send = function send() {
  deny('dgram.Socket.send');
};
dgram.Socket.prototype.connect = function connect() {
  deny('dgram.Socket.connect');
};
