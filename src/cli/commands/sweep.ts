// `runpod-plan sweep`: the flags, the grid and the selection parsed, the sweep's size stated and its first
// points timed (stderr), the sweep run (sweep/stream-rows.ts), its rows written as they come or rendered
// as one report at the end.
import { DEFAULT_MAX_POINTS, describeRange, LIMITS, within } from '../../input/limits.js';
import { availableParallelism, loadavg } from 'node:os';
import { Command } from 'commander';
import * as z from 'zod';
import { InputError } from '../../input/error.js';
import { readInputFile } from '../../input/read-file.js';
import { CountSchema, WholeNumberSchema } from '../../input/unit-schemas.js';
import { isRowFormat, render, rowEncoder, type OutputFormat } from '../../render/index.js';
import type { Row } from '../../render/report.js';
import { sweepColumns, sweepReport, sweepRow } from '../../render/reports/sweep.js';
import { calibrateSweep } from '../../sweep/calibrate.js';
import { gridSize, oversizeGrid, parseAxis, shardRange, type Axis } from '../../sweep/grid.js';
import { describeEstimate, describeGrid, describeStop, sweepWarnings } from '../../render/sweep-status.js';
import { fastHelpers, idleCores, simulatedHelpers, startSweepPool, sweepSecondsLeft, type SweepPool } from '../../sweep/pool.js';
import { parseSelection, percentileFlag } from '../../sweep/select.js';
import type { SweepRow } from '../../sweep/run.js';
import type { SweepCallbacks, SweepCounts } from '../../sweep/stream-rows.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { parseFlags } from '../parse-flags.js';
import { resolveShard, SHARD_ENV } from '../shard.js';
import { FLUSH_BYTES, progressBar, streamingWriter } from '../sweep-output.js';

/**
 * The sweep's formats, in --help's order, from the one registry (render/index.ts): rows stream in the
 * formats that can (render/stream.ts); the others render the kept rows as one report at the end.
 */
const SWEEP_FORMATS = ['csv', 'ndjson', 'json', 'table', 'markdown'] as const satisfies readonly OutputFormat[];

const SweepOptionsSchema = CommonOptionsSchema.extend({
  format: z.enum(SWEEP_FORMATS),
  set: z.array(z.string()),
  sweepFile: z.string().optional(),
  pareto: z.string().optional(),
  where: z.array(z.string()),
  top: WholeNumberSchema.optional(),
  by: z.string().optional(),
  fast: z.boolean(),
  shard: z.string().optional(),
  shardCount: within(WholeNumberSchema, 'shards').optional(),
  threads: within(WholeNumberSchema, 'threads').optional(),
  maxPoints: within(CountSchema, 'maxPoints').optional(),
});

const collect = (value: string, previous: string[]) => [...previous, value];

/** Seconds of fast-path points timed on this thread before helpers are started (sweep/calibrate.ts). */
const CALIBRATION_S = 0.25;

/** CPU seconds this process has used. */
function cpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/** Axes from a sweep file: `axes: { path: [values] | "0..3" }`. */
async function axesFromFile(file: string): Promise<Axis[]> {
  const { parseYamlSource } = await import('../../input/yaml.js');
  const source = parseYamlSource(readInputFile(file, 'sweep file'), file);
  const value = source.value as { axes?: unknown } | null;
  const axes = value?.axes;
  if (typeof axes !== 'object' || axes === null || Array.isArray(axes)) throw new InputError('expected a map "axes:" of plan paths to values', { file, line: 1, column: 1 });
  const { locatePath } = await import('../../input/yaml.js');
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return Object.entries(axes as Record<string, unknown>).map(([path, spec]) => {
    const values = Array.isArray(spec) ? spec : [spec];
    const bad = values.findIndex((value) => !scalar(value));
    if (bad !== -1) {
      const where = locatePath(source, Array.isArray(spec) ? ['axes', path, bad] : ['axes', path]).location;
      throw new InputError(`axes.${path}: expected a value or a list of values (text or numbers), got ${Array.isArray(values[bad]) ? 'a list' : 'a map'}`, where);
    }
    return parseAxis(`${path}=${values.join(',')}`, file);
  });
}

