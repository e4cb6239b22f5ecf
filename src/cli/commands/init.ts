// `init`: a commented example plan to start from, with every section a plan can have. It never
// overwrites a file unless asked (`--force`), and says in one line what it wrote.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import type { CliContext } from '../context.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';
import { SCHEMA_FILE } from './schema.js';

export const DEFAULT_PLAN_FILE = 'runpod-plan.yaml';

/** The example plan `init` writes. It must pass `estimate` and `check` as written (test/cli/plans.test.ts). */
export function examplePlan(file: string): string {
  return `# yaml-language-server: $schema=./${SCHEMA_FILE}
# A runpod-plan plan: your RunPod endpoints, pods and network volumes, with a budget and latency targets.
# Editor completion and checks: run \`runpod-plan schema --output ${SCHEMA_FILE}\` next to this file.
#
#   runpod-plan estimate ${file}    what it costs per month, per resource and line item
#   runpod-plan check ${file}       the budget and SLOs below; exit 1 when one fails (for CI)
#
# Values carry their unit: durations 250ms, 4s, 2m, 1.5h, 7d; sizes 500MB, 6.9GB, 1TB; money $500;
# percentages 20%. An unknown key is an error with its line, never silently ignored.
version: 1
precision: 1%   # simulate until each endpoint's monthly cost is known within this, at 95% (the default); costs are scaled to a month of 730h
seed: 1       # the simulation's seed: the same plan and seed give the same numbers

endpoints:
  # A serverless endpoint, by name: an image API whose traffic follows office hours.
  image-api:
    gpu: RTX 4090          # a GPU (RTX 4090, A100 SXM), a class id (ADA_24) or a label ("24 GB PRO"); see \`runpod-plan gpus\`
    gpuCount: 1            # GPUs per worker
    workers:
      active: 1            # always-on workers: billed every second, at the flex rate (RunPod's rule since 2026-05-13)
      max: 5               # most flex workers (started on demand, billed while up)
      idleTimeout: 30s     # how long a flex worker stays up after its last job
      jobsPerWorker: 1     # jobs a worker runs at once
    scaler: { kind: queue-delay, threshold: 4s }   # or request-count ({ kind: request-count, value: 4 }) or per-request
    # type: load-balancer  # RunPod's endpoint type: queue (the default) or load-balancer (no queue: a request waits
    #                      # at most 2m for a worker, then fails); needs the request-count scaler; see the chat endpoint below
    traffic:
      requestsPerDay: 5000
      profile: business-hours   # flat, business-hours, or 24 hourly weights; or bursts: { on: 5m, off: 55m }; or trace: calls.csv
    execution: { p50: 3s, p95: 6s }   # lognormal; or a mean (4s), or { samples: times.csv }, one time per line
    # The cold start, phase by phase (image pull, container start, imports, CUDA context, weight load):
    model: sdxl-base       # weights from a preset (see \`runpod-plan coldstart --help\`); or weights: 6.9GB; or params: 8B with dtype: bf16
    image: 2GB             # the container image without the weights
    weightsFrom: network-volume   # image (baked in), network-volume, download (from a hub at start) or cached
    slo:                   # latency targets \`check\` enforces
      p95: 30s
      p99: 1m
      maxColdRate: 10%     # most requests that may wait on a cold start

  # An LLM endpoint (vLLM) on a load balancer, in tokens instead of execution (examples/llm-load-balancer.yaml):
  # chat:
  #   gpu: H100 SXM
  #   type: load-balancer
  #   loadBalancer: { maxWait: 2m, retries: 3, retryDelay: 5s }   # the client's retries (RunPod advises 3, 5-10s apart)
  #   scaler: { kind: request-count, value: 24 }
  #   workers: { active: 1, max: 3, jobsPerWorker: 30 }          # worker-vllm runs up to 30 requests at once
  #   concurrency: { 1: 60 tok/s, 8: 45 tok/s, 32: 25 tok/s }    # tok/s each request gets with that many in flight: measure yours
  #   tokens: { in: 500, inP95: 2000, out: 250, outP95: 800, prefill: 5000 tok/s }   # medians and p95s (lognormal); decode: from the table
  #   traffic: { requestsPerDay: 100k }
  #   slo: { ttftP95: 2s, maxDropRate: 0.1% }                    # time to first token; requests dropped (no worker in time)

pods:
  # A pod, by name: a training box that runs 8 hours a working day and is stopped the rest.
  trainer:
    gpu: A100 SXM
    gpuCount: 1            # GPUs per pod
    count: 1               # pods like this one
    cloud: secure          # secure or community
    hoursPerDay: 8         # running hours a day; the volume disk is still billed while stopped
    containerDisk: 50GB
    volumeDisk: 200GB
    # savingsPlan: 20%     # your savings-plan discount on compute, if you have one

networkVolumes:
  # A network volume, by name: the endpoint's weights live here (weightsFrom: network-volume).
  model-store: { size: 50GB }

budget:                    # rules \`check\` enforces for the whole plan
  monthly: $1500
  per1000Requests: $7      # endpoint cost per 1,000 requests (pods and volumes excluded)
  # maxIncrease: { percent: 10% }   # with \`check --baseline old-plan.yaml\`
`;
}

const InitOptionsSchema = z.object({ force: z.boolean() });

export function initCommand(context: CliContext): Command {
  return new Command('init')
    .argument('[file]', 'where to write the plan', DEFAULT_PLAN_FILE)
    .description('write a commented example plan (an endpoint, a pod, a network volume, a budget) to edit')
    .option('--force', 'overwrite the file if it exists', false)
    .addHelpText(
      'after',
      `
Examples:
  runpod-plan init
  runpod-plan init plans/staging.yaml
  runpod-plan init ${DEFAULT_PLAN_FILE} --force && runpod-plan check ${DEFAULT_PLAN_FILE}`,
    )
    .action((file: string, raw: unknown) => {
      const options = parseFlags(InitOptionsSchema, raw);
      const target = resolve(context.io.cwd, file);
      if (existsSync(target)) {
        if (statSync(target).isDirectory()) throw new InputError('is a directory: give a file name', { file });
        if (!options.force) throw new InputError('already exists: give --force to overwrite it', { file });
      }
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeResult(examplePlan(file), target, context.io);
      } catch (error) {
        throw new InputError(`cannot write the plan: ${error instanceof InputError ? error.message.replace(/^cannot write the output: /, '') : (error as Error).message}`, { file });
      }
      context.io.stdout(`Wrote an example plan to ${file}: edit it, then run \`runpod-plan check ${file}\`.\n`);
    });
}
