// The GitHub Action's step (action.yml): for each plan, its cost change against the pull request's base and
// its checks, as one Markdown comment on the pull request, posted once and updated on every push; exits 1
// when a rule fails. A plan the base does not have is a new plan (compared with an empty one), a plan this
// change deletes a removed one. The base revision is checked out beside the workspace, so a base plan's
// files (catalog, traces, samples) are the base's own. Tested by test/action/run.test.ts.
//
// Its inputs, set by action.yml from the action's inputs (all optional):
//   RUNPOD_PLAN_PLANS         plan files relative to the working directory, by line, space or comma (runpod-plan.yaml)
//   RUNPOD_PLAN_BASE_REF      the commit or branch to compare with (the pull request's base; origin/$GITHUB_BASE_REF)
//   RUNPOD_PLAN_BASE_LABEL    how the comment names it (the base branch's name)
//   RUNPOD_PLAN_FAST          'true': --fast
//   RUNPOD_PLAN_MAX_MONTHLY, _MAX_PER_1000, _MAX_INCREASE, _MAX_P95, _MAX_P99, _MAX_COLD_RATE: check's limits
//   RUNPOD_PLAN_COMMENT       'false': post no comment (the body is still written to the comment file)
//   RUNPOD_PLAN_COMMENT_FILE  where the body is written ($RUNNER_TEMP/runpod-plan-comment.md)
//   RUNPOD_PLAN_COMMENT_KEY   tells this comment from others the action posts on the same pull request
//   RUNPOD_PLAN_BIN           the runpod-plan to run (this repository's bin/runpod-plan.js)
// and GitHub's own: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_BASE_REF,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const cwd = process.cwd();
const BIN = env.RUNPOD_PLAN_BIN || fileURLToPath(new URL('../../bin/runpod-plan.js', import.meta.url));
/** GitHub refuses a comment over 65,536 characters. */
const MAX_COMMENT = 65_000;

class ActionError extends Error {}

function git(args, options = {}) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', ...options });
  return { ok: result.status === 0, out: (result.stdout ?? '').trim(), err: (result.stderr ?? '').trim() };
}

const list = (text) => (text ?? '').split(/[\s,]+/).filter((item) => item !== '');

/** The base commit: given, or the pull request's base branch; fetched (one commit) when the checkout lacks it. */
function resolveBase() {
  const ref = (env.RUNPOD_PLAN_BASE_REF ?? '').trim() || (env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}` : '');
  if (ref === '') return null;
  let sha = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).out;
  if (sha === '') {
    const fetched = git(['fetch', '--no-tags', '--quiet', '--depth=1', 'origin', ref.replace(/^origin\//, '')]);
    if (!fetched.ok) throw new ActionError(`cannot find the base ${ref}, nor fetch it from origin: ${fetched.err.split('\n')[0]}`);
    sha = git(['rev-parse', '--verify', '--quiet', 'FETCH_HEAD^{commit}']).out;
  }
  const label = (env.RUNPOD_PLAN_BASE_LABEL ?? '').trim() || (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref.replace(/^origin\//, ''));
  return { sha, label };
}

function input(name) {
  return env[`RUNPOD_PLAN_${name}`]?.trim() || undefined;
}

/** Runs runpod-plan; its Markdown, exit code and stderr (shown in the log as it is). */
function runpodPlan(args) {
  const result = spawnSync(process.execPath, [BIN, ...args, '--format', 'markdown', ...(input('FAST') === 'true' ? ['--fast'] : [])], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.stderr) process.stderr.write(result.stderr);
  return { markdown: result.stdout ?? '', code: result.status ?? 2, stderr: (result.stderr ?? '').trim() };
}

/** A run that could not read its input: the error lines, quoted, in the comment. */
function errorPart(title, stderr) {
  return `### ${title}\n\n\`\`\`text\n${stderr.replace(/```/g, "'''") || 'runpod-plan failed without a message'}\n\`\`\``;
}

const checkFlags = () => [
  ['--max-monthly', input('MAX_MONTHLY')],
  ['--max-per-1000', input('MAX_PER_1000')],
  ['--max-p95', input('MAX_P95')],
  ['--max-p99', input('MAX_P99')],
  ['--max-cold-rate', input('MAX_COLD_RATE')],
].flatMap(([flag, value]) => (value === undefined ? [] : [flag, value]));

/**
 * One plan's parts of the comment (each complete Markdown) and the worst exit code. `baseRoot()` checks the
 * base out (once) and returns its root; `empty` is a plan with nothing in it.
 */
function planParts(plan, base, baseRoot, empty) {
  const head = resolve(cwd, plan);
  const inGit = relative(git(['rev-parse', '--show-toplevel']).out, head).split('\\').join('/');
  const atBase = base !== null && git(['cat-file', '-e', `${base.sha}:${inGit}`]).ok;
  const root = atBase ? baseRoot() : undefined;
  const baseFile = root === undefined ? undefined : join(root, inGit);
  const here = existsSync(head);
  // A file of the base is named as git names a file at a revision (main:plan.yaml); the empty plan as none.
  const name = (markdown) => (root === undefined ? markdown : markdown.split(`${root}/`).join(`${base.label}:`)).split(empty).join('(no plan)');
  const parts = [];
  const errors = new Set();
  let code = 0;
  const add = (run, title) => {
    code = Math.max(code, run.code);
    if (run.code < 2) parts.push(name(run.markdown).trimEnd());
    // A plan that cannot be read fails the diff and the check alike: its error once.
    else if (!errors.has(run.stderr)) parts.push(errorPart(title, name(run.stderr)));
    errors.add(run.stderr);
  };
  if (!here && !atBase) throw new ActionError(`${plan}: no such file${base === null ? '' : `, here or on ${base.label}`}`);
  if (!here) {
    parts.push(`**Removed plan:** \`${plan}\` is on ${base.label} and not in this change.`);
    add(runpodPlan(['diff', baseFile, empty]), `Cost change of ${plan}: cannot read the plan`);
    return { parts, code };
  }
  if (base === null) parts.push(`No base to compare \`${plan}\` with: its checks alone.`);
  else if (atBase) add(runpodPlan(['diff', baseFile, plan]), `Cost change of ${plan}: cannot read a plan`);
  else {
    parts.push(`**New plan:** \`${plan}\` is not on ${base.label}; its cost change is from no plan.`);
    add(runpodPlan(['diff', empty, plan]), `Cost change of ${plan}: cannot read the plan`);
  }
  // --max-increase needs a baseline: a new plan has none, so the limit does not apply to it.
  const increase = atBase ? input('MAX_INCREASE') : undefined;
  const baseline = atBase ? ['--baseline', baseFile] : [];
  add(runpodPlan(['check', plan, ...baseline, ...checkFlags(), ...(increase === undefined ? [] : ['--max-increase', increase])]), `Check of ${plan}: cannot read the plan`);
  return { parts, code };
}

