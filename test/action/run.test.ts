// The GitHub Action's script (scripts/action/run.mjs) on a temporary git repository with a base and a head
// commit: the pull request that adds the plan, one that changes it, one that breaks it, one that removes
// it; the comment's Markdown, the exit codes, and the one comment kept up to date through GitHub's REST API
// (a loopback stand-in for it).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT, TODAY } from '../helpers/cli.js';

const SCRIPT = join(ROOT, 'scripts', 'action', 'run.mjs');
const PLAN = `version: 1
pods:
  trainer: { gpu: A100 SXM, gpuCount: 2, hoursPerDay: 8 }
budget:
  monthly: $2000
`;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(repo: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', HOME: repo } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** A repository whose base commit holds `base` files and whose head commit holds `head` files (null: deleted). */
function repository(base: Record<string, string>, head: Record<string, string | null>): { repo: string; baseSha: string } {
  const repo = mkdtempSync(join(tmpdir(), 'runpod-plan-action-'));
  dirs.push(repo);
  git(repo, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(repo, 'README.md'), 'a team repository\n');
  for (const [file, text] of Object.entries(base)) writeFileSync(join(repo, file), text);
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--message', 'base');
  const baseSha = git(repo, 'rev-parse', 'HEAD');
  for (const [file, text] of Object.entries(head)) {
    if (text === null) unlinkSync(join(repo, file));
    else writeFileSync(join(repo, file), text);
  }
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--message', 'head');
  return { repo, baseSha };
}

interface ActionRun {
  exitCode: number;
  stdout: string;
  comment: string;
}

/** Runs the script in `repo` (asynchronously, so a loopback server in this process can answer it). */
function runAction(repo: string, env: Record<string, string>): Promise<ActionRun> {
  const commentFile = join(repo, '..', `${repo.split('/').pop()}-comment.md`);
  dirs.push(commentFile);
  const child = spawn(process.execPath, [SCRIPT], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? '', HOME: repo, NO_COLOR: '1', RUNPOD_PLAN_TODAY: TODAY, RUNPOD_PLAN_PLANS: 'plan.yaml', RUNPOD_PLAN_BASE_LABEL: 'main', RUNPOD_PLAN_COMMENT: 'false', RUNPOD_PLAN_COMMENT_FILE: commentFile, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.resume();
  return new Promise((resolve) => child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, comment: readFileSync(commentFile, 'utf8') })));
}

/** Markdown blocks stay apart: a blank line before every heading, and after every closing </details>. */
function expectBlocksApart(markdown: string): void {
  const lines = markdown.trimEnd().split('\n');
  lines.forEach((line, index) => {
    if (line.startsWith('#') && index > 0) expect(lines[index - 1], `before line ${index + 1}: ${line}`).toBe('');
    if (line === '</details>' && index < lines.length - 1) expect(lines[index + 1], `after line ${index + 1}`).toBe('');
  });
}

describe('action.yml', () => {
  it('hands every input to the script, under a name the script reads', () => {
    const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; runs: { steps: { id?: string; env?: Record<string, string>; run?: string }[] } };
    const step = action.runs.steps.find((each) => each.id === 'plan');
    const script = readFileSync(SCRIPT, 'utf8');
    expect(step?.run).toBe('node "$GITHUB_ACTION_PATH/scripts/action/run.mjs"');
    const used = Object.values(step?.env ?? {}).join(' ');
    expect(Object.keys(action.inputs).filter((name) => !['setup-node', 'working-directory'].includes(name) && !used.includes(`\${{ inputs.${name} }}`))).toEqual([]);
    const unread = Object.keys(step?.env ?? {}).filter((key) => key.startsWith('RUNPOD_PLAN_') && !script.includes(`env.${key}`) && !script.includes(`input('${key.slice('RUNPOD_PLAN_'.length)}')`));
    expect(unread).toEqual([]);
  });
});

