// `calibrate`: job records in -> traffic, execution and cold starts fitted, a plan written, and the plan
// replayed over the records' own period against what they show.
import { dirname, relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import * as z from 'zod';
import { Calibrator } from '../../calibrate/calibrator.js';
import { fitCalibration } from '../../calibrate/fit.js';
import { replayCheck, type Replay } from '../../calibrate/replay.js';
import { InputError } from '../../input/error.js';
import { readJobRecords, RECORD_FIELDS, RECORD_FORMATS, type RecordField } from '../../input/job-records.js';
import { RecordOrder } from '../../input/record-order.js';
import { parseTrace, readTrace } from '../../input/trace.js';
import { DurationSchema, WholeNumberSchema } from '../../input/unit-schemas.js';
import { formatDuration } from '../../input/units.js';
import { parseYamlSource, toInputError, locateInLayers } from '../../input/yaml.js';
import { evaluatePlan } from '../../plan/evaluate.js';
import { traceKey } from '../../plan/files.js';
import { PlanSchema } from '../../plan/schema.js';
import { calibratedEndpoint, calibratedPlanYaml, samplesCsv, traceCsv } from '../../render/calibrated-plan.js';
import { render } from '../../render/index.js';
import { calibrateReport } from '../../render/reports/calibrate.js';
import { addSettingFlags, calibrateSettings } from '../calibrate-settings.js';
import { addCommonOptions, catalogInfo, CommonOptionsSchema, loadCatalogForRun, renderOptions } from '../common-options.js';
import type { CliContext } from '../context.js';
import { writeResult } from '../output.js';
import { parseFlags } from '../parse-flags.js';
import { DEFAULT_RUN } from '../simulation-options.js';

const CalibrateOptionsSchema = CommonOptionsSchema.extend({
  output: z.string().optional(),
  field: z.array(z.string()),
  inputFormat: z.enum(RECORD_FORMATS),
  durationUnit: z.enum(['ms', 's']),
  reorderWindow: DurationSchema,
  seed: WholeNumberSchema,
});

/** The execution times a samples file keeps: a uniform sample of them all. */
const SAMPLE_SIZE = 10_000;

function fieldMap(entries: string[]): Partial<Record<RecordField, string>> {
  const map: Partial<Record<RecordField, string>> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    const field = entry.slice(0, at) as RecordField;
    if (at <= 0 || !RECORD_FIELDS.includes(field) || at === entry.length - 1) throw new InputError(`expected <field>=<column> with a field of ${RECORD_FIELDS.join(', ')}, got "${entry}"`, { flag: '--field' });
    map[field] = entry.slice(at + 1);
  }
  return map;
}