export function sweepCommand(context: CliContext): Command {
  const command = new Command('sweep')
    .argument('<plan>', 'the base plan file (YAML)')
    .description('what-if grid over any plan field: one row per point, streamed as CSV/NDJSON/JSON or a table')
    .option('--set <axis>', 'an axis: path=values, a list (a,b), an integer range (0..3) or a geometric range (1000..100000x10); repeatable', collect, [])
    .option('--sweep-file <file>', 'axes from a YAML file: axes: { endpoints.sdxl.gpu: [ADA_24, AMPERE_48], ... }')
    .option('--pareto <metrics>', 'keep only points no other beats on all of these, e.g. cost,p95')
    .option('--where <condition>', 'keep points meeting a condition, e.g. "p95<=8s" or "cost<500"; repeatable', collect, [])
    .option('--top <n>', 'keep the best n points (with --by)')
    .option('--by <metric>', 'rank for --top: cost, per1000, cold, p50, p95, p99, gpuHours', 'cost')
    .option('--fast', 'price endpoints with the fast path (no latency percentiles; stderr counts the points outside its validated domain)', false)
    .option('--shard <k/n|auto>', `run only slice k of n of the grid (the slices concatenate); auto: from ${SHARD_ENV.shard}=k/n (a CI matrix) or a Kubernetes Indexed Job's ${SHARD_ENV.index}; n: ${describeRange(LIMITS.shards)}`)
    .option('--shard-count <n>', `with --shard auto in an Indexed Job: its completions (or ${SHARD_ENV.count})`)
    .option('--threads <n>', `threads that evaluate points, this one included (default and most: every core; with --fast an extra thread only for 0.8 s of work each, as timed, and by default only on an idle core); ${describeRange(LIMITS.threads)}`)
    .option('--max-points <count>', `the most points one run may evaluate (the grid, or its shard); more is refused before it starts (default ${DEFAULT_MAX_POINTS / 1e6}M); ${describeRange(LIMITS.maxPoints)}`)
    .addHelpText(
      'after',
      `
Before the first point, stderr states the grid (points, axis sizes, fast path or simulated); once the first
points are timed, the estimate (time, threads, time a point). Rows stream in grid order (the last axis varies
fastest) whatever the number of threads; the same seed gives the same rows. A progress bar goes to stderr on
a terminal; Ctrl-C stops and keeps the rows already written.

Examples:
  runpod-plan sweep plan.yaml --set endpoints.sdxl.gpu=ADA_24,AMPERE_48,AMPERE_80 --set endpoints.sdxl.workers.active=0..3
  runpod-plan sweep plan.yaml --set endpoints.sdxl.traffic.requestsPerDay=1000..100000x10 --set endpoints.sdxl.workers.idleTimeout=5s,30s,2m --format ndjson
  runpod-plan sweep plan.yaml --sweep-file axes.yaml --pareto cost,p95 --format table
  runpod-plan sweep plan.yaml --set endpoints.sdxl.workers.max=1..20 --where "p95<=8s" --top 5 --by cost
  runpod-plan sweep plan.yaml --set endpoints.sdxl.workers.active=0..9 --shard 2/4 > part-2.csv
  ${SHARD_ENV.shard}=2/4 runpod-plan sweep plan.yaml --set endpoints.sdxl.workers.active=0..9 --shard auto > part-2.csv`,
    );
  addCommonOptions(command, SWEEP_FORMATS, 'csv').action(async (file: string, raw: unknown) => {
    const options = parseFlags(SweepOptionsSchema, raw);
    const io = context.io;
    const axes = [...(options.sweepFile === undefined ? [] : await axesFromFile(options.sweepFile)), ...options.set.map((text) => parseAxis(text, '--set'))];
    if (axes.length === 0) throw new InputError('give at least one axis with --set path=values or --sweep-file', { flag: '--set' });
    const selection = parseSelection(options);
    const percentile = options.fast ? percentileFlag(selection) : null;
    if (percentile !== null) throw new InputError(`the fast path gives no latency percentiles, so ${percentile} on p50, p95 or p99 would keep or rank nothing: sweep without --fast`, { flag: percentile });
    const shard = resolveShard(options.shard, options.shardCount, io.env);
    const points = gridSize(axes);
    const range = Number.isSafeInteger(points) ? shardRange(points, shard) : { start: 0, end: points };
    const total = range.end - range.start;
    const oversize = oversizeGrid(axes, total, shard, options.maxPoints ?? DEFAULT_MAX_POINTS);
    if (oversize !== null) throw new InputError(oversize, { flag: '--set' });
    // More threads than cores only contend: the count is capped at the cores.
    const threads = Math.min(options.threads ?? availableParallelism(), availableParallelism());
    // Simulated points: helpers start now and load their code while this thread loads the plan machinery
    // (the plan schema, the models, the simulator: most of a sweep's start-up), reads the plan and checks
    // the axes. Fast-path points: only once the first points are timed, if the work pays for them.
    let pool: SweepPool | undefined = options.fast ? undefined : startSweepPool(simulatedHelpers(threads, total));
    try {
      const [{ loadPlan, readPlanFiles, withPlanCatalog }, { axisValuePlans, validateAxisValues }, { streamSweepRows, sweepResourceNames }] = await Promise.all([
        import('../plan-file.js'),
        import('../../sweep/run.js'),
        import('../../sweep/stream-rows.js'),
      ]);
      const loaded = await loadPlan(file, io);
      // The catalog options are the common ones; the sweep's own formats do not matter to loading it.
      const common = { ...options, format: 'table' as const };
      const catalog = await loadCatalogForRun(withPlanCatalog(common, loaded), io);
      const job = { rawPlan: loaded.raw, axes, catalog: catalog.catalog, files: loaded.files, fast: options.fast };
      // Every axis value is checked (schema, GPU names) before the first row is written.
      validateAxisValues(job);
      // Files an axis names (another trace, other samples) are read now, once, like the plan's own.
      await readPlanFiles(axisValuePlans(job).flatMap((plan) => Object.entries(plan.endpoints)), loaded.dir, () => ({}), job.files);
      const columns = sweepColumns(axes, sweepResourceNames(loaded.plan));

      io.stderr(describeGrid(axes, points, range, shard, options.fast));
      let stop = false;
      const removeInterrupt = io.onInterrupt(() => {
        stop = true;
      });
      const started = Date.now();
      let known = new Map<number, SweepRow>();
      if (pool === undefined) {
        // Timed in this process's CPU seconds (one thread runs so far): on a shared machine the wall clock
        // also counts the time other jobs held the core, which swung the estimate by ten times.
        const calibration = await calibrateSweep(job, range.start, range.end, CALIBRATION_S, cpuSeconds);
        known = calibration.rows;
        const left = total - known.size;
        const perPoint = calibration.secondsPerPoint;
        // Unless told how many, fast-path helpers go only to idle cores (sweep/pool.ts).
        const idle = idleCores(availableParallelism(), loadavg()[0] ?? 0);
        pool = startSweepPool(perPoint === null ? 0 : fastHelpers(options.threads === undefined ? Math.min(threads, idle) : threads, perPoint * left));
        if (perPoint !== null && left > 0) {
          io.stderr(describeEstimate(sweepSecondsLeft(perPoint, left, pool.threads, true), pool.threads, perPoint, { kind: 'spread', points: calibration.timedPoints, shard: shard.count > 1 }));
        }
      }
      const running = pool;
      // Simulated points: the estimate comes with the first point done.
      let estimateDue = !options.fast && total > 1;

      // Simulated rows take tens of milliseconds each: those are written as they come.
      const out = streamingWriter(io, options.fast ? FLUSH_BYTES : 0);
      const progress = progressBar(io, total, started);
      const sweep = (rows: Pick<SweepCallbacks, 'beforeRows' | 'onRow'>) =>
        streamSweepRows(
          running,
          job,
          range,
          selection,
          {
            ...rows,
            stopped: () => stop || io.stdoutClosed(),
            onPoint: () => {
              if (estimateDue) {
                estimateDue = false;
                const perPoint = (Date.now() - started) / 1000;
                io.stderr(describeEstimate(sweepSecondsLeft(perPoint, total - 1, running.threads, false), running.threads, perPoint, { kind: 'first-point' }));
              }
              progress.tick();
              out.poll();
            },
            afterPoints: () => {
              out.flush();
              progress.done();
              removeInterrupt();
            },
          },
          known,
        );

      let counts: SweepCounts;
      if (isRowFormat(options.format)) {
        const stream = rowEncoder(options.format)(columns, { report: sweepReport({ file, points, shard, axes, columns, rows: [], catalog: catalogInfo(catalog) }, { streamed: true }), options: renderOptions(common, io, context.version) });
        counts = await sweep({
          // Only the first shard has a header, so the shards' outputs concatenate.
          beforeRows: () => {
            if (shard.index === 1) out.write(stream.header);
          },
          onRow: (row) => out.write(stream.row(sweepRow(row, axes))),
        });
        out.write(stream.end());
        out.flush();
      } else {
        const rows: Row[] = [];
        counts = await sweep({ onRow: (row) => rows.push(sweepRow(row, axes)) });
        const report = sweepReport({ file, points, shard, axes, columns, rows, catalog: catalogInfo(catalog) });
        io.stdout(render(report, options.format, renderOptions(common, io, context.version)));
      }
      for (const warning of sweepWarnings(counts)) io.stderr(`warning: ${warning}\n`);
      if (stop) {
        io.stderr(describeStop(counts.evaluated, total));
        context.exitCode = 130;
      }
    } finally {
      pool?.close();
    }
  });
  return command;
}
