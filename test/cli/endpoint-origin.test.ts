// How an endpoint is made sets its defaults: the console's (FlashBoot on, idle timeout 5 s, execution
// timeout 600 s) or the REST API v2's POST /v2/serverless (FlashBoot OFF, idle timeout 10 s, timeout
// 300000 ms; runpod/docs api-reference-v2/openapi.json). Every output says which, and the API's refusals
// (an idle timeout with the request-count scaler) are refused here too.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

const SIMULATE = ['simulate', '--gpu', 'rtx4090', '--requests-per-day', '1000', '--exec', '4s', '--horizon', '1d', '--format', 'json'];

type Assumption = { key: string; value: unknown; text: string };
const assumptionsOf = (stdout: string): Assumption[] => JSON.parse(stdout).assumptions;
const find = (stdout: string, key: string) => assumptionsOf(stdout).find((assumption) => assumption.key === key);

describe('--created-with: the defaults of how an endpoint is made', () => {
  it('console (the default): idle timeout 5s, execution timeout 10m, FlashBoot on', async () => {
    const run = await runInProcess(SIMULATE);
    expect(run.exitCode).toBe(0);
    expect(find(run.stdout, 'createdWith')?.text).toBe(
      'Endpoint made in the console (--created-with): FlashBoot on by default; where not given, idle timeout 5s and execution timeout 10m.',
    );
    expect(find(run.stdout, 'workers')?.text).toContain('idle timeout 5s, execution timeout 10m');
  });

  it('api: idle timeout 10s, execution timeout 300s (300000 ms), FlashBoot off', async () => {
    const run = await runInProcess([...SIMULATE, '--created-with', 'api']);
    expect(run.exitCode).toBe(0);
    expect(find(run.stdout, 'createdWith')?.text).toBe(
      'Endpoint made with the REST API, POST /v2/serverless (--created-with): FlashBoot off by default; where not given, idle timeout 10s and execution timeout 5m.',
    );
    expect(find(run.stdout, 'workers')?.text).toContain('idle timeout 10s, execution timeout 5m');
    // A longer idle timeout keeps workers up longer: the same traffic costs more than under the console's 5 s.
    const console = await runInProcess(SIMULATE);
    const monthly = (stdout: string) => JSON.parse(stdout).summary.find((row: { measure: string }) => row.measure === 'monthly cost')?.value as number;
    expect(monthly(run.stdout)).toBeGreaterThan(monthly(console.stdout));
  });

  it('a setting given beats either default', async () => {
    const run = await runInProcess([...SIMULATE, '--created-with', 'api', '--idle-timeout', '30s', '--flashboot', 'on']);
    expect(find(run.stdout, 'createdWith')?.text).toContain('FlashBoot on;');
    expect(find(run.stdout, 'workers')?.text).toContain('idle timeout 30s');
  });

  it('FlashBoot restores need FlashBoot on: refused for an API-made endpoint unless turned on', async () => {
    const refused = await runInProcess(['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--created-with', 'api', '--flashboot-hit', '50%']);
    expect(refused).toEqual({
      stdout: '',
      stderr: 'error: --flashboot-hit: FlashBoot is off by default for an endpoint made with the API (--created-with api): no start can be a FlashBoot restore; turn it on with --flashboot\n',
      exitCode: 2,
    });
    const off = await runInProcess(['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--flashboot', 'off', '--flashboot-hit', '50%']);
    expect(off.stderr).toMatch(/^error: --flashboot-hit: --flashboot is off: /);
    const on = await runInProcess(['coldstart', '--gpu', 'rtx4090', '--model', 'sdxl-base', '--created-with', 'api', '--flashboot', 'on', '--flashboot-hit', '50%']);
    expect(on.exitCode).toBe(0);
  });
});

describe('the request-count scaler and the idle timeout', () => {
  it('states the scale-down it assumes, since RunPod documents none for it', async () => {
    const run = await runInProcess([...SIMULATE, '--scaler', 'request-count']);
    expect(find(run.stdout, 'requestCountScaleDownS')).toMatchObject({
      value: 5,
      text: "Request-count scaler: RunPod documents the idle timeout for the queue-delay scaler only; assumed: a worker above the scaler's target stops after 5s idle (the console's default idle timeout).",
    });
    // The queue-delay scaler needs no such assumption.
    expect(find((await runInProcess(SIMULATE)).stdout, 'requestCountScaleDownS')).toBeUndefined();
  });

  it('an API-made endpoint: the idle timeout the API would reject is refused; without it 5 s is assumed, not the API default 10 s', async () => {
    const refused = await runInProcess([...SIMULATE, '--created-with', 'api', '--scaler', 'request-count', '--idle-timeout', '3s']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^error: --idle-timeout: RunPod's API rejects an idle timeout for a queue endpoint that scales on request count/);
    const run = await runInProcess([...SIMULATE, '--created-with', 'api', '--scaler', 'request-count']);
    expect(find(run.stdout, 'requestCountScaleDownS')?.text).toContain("and its API rejects one for a queue endpoint scaling on request count; assumed: a worker above the scaler's target stops after 5s idle");
  });

  describe('in a plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-origin-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const plan = (body: string) => {
      const file = join(dir, `plan-${Math.random().toString(36).slice(2)}.yaml`);
      writeFileSync(file, `version: 1\nhorizon: 1d\nendpoints:\n  api:\n    gpu: RTX 4090\n${body}    traffic: { requestsPerDay: 1000 }\n    execution: 4s\n`);
      return file;
    };

    it('createdWith: api sets the API defaults; its refusal names the file, line and key', async () => {
      const ok = await runInProcess(['estimate', plan('    createdWith: api\n'), '--format', 'json']);
      expect(ok.exitCode).toBe(0);
      expect(ok.stdout).toContain('Endpoint made with the REST API, POST /v2/serverless');
      const file = plan('    createdWith: api\n    scaler: request-count\n    workers: { idleTimeout: 3s }\n');
      const refused = await runInProcess(['estimate', file]);
      expect(refused.exitCode).toBe(2);
      expect(refused.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:8:\\d+: endpoints\\.api\\.workers\\.idleTimeout: RunPod's API rejects`));
    });
  });

  it('an endpoint with neither execution nor tokens is refused by the resolver, at its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runpod-plan-noexec-'));
    const file = join(dir, 'plan.yaml');
    writeFileSync(file, 'version: 1\nendpoints:\n  api:\n    gpu: RTX 4090\n    traffic: { rps: 1 }\n');
    const run = await runInProcess(['estimate', file]);
    rmSync(dir, { recursive: true, force: true });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(`error: ${file}:3:3: endpoints.api.execution: required: the execution time of one request, or its tokens (an LLM endpoint)\n`);
  });
});