describe('the GitHub Action script', () => {
  it('on the pull request that adds the plan: a new plan, compared with no plan, then its checks; exit 0', async () => {
    const { repo, baseSha } = repository({}, { 'plan.yaml': PLAN });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: baseSha, RUNPOD_PLAN_MAX_INCREASE: '10%' });
    expect(run.exitCode).toBe(0);
    expect(run.comment.startsWith('<!-- runpod-plan: .:plan.yaml -->\n\n**New plan:** `plan.yaml` is not on main')).toBe(true);
    expect(run.comment).toContain('### Cost change (no plan) -> plan.yaml: +$773.80/month');
    expect(run.comment).toContain('| trainer | Pod compute | added |');
    expect(run.comment).toContain('### Check of plan.yaml: pass');
    // A new plan has no baseline, so --max-increase does not apply to it.
    expect(run.comment).not.toContain('maxIncrease');
    expect(run.comment.match(/<\/details>/g)).toHaveLength(2);
    expectBlocksApart(run.comment);
    expect(git(repo, 'worktree', 'list').split('\n')).toHaveLength(1);
  });

  it('on a pull request that changes the plan past its budget: the change from the base, the failed rules; exit 1', async () => {
    const { repo, baseSha } = repository({ 'plan.yaml': PLAN }, { 'plan.yaml': PLAN.replace('hoursPerDay: 8', 'hoursPerDay: 24') });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: baseSha, RUNPOD_PLAN_MAX_INCREASE: '50%' });
    expect(run.exitCode).toBe(1);
    expect(run.comment).toContain('### Cost change main:plan.yaml -> plan.yaml: +$1,547.60/month (+200%)');
    expect(run.comment).toContain('| FAIL | budget.monthly | plan | \\$2,321.40 | \\$2,000.00 |');
    expect(run.comment).toContain('| FAIL | budget.maxIncreasePercent | plan | 200% | 50% |');
    expect(run.comment).not.toContain(tmpdir());
    expectBlocksApart(run.comment);
    expect(run.stdout).toContain('::error title=runpod-plan::a budget or latency rule failed');
  });

  it('prices the base plan with the files of the base: a rates file the change edits', async () => {
    const rates = (usdPerHour: number) => `gpus:\n  A100 SXM:\n    pod:\n      secureUsdPerHour: ${usdPerHour}\n      communityUsdPerHour: 1.39\n      source: contract\n      retrieved: 2026-11-01\n`;
    const plan = PLAN.replace('version: 1\n', 'version: 1\ncatalog: rates.yaml\n');
    const { repo, baseSha } = repository({ 'plan.yaml': plan, 'rates.yaml': rates(1) }, { 'rates.yaml': rates(2) });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: baseSha });
    // 2 GPUs x 8 h x 30.42 days: $486.67 at $1/h on the base, $973.33 at $2/h now.
    expect(run.comment).toContain('### Cost change main:plan.yaml -> plan.yaml: +$486.67/month (+100%)');
    expect(run.exitCode).toBe(0);
  });

  it('on a pull request that breaks the plan: its error once, in the comment; exit 2', async () => {
    const { repo, baseSha } = repository({ 'plan.yaml': PLAN }, { 'plan.yaml': 'version: 1\npods:\n  x: { gpu: RTX 4900 }\n' });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: baseSha });
    expect(run.exitCode).toBe(2);
    expect(run.comment.match(/error: plan\.yaml:3:\d+: pods\.x\.gpu: unknown GPU "RTX 4900"/g)).toHaveLength(1);
    expectBlocksApart(run.comment);
  });

  it('on a pull request that removes the plan: the cost it takes away; exit 0', async () => {
    const { repo, baseSha } = repository({ 'plan.yaml': PLAN }, { 'plan.yaml': null });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: baseSha });
    expect(run.exitCode).toBe(0);
    expect(run.comment).toContain('**Removed plan:** `plan.yaml` is on main and not in this change.');
    expect(run.comment).toContain('### Cost change main:plan.yaml -> (no plan): -$773.80/month');
  });

  it('without a base (a push): the checks alone', async () => {
    const { repo } = repository({}, { 'plan.yaml': PLAN });
    const run = await runAction(repo, {});
    expect(run.exitCode).toBe(0);
    expect(run.comment).toContain('No base to compare `plan.yaml` with: its checks alone.');
    expect(run.comment).not.toContain('Cost change');
  });

  it('a base it cannot find is exit 2 with the reason', async () => {
    const { repo } = repository({}, { 'plan.yaml': PLAN });
    const run = await runAction(repo, { RUNPOD_PLAN_BASE_REF: 'no-such-branch' });
    expect(run.exitCode).toBe(2);
    expect(run.comment).toContain('cannot find the base no-such-branch');
  });

  it('posts one comment on the pull request and updates that comment on the next push', async () => {
    const comments: { id: number; body: string }[] = [{ id: 1, body: 'a reviewer: looks fine' }];
    const requests: string[] = [];
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let text = '';
      request.on('data', (chunk) => (text += chunk));
      request.on('end', () => {
        requests.push(`${request.method} ${request.url} ${request.headers.authorization}`);
        const reply = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (request.method === 'GET' && request.url?.startsWith('/repos/team/app/issues/7/comments?')) return reply(200, comments);
        if (request.method === 'POST' && request.url === '/repos/team/app/issues/7/comments') {
          const created = { id: 100 + comments.length, body: (JSON.parse(text) as { body: string }).body };
          comments.push(created);
          return reply(201, created);
        }
        const patch = request.method === 'PATCH' ? /^\/repos\/team\/app\/issues\/comments\/(\d+)$/.exec(request.url ?? '') : null;
        const target = comments.find((comment) => comment.id === Number(patch?.[1]));
        if (target === undefined) return reply(404, { message: 'Not Found' });
        target.body = (JSON.parse(text) as { body: string }).body;
        return reply(200, target);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { repo, baseSha } = repository({}, { 'plan.yaml': PLAN });
      const eventFile = join(repo, '..', `${repo.split('/').pop()}-event.json`);
      dirs.push(eventFile);
      writeFileSync(eventFile, JSON.stringify({ pull_request: { number: 7 } }));
      const github = { RUNPOD_PLAN_COMMENT: 'true', GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, GITHUB_TOKEN: 'token-1', GITHUB_REPOSITORY: 'team/app', GITHUB_EVENT_PATH: eventFile, RUNPOD_PLAN_BASE_REF: baseSha };

      const first = await runAction(repo, github);
      expect(first.exitCode).toBe(0);
      expect(requests.splice(0)).toEqual(['GET /repos/team/app/issues/7/comments?per_page=100&page=1 Bearer token-1', 'POST /repos/team/app/issues/7/comments Bearer token-1']);
      expect(comments.map((comment) => comment.id)).toEqual([1, 101]);
      expect(comments[1]?.body).toBe(first.comment);

      // The next push raises the hours: the same comment now shows the new figures.
      writeFileSync(join(repo, 'plan.yaml'), PLAN.replace('hoursPerDay: 8', 'hoursPerDay: 12'));
      git(repo, 'commit', '--quiet', '--all', '--message', 'more hours');
      const second = await runAction(repo, github);
      expect(second.exitCode).toBe(0);
      expect(requests.splice(0)).toEqual(['GET /repos/team/app/issues/7/comments?per_page=100&page=1 Bearer token-1', 'PATCH /repos/team/app/issues/comments/101 Bearer token-1']);
      expect(comments).toHaveLength(2);
      expect(comments[0]?.body).toBe('a reviewer: looks fine');
      expect(comments[1]?.body).toBe(second.comment);
      expect(second.comment).toContain('+$1,160.70/month');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a comment it may not post (the read-only token of a fork) is a warning, and the checks still decide', async () => {
    const server = createServer((_request, response) => response.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"Resource not accessible by integration"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { repo, baseSha } = repository({ 'plan.yaml': PLAN }, { 'plan.yaml': PLAN.replace('hoursPerDay: 8', 'hoursPerDay: 24') });
      const eventFile = join(repo, '..', `${repo.split('/').pop()}-event.json`);
      dirs.push(eventFile);
      writeFileSync(eventFile, JSON.stringify({ pull_request: { number: 7 } }));
      const run = await runAction(repo, { RUNPOD_PLAN_COMMENT: 'true', GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'team/app', GITHUB_EVENT_PATH: eventFile, RUNPOD_PLAN_BASE_REF: baseSha });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toContain('::warning title=runpod-plan::could not post the comment (GET /repos/team/app/issues/7/comments?per_page=100&page=1: 403');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