export function calibrateCommand(context: CliContext): Command {
  const command = new Command('calibrate')
    .argument('<records...>', 'job records: RunPod status objects (id, status, createdAt or submittedAt, delayTime, executionTime, workerId) as NDJSON, CSV or a JSON array; or the job list of GET /v2/serverless/{id}/jobs')
    .description('fit traffic, execution time and cold starts from job records, write a plan, and replay it against the records')
    .option('--output <plan>', 'write the calibrated plan here, with its trace (<plan>-traffic.csv) and execution samples (<plan>-execution.csv) beside it')
    .option('--field <field=column>', 'read a field from another key or column, e.g. createdAt=sent_at (repeatable)', (value: string, previous: string[]) => [...previous, value], [])
    .addOption(new Option('--input-format <format>', 'how the records are written (auto: by their first characters)').choices(RECORD_FORMATS).default('auto'))
    .addOption(new Option('--duration-unit <unit>', 'unit of delayTime and executionTime (RunPod: ms)').choices(['ms', 's']).default('ms'))
    .option('--reorder-window <duration>', 'records may be out of submission order by up to this (a log written as jobs finish)', '1h')
    .option('--seed <n>', 'seed of the execution-time sample and the replay', '1')
    .addHelpText(
      'after',
      `
Records are streamed (NDJSON, CSV); a JSON array is read whole, up to 256 MB. Times: ISO 8601 (no zone: UTC)
or epoch seconds or milliseconds. A record without a time, a bad number, mixed time units, an out-of-order or
duplicate job: exit 2, naming the file, line and field.

Examples:
  runpod-plan calibrate jobs.ndjson --gpu rtx4090 --idle-timeout 30s
  runpod-plan calibrate jobs.ndjson --plan plan.yaml --endpoint chat --output calibrated.yaml
  runpod-plan calibrate log.csv --field createdAt=sent_at --field executionTime=exec_ms --gpu a100 --format markdown`,
    );
  addSettingFlags(command);
  addCommonOptions(command).action(async (files: string[], raw: Record<string, unknown>) => {
    const options = parseFlags(CalibrateOptionsSchema, raw);
    const io = context.io;
    const outputDir = options.output === undefined ? io.cwd : dirname(resolve(io.cwd, options.output));
    const run = { ...DEFAULT_RUN, seed: options.seed };
    let loadedCatalog: Awaited<ReturnType<typeof loadCatalogForRun>> | undefined;
    const settings = await calibrateSettings(raw, io, outputDir, async (extra) => {
      loadedCatalog = await loadCatalogForRun(extra === undefined ? options : { ...options, catalog: [extra, ...options.catalog] }, io);
      return loadedCatalog.catalog;
    }, run);
    const catalog = loadedCatalog as NonNullable<typeof loadedCatalog>;

    // One pass: read, put in order, gather.
    const calibrator = new Calibrator({ idleTimeoutS: settings.endpoint.workers.idleTimeoutS, seed: options.seed, sampleSize: SAMPLE_SIZE });
    const order = new RecordOrder(options.reorderWindow * 1000, formatDuration(options.reorderWindow), (record) => calibrator.add(record));
    readJobRecords(
      files.map((file) => ({ path: resolve(io.cwd, file), name: file })),
      { fields: fieldMap(options.field), format: options.inputFormat, durationUnit: options.durationUnit },
      (record) => order.push(record),
    );
    order.finish();
    const calibration = fitCalibration(calibrator.finish());

    // The plan, written as text and read back as any plan is: what is replayed is what is written.
    const stem = options.output === undefined ? 'calibrated' : options.output.replace(/\.ya?ml$/i, '');
    const names = { trace: `${stem}-traffic.csv`, samples: `${stem}-execution.csv` };
    const local = { trace: relative(outputDir, resolve(io.cwd, names.trace)).split('\\').join('/'), samples: relative(outputDir, resolve(io.cwd, names.samples)).split('\\').join('/') };
    const entry = calibratedEndpoint(settings.entry, calibration, local);
    const text = { plan: calibratedPlanYaml(settings.name, entry, calibration, options.seed, settings.catalog), trace: traceCsv(calibration), samples: samplesCsv(calibration) };
    const planName = options.output ?? 'the calibrated plan';
    const source = parseYamlSource(text.plan, planName);
    const parsed = PlanSchema.safeParse(source.value, { reportInput: true });
    if (!parsed.success) throw toInputError(parsed.error, [source]);
    const trace = readTrace(text.trace, names.trace, 'counts');
    const planFiles = {
      traces: { [traceKey('counts', local.trace)]: { name: names.trace, timestampsS: trace.timestampsS, minutes: trace.minutes, startsAt: trace.startsAt } },
      samples: { [local.samples]: { name: names.samples, seconds: parseTrace(text.samples, names.samples, 'timestamps') } },
    };
    let replay: Replay | null = null;
    const evaluated = evaluatePlan(catalog.catalog, parsed.data, {
      fast: false,
      files: planFiles,
      locate: (path) => locateInLayers([source], path),
      onEndpoint: (_name, endpoint, outcome) => {
        replay = replayCheck(calibration, endpoint, outcome);
      },
    });
    const written: string[] = [];
    if (options.output !== undefined) {
      writeResult(text.trace, names.trace, io);
      writeResult(text.samples, names.samples, io);
      writeResult(text.plan, options.output, io);
      written.push(options.output, names.trace, names.samples);
    }
    if (calibration.records === 0) throw new InputError('no job records', { file: files[0] as string });
    const report = calibrateReport(calibration, replay, written, catalogInfo(catalog), evaluated.assumptions);
    io.stdout(render(report, options.format, renderOptions(options, io, context.version)));
  });
  return command;
}
