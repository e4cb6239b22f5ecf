// Every command but `catalog refresh` stays offline. The built CLI runs with test/helpers/deny-network.cjs
// preloaded: any socket connect, name lookup or UDP send throws and is logged to a file. The log must stay
// empty for each command; `catalog refresh`, the one command that goes online, proves the guard works
// (its attempt is caught and logged).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runBuilt } from '../helpers/cli.js';

const GUARD = join(ROOT, 'test/helpers/deny-network.cjs');
const LAYER = 'test/fixtures/catalogs/prices-new.yaml';
const WORKLOAD = ['--gpu', 'rtx4090', '--requests-per-day', '500', '--exec', '4s'];

function guarded(args: string[], env: Record<string, string> = {}, cwd = ROOT) {
  const log = join(mkdtempSync(join(tmpdir(), 'runpod-plan-offline-')), 'network.log');
  const run = runBuilt(args, { DENY_NETWORK_LOG: log, ...env }, { cwd, nodeArgs: ['--require', GUARD] });
  return { ...run, attempts: existsSync(log) ? readFileSync(log, 'utf8') : '' };
}

describe('no command but catalog refresh opens a socket', () => {
  it.each([
    ['gpus', ['gpus']],
    ['gpus --pods with a layer', ['gpus', '--pods', '--catalog', LAYER]],
    ['catalog', ['catalog']],
    ['catalog show --format json', ['catalog', 'show', '--format', 'json']],
    ['catalog diff', ['catalog', 'diff', 'bundled', LAYER, '--format', 'markdown']],
    ['compare', ['compare', ...WORKLOAD]],
    ['compare --fast', ['compare', ...WORKLOAD, '--fast']],
    ['breakeven --fast', ['breakeven', '--gpu', 'rtx4090', '--exec', '4s', '--fast']],
    ['coldstart', ['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--image', '2GB', '--weights-from', 'network-volume']],
    ['simulate', ['simulate', ...WORKLOAD, '--horizon', '1d']],
    ['minworkers', ['minworkers', ...WORKLOAD, '--horizon', '1d', '--up-to', '1']],
    ['idle-timeout', ['idle-timeout', ...WORKLOAD, '--horizon', '1d', '--timeouts', '5s,60s']],
    ['estimate', ['estimate', 'test/fixtures/plans/small.yaml', '--fast']],
    ['diff', ['diff', 'test/fixtures/plans/diff-old.yaml', 'test/fixtures/plans/diff-new.yaml', '--fast']],
    ['calibrate', ['calibrate', 'examples/calibrate/chat-jobs.ndjson', '--gpu', 'rtx4090', '--idle-timeout', '60s', '--format', 'json']],
    ['reconcile', ['reconcile', 'examples/calibrate/chat-calibrated.yaml', '--billing', 'examples/calibrate/chat-billing.json', '--format', 'json']],
    ['tokens', ['tokens', '--gpu', 'h100', '--requests-per-day', '1000', '--tokens-in', '500', '--tokens-out', '250', '--prefill', '5000', '--decode', '60', '--max-requests', '200000']],
    ['sweep, two threads', ['sweep', 'test/fixtures/sweep/plan.yaml', '--set', 'endpoints.api.gpu=ADA_24,AMPERE_48', '--threads', '2']],
    ['schema', ['schema']],
    ['--help', ['--help']],
  ])('%s', (_name, args) => {
    const run = guarded(args);
    expect(run.stderr).not.toContain('network access denied');
    expect(run.attempts).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('check (exit 1: the plan breaks a rule of its own, which is the answer, not a failure to run)', () => {
    const run = guarded(['check', 'test/fixtures/plans/small.yaml', '--fast']);
    expect(run.attempts).toBe('');
    expect(run.exitCode).toBe(1);
  });

  it('init (writes a plan file)', () => {
    const run = guarded(['init'], {}, mkdtempSync(join(tmpdir(), 'runpod-plan-offline-init-')));
    expect(run.attempts).toBe('');
    expect(run.exitCode).toBe(0);
  });

  it('the guard catches a real attempt: catalog refresh, the one command that goes online, is stopped and logged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-offline-refresh-'));
    const run = guarded(['catalog', 'refresh', '--api-url', 'http://127.0.0.1:45678', '--timeout', '5s'], { RUNPOD_API_KEY: 'rpa_0123456789abcdef' }, dir);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('cannot reach the API');
    expect(run.attempts).toContain('net.Socket.connect');
  });
});
