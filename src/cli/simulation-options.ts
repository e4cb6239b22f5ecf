// The simulator's flags (`simulate`, `minworkers`, `idle-timeout`); what they mean is resolved in
// src/endpoint/simulation-setup.ts.
import { Option, type Command } from 'commander';
import { TRACE_FORMATS } from '../input/trace.js';
import { DEFAULT_MONTH_HOURS } from '../model/line-items.js';
import { EXEC_DISTRIBUTIONS, METHODS, SCALERS } from '../endpoint/simulation-setup.js';
import { addColdStartOptions } from './cold-start-options.js';

export function addSimulationOptions(command: Command): Command {
  command
    .option('--gpu <name>', 'GPU class or model: ADA_24, "24 GB PRO", rtx4090, "H100 SXM"')
    .option('--gpu-count <n>', 'GPUs per worker', '1')
    .option('--requests-per-day <count>', 'mean traffic, e.g. 50k')
    .option('--rps <number>', 'mean traffic in requests per second')
    .option('--profile <shape>', 'daily shape: flat, business-hours, or 24 comma-separated hourly weights', 'flat')
    .option('--peak-to-mean <ratio>', 'daily shape whose busiest hour is this many times the mean, e.g. 3')
    .option('--burst-on <duration>', 'on/off bursts: traffic arrives only during on periods of this length, e.g. 5m')
    .option('--burst-off <duration>', 'on/off bursts: quiet periods of this length between them, e.g. 55m')
    .option('--trace <file>', 'replay a CSV of arrival timestamps (seconds) or counts per minute instead of a rate')
    .addOption(new Option('--trace-format <format>', 'what the trace holds').choices(TRACE_FORMATS).default('timestamps'))
    .option('--exec <duration>', 'mean execution time, e.g. 4s')
    .addOption(new Option('--exec-dist <distribution>', 'execution time distribution with --exec').choices(EXEC_DISTRIBUTIONS).default('exponential'))
    .option('--exec-p50 <duration>', 'lognormal execution time: its median (with --exec-p95)')
    .option('--exec-p95 <duration>', 'lognormal execution time: its 95th percentile')
    .option('--exec-samples <file>', 'execution times to draw from: one duration in seconds per line')
    .addOption(new Option('--scaler <kind>', 'how workers are added').choices(SCALERS).default('queue-delay'))
    .option('--scaler-threshold <duration>', "queue-delay scaler: wait before adding a worker (default: the catalog's, 4s)")
    .option('--scaler-value <n>', "request-count scaler: jobs per worker it aims for (default: the catalog's, 4)")
    .option('--active <n>', "always-on workers (default: the catalog's, 0)")
    .option('--max-workers <n>', "most flex workers (default: the catalog's, 3)")
    .option('--idle-timeout <duration>', "how long a flex worker stays up after its last job (default: the catalog's, 5s)")
    .option('--jobs-per-worker <n>', 'jobs a worker runs at once', '1')
    .option('--execution-timeout <duration>', "jobs longer than this fail (default: the catalog's, 10m)")
    .option('--cold-start <duration>', 'a whole cold start (default: container start + framework import + CUDA context)')
    .option('--cold-start-billed <duration>', 'the billed part of --cold-start (default: all of it)')
    .option('--active-rate <price>', "active-worker price per GPU, e.g. $0.44/h (default: the catalog's)")
    .option('--horizon <duration>', 'simulated time', '30d')
    .option('--seed <n>', 'random seed: the same seed gives the same output', '1')
    .addOption(new Option('--method <method>', 'simulate, or use the closed forms (Poisson and daily profiles only)').choices(METHODS).default('sim'))
    .option('--month <duration>', 'the month costs are scaled to: 730h (default) or 720h', `${DEFAULT_MONTH_HOURS}h`);
  return addColdStartOptions(command);
}

