// The package as a user gets it: `npm pack` of the built tree, installed offline into an empty directory
// (the runtime dependencies are bundled into dist/, so there is nothing to fetch), runs `runpod-plan gpus`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TODAY } from '../helpers/cli.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir: string;
let packed: { filename: string; files: { path: string }[] };

beforeAll(() => {
  expect(existsSync(join(ROOT, 'dist', 'cli.cjs')), 'dist/cli.cjs: run `npm run build` (npm test does) first').toBe(true);
  dir = mkdtempSync(join(tmpdir(), 'runpod-plan-pack-'));
  // The tree npm test just built; --ignore-scripts keeps `prepare` from building it a second time.
  const pack = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  expect(pack.status, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0] as typeof packed;
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the npm package', () => {
  it('holds what runs, the licence and the data, and no sources, maps, tests, benchmarks or build tools', () => {
    const paths = packed.files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'bin/runpod-plan.js', 'dist/cli.cjs', 'dist/cli.cjs.v8cache', 'dist/load.cjs', 'dist/sweep-worker.js', 'runpod-plan.schema.json', 'runpod-plan.output.schema.json']));
    expect(paths.filter((path) => path.endsWith('.map') || path.endsWith('.ts') || /^(src|test|bench|scripts|examples|\.ci)\/|^dist\/tools\//.test(path))).toEqual([]);
  });

  it('installs from its tarball offline, runs nothing on install, fetches nothing, and runs gpus', () => {
    const app = join(dir, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    const install = spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], { cwd: app, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    // The package alone: its dependencies are in its bundle.
    expect(readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['runpod-plan']);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules', 'runpod-plan', 'package.json'), 'utf8')) as { dependencies?: object; scripts?: Record<string, string> };
    expect(manifest.dependencies).toBeUndefined();
    // `prepare` (the build) runs for a clone or a git dependency, never for a registry package or a tarball.
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => ['preinstall', 'install', 'postinstall'].includes(name))).toEqual([]);

    const bin = join(app, 'node_modules', '.bin', process.platform === 'win32' ? 'runpod-plan.cmd' : 'runpod-plan');
    const run = spawnSync(bin, ['gpus', '--format', 'json'], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', RUNPOD_PLAN_TODAY: TODAY }, shell: process.platform === 'win32' });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { command: string }).command).toBe('gpus');
    // Installed, the bundled catalog is named, not located: no install path in the output.
    expect((JSON.parse(run.stdout) as { catalog: { files: string[] } }).catalog.files).toEqual(['bundled:runpod-2026-11.yaml']);
    expect(run.stdout).not.toContain(app);
    expect(run.stdout).toContain('RTX 4090');

    // The shipped code cache is one V8 takes (its modification time is not older than the bundle's).
    const probe = spawnSync(process.execPath, ['-p', 'const d = require("path").resolve("node_modules/runpod-plan/dist"); require(d + "/load.cjs").loadBundle(d).cache'], { cwd: app, encoding: 'utf8' });
    expect(probe.stdout.trim()).toBe('used');
  });
});