function commentKey(plans) {
  const top = git(['rev-parse', '--show-toplevel']).out;
  return (env.RUNPOD_PLAN_COMMENT_KEY ?? '').trim() || `${relative(top, cwd).split('\\').join('/') || '.'}:${plans.join(',')}`;
}

/** The comment: a hidden marker to find it again, then the parts, a blank line between any two. */
function commentBody(marker, parts) {
  const footer = '_Truncated: the whole result is in the job summary._';
  let body = `${marker}\n\n${parts.join('\n\n')}\n`;
  if (body.length > MAX_COMMENT) {
    const kept = [];
    for (const part of parts) {
      if (`${marker}\n\n${[...kept, part, footer].join('\n\n')}\n`.length > MAX_COMMENT) break;
      kept.push(part);
    }
    body = `${marker}\n\n${[...kept, footer].join('\n\n')}\n`;
  }
  return body;
}

async function github(method, path, body) {
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${env.GITHUB_TOKEN}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': 'runpod-plan-action',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  return response.json();
}

/** Posts the comment, or updates the one that carries the marker. */
async function postComment(marker, body) {
  const event = env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const number = event.pull_request?.number ?? event.issue?.number;
  if (number === undefined) return 'not a pull request: no comment posted';
  if (!env.GITHUB_TOKEN || !env.GITHUB_REPOSITORY) return 'no GITHUB_TOKEN or GITHUB_REPOSITORY: no comment posted';
  const repo = `/repos/${env.GITHUB_REPOSITORY}`;
  let found;
  for (let page = 1; found === undefined; page++) {
    const comments = await github('GET', `${repo}/issues/${number}/comments?per_page=100&page=${page}`);
    found = comments.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(marker));
    if (comments.length < 100) break;
  }
  if (found === undefined) {
    const created = await github('POST', `${repo}/issues/${number}/comments`, { body });
    return `comment posted: ${created.html_url ?? created.id}`;
  }
  await github('PATCH', `${repo}/issues/comments/${found.id}`, { body });
  return `comment updated: ${found.html_url ?? found.id}`;
}

async function main() {
  const plans = list(env.RUNPOD_PLAN_PLANS);
  if (plans.length === 0) plans.push('runpod-plan.yaml');
  const marker = `<!-- runpod-plan: ${commentKey(plans).replace(/--|>/g, '-')} -->`;
  const scratch = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'runpod-plan-'));
  const empty = join(scratch, 'empty', 'plan.yaml');
  mkdirSync(dirname(empty));
  writeFileSync(empty, 'version: 1\n');
  let worktree;
  let base = null;
  const parts = [];
  let code = 0;
  try {
    base = resolveBase();
    // The base revision, checked out once, when a plan is there.
    const baseRoot = () => {
      if (worktree === undefined) {
        const path = join(scratch, 'base');
        const added = git(['worktree', 'add', '--detach', '--quiet', path, base.sha]);
        if (!added.ok) throw new ActionError(`cannot check out the base ${base.label}: ${added.err.split('\n')[0]}`);
        worktree = path;
      }
      return worktree;
    };
    for (const plan of plans) {
      try {
        const result = planParts(plan, base, baseRoot, empty);
        parts.push(...result.parts);
        code = Math.max(code, result.code);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        parts.push(errorPart(`runpod-plan: ${plan}`, error.message));
        code = 2;
      }
    }
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    parts.push(errorPart('runpod-plan', error.message));
    code = 2;
  } finally {
    if (worktree !== undefined) git(['worktree', 'remove', '--force', worktree]);
    rmSync(scratch, { recursive: true, force: true });
  }
  const body = commentBody(marker, parts);
  const file = env.RUNPOD_PLAN_COMMENT_FILE || join(env.RUNNER_TEMP || tmpdir(), 'runpod-plan-comment.md');
  writeFileSync(file, body);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${parts.join('\n\n')}\n`);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}\ncomment-file=${file}\n`);
  if (env.RUNPOD_PLAN_COMMENT !== 'false') {
    try {
      console.log(`runpod-plan: ${await postComment(marker, body)}`);
    } catch (error) {
      // A pull request from a fork gets a read-only token: the checks still decide the job.
      console.log(`::warning title=runpod-plan::could not post the comment (${error.message}); it is in the job summary`);
    }
  }
  if (code === 1) console.log('::error title=runpod-plan::a budget or latency rule failed (see the comment or the job summary)');
  if (code >= 2) console.log('::error title=runpod-plan::a plan could not be read (see the comment or the job summary)');
  process.exitCode = code;
}

await main();
