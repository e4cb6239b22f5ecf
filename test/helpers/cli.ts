// Two ways to run the CLI in tests: in-process (fast, for many cases) and as the built binary (the
// real thing a user runs, for end-to-end checks). Both pin the date and turn colour off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export const TODAY = '2026-11-23';
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/runpod-plan.js', import.meta.url));

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** `columns`: the width stdout's tables fit (a terminal's, or COLUMNS); none gives the full table, as a pipe does. */
export async function runInProcess(args: string[], options: { today?: string; env?: Record<string, string>; stderrIsTTY?: boolean; stdoutIsTTY?: boolean; columns?: number } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { NO_COLOR: '1', ...options.env },
    cwd: ROOT,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stdoutColumns: options.columns ?? null,
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdoutClosed: () => false,
    onInterrupt: () => () => undefined,
    today: options.today ?? TODAY,
  };
  const exitCode = await runCli(args, io);
  return { stdout, stderr, exitCode };
}

/** Where the built binary runs: `cwd` (default: the repository) is where relative paths start; `nodeArgs` go before the script. */
export interface BuiltOptions {
  cwd?: string;
  nodeArgs?: string[];
}

/** Runs bin/runpod-plan.js. */
export function runBuilt(args: string[], env: Record<string, string> = {}, options: BuiltOptions = {}): CliRun {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', RUNPOD_PLAN_TODAY: TODAY, ...env },
  });
  return { stdout: result.stdout, stderr: result.stderr, exitCode: result.status ?? -1 };
}

/**
 * Runs bin/runpod-plan.js without blocking this process, for tests that serve it over HTTP from here
 * (spawnSync would stop the server from answering).
 */
export function runBuiltAsync(args: string[], env: Record<string, string> = {}, options: BuiltOptions = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', RUNPOD_PLAN_TODAY: TODAY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => void (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => void (stderr += text));
  return new Promise((resolve) => child.on('close', (code) => resolve({ stdout, stderr, exitCode: code ?? -1 })));
}

/** Starts bin/runpod-plan.js without waiting for it, for tests that signal it or close its stdout. */
export function startBuilt(args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', RUNPOD_PLAN_TODAY: TODAY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the exit code (or the signal's name) once the process has exited. */
export function exitOf(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? signal ?? -1)));
}
