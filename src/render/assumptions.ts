// The only place assumptions are worded. The core hands them over as data (an id and the values its words
// need, src/endpoint/assumptions.ts); each id has one wording here, so JSON consumers get the same key and
// value whatever the words, and the words change in one place.
import { PHASE_NAMES } from './phase-names.js';
import { DEFAULT_MAX_FAILED_SHARE } from '../decisions/compare.js';
import type { WeightsFacts } from '../endpoint/cold-start.js';
import type { ExecutionFacts } from '../endpoint/execution.js';
import type { RateGiven, TrafficFacts } from '../endpoint/traffic.js';
import type { PodChoice, PodCloudChoice } from '../catalog/lookup.js';
import type { ActiveRateSource } from '../endpoint/resolve.js';
import { formatBandwidth, formatDuration, formatPercent, formatSize } from '../input/units.js';
import { BYTES_PER_PARAMETER } from '../model/cold-start.js';
import type { ScalerSpec } from '../sim/simulate.js';
import { formatNumber, formatPercent as formatShare, formatPrice } from './number-format.js';
import type { Assumption } from './report.js';

type Wordings = { [A in Assumption as A['id']]: (values: A['values']) => string };

const SECONDS_PER_DAY = 86_400;
const round1 = (seconds: number) => Math.round(seconds * 10) / 10;
const round3 = (seconds: number) => Math.round(seconds * 1000) / 1000;
/** A duration to 6 significant digits: what a user typed prints as typed; a derived 4.2666... s as 4.26667s. */
const formatSeconds = (seconds: number) => formatDuration(Number(seconds.toPrecision(6)));

const WORDINGS: Wordings = {
  'model.weights': (weights) => describeWeights(weights),
  'model.image': (v) =>
    `Image: ${formatSize(v.slimImageGB)} without the weights${v.imageGiven ? '' : ' (--image not given)'}, ${formatSize(v.bakedImageGB)} with them baked in${v.bakedImageGiven ? '' : ' (image + weights; --baked-image)'}${v.imageCached ? '; cached on the host, no pull' : ''}.`,
  'model.phases': ({ setup: { input, given } }) => {
    const named = (user: boolean, text: string) => `${text}${user ? '' : ' (catalog default)'}`;
    const phases = [
      named(given.pullBandwidth, `pull ${formatBandwidth(input.pullGBPerSecond)}`),
      named(given.containerStart, `container start ${formatDuration(input.containerStartS)}`),
      named(given.import, `framework import ${formatDuration(input.frameworkImportS)}`),
      named(given.cuda, `CUDA context ${formatDuration(input.cudaContextS)}`),
      `driver persistence ${input.persistenceMode ? 'on' : `off (+${formatDuration(input.gpuAttachWithoutPersistenceS)} per GPU)`}`,
      named(given.diskBandwidth, `image disk ${formatBandwidth(input.localDiskGBPerSecond)}`),
      named(given.volumeBandwidth, `network volume ${formatBandwidth(input.networkVolumeGBPerSecond)}`),
      named(given.downloadBandwidth, `hub download ${formatBandwidth(input.downloadGBPerSecond)}`),
      named(given.warmup, `engine warm-up ${formatDuration(input.engineWarmupS)}`),
    ];
    return `Phases: ${phases.join('; ')}. \`runpod-plan catalog\` lists each default with its source.`;
  },
  'model.flashboot': (v) =>
    !v.on
      ? 'FlashBoot off (--flashboot; off by default for an endpoint made with the API): every start is a full cold start.'
      : v.hitRate === 0
      ? 'FlashBoot hit rate 0%: every start is a full cold start (planning for the worst; --flashboot-hit to change).'
      : `FlashBoot: ${formatPercent(v.hitRate)} of starts are snapshot restores of ${formatDuration(v.restoreS)}, the rest full cold starts.`,
  'model.billing': (v) => `Billing rules since ${v.effective}: not billed: ${v.unbilledPhases.map((phase) => PHASE_NAMES[phase]).join(', ') || 'nothing, every phase is billed'}.`,

  'endpoint.origin': (v) =>
    `Endpoint made ${v.createdWith === 'api' ? 'with the REST API, POST /v2/serverless' : 'in the console'} (--created-with): FlashBoot ${v.flashboot ? 'on' : 'off'}${v.flashbootGiven ? '' : ' by default'}; where not given, idle timeout ${formatDuration(v.idleTimeoutS)} and execution timeout ${formatDuration(v.executionTimeoutS)}.`,
  'endpoint.requestCountScaleDown': (v) =>
    `Request-count scaler: RunPod documents the idle timeout for the queue-delay scaler only${v.createdWith === 'api' ? ', and its API rejects one for a queue endpoint scaling on request count' : ''}; assumed: a worker above the scaler's target stops after ${formatDuration(v.idleTimeoutS)} idle (${v.given ? 'the idle timeout given' : "the console's default idle timeout"}).`,
  'endpoint.loadBalancer': (v) =>
    `Load-balancing endpoint: no queue; a request that finds no worker free waits at most ${formatDuration(v.maxWaitS)} (${v.maxWaitGiven ? '--max-wait' : `RunPod's limit, ${v.maxWaitSource.source}, ${v.maxWaitSource.retrieved}`}), taking a worker in arrival order, then fails; one request is cut at ${formatDuration(v.maxRequestS)} (${v.maxRequestSource.source}, ${v.maxRequestSource.retrieved}). ` +
    `The client sends a failed request again ${v.retries === 0 ? 'never (--client-retries 0; RunPod has no built-in retries and advises at least 3, 5-10s apart)' : `up to ${v.retries} time(s), ${formatDuration(v.retryDelayS)} after each failure (--client-retries, --client-retry-delay)`}; latency counts from the first attempt. ` +
    `The request-count scaler (required) keeps ceil((waiting + running) / ${v.scalerValue}) workers; a flex worker stops after the idle timeout, as RunPod documents for load balancers; a worker's cold start ends when its health check first answers 200; billed per worker-second as a queue endpoint.`,
  'endpoint.concurrency': (v) =>
    `Requests share a worker as an LLM server batches them (your table, --concurrency): ${v.points.map((p) => `${p.inFlight} in flight ${formatNumber(p.tokensPerSecond)} tok/s each`).join(', ')}, linear between rows and flat before the first. ` +
    `A request's execution time is its time alone; with n in flight it runs at tok/s(n) / tok/s(1) of that pace, changing as requests join and leave; up to ${v.jobsPerWorker} per worker (a full batch does the work of ${formatNumber(v.fullBatchSpeedup)} requests alone). A new request goes to the active worker with the fewest in flight, else to a flex worker already running requests before an idle one (packing, so idle ones can time out).`,
  'endpoint.tokens': (v) =>
    `Each request: ${describeTokenCount(v.tokensIn, v.tokensInP95, v.meanTokensIn)} input tokens, read at ${formatNumber(v.prefillTokensPerSecond)} tok/s alone (prefill, ${formatDuration(round3(v.prefillS))}${v.tokensInP95 === null ? '' : ' on average'}; --prefill), and ${describeTokenCount(v.tokensOut, v.tokensOutP95, v.meanTokensOut)} output tokens, written at ${formatNumber(v.decodeTokensPerSecond)} tok/s alone (${v.decodeFrom === 'given' ? '--decode' : 'the concurrency table at 1 in flight'}): ` +
    `a request's time alone is ${v.tokensInP95 === null && v.tokensOutP95 === null ? formatDuration(round3(v.executionMeanS)) : `in / prefill + out / decode with the counts drawn for each request (independently), ${formatDuration(round3(v.executionMeanS))} on average`}.`,
  'tokens.inputShare': (v) =>
    v.rule === 'time'
      ? `Cost split between input and output tokens by time: the prefill takes ${formatShare(v.share)} of a request's time alone (${formatDuration(round3(v.prefillS))} of ${formatDuration(round3(v.executionMeanS))}), so input tokens carry ${formatShare(v.share)} of the cost (--input-share to set it).`
      : `Cost split between input and output tokens as given: ${formatPercent(v.share)} on the input tokens (--input-share).`,
  'endpoint.tokenExperience': (v) =>
    `Time to first token: the wait for a worker plus the prefill (${formatDuration(round3(v.prefillS))} alone), slowed by the request's own slowdown from sharing its worker (its execution over its time alone, prefill and decode alike); output tokens per second: the decode rate alone over that slowdown (p95: the rate 95% of requests get at least). Requests cut or dropped are left out.`,
  'tokens.reservation': (v) =>
    `Reservation-based: one worker billed its whole ${formatDuration(v.monthS)} month (flex or active rate, or one pod) over the requests it serves with its batch full all month (${formatNumber(v.capacityPerWorker)} requests' work at once): the floor usage-based costs approach as a worker fills.`,
  'tokens.volumeSearch': (v) =>
    `Break-even volume: the traffic, its shape kept, scaled from 0 to ${formatNumber(Math.round(v.highestRequestsPerDay))} requests a day (the active and flex workers at ${formatPercent(v.podTargetUtilization)} of a full batch, --pod-target-utilization), each option ${v.precision === null ? 'priced by the fast path' : `simulated (seed ${v.seed}, common random numbers) until its cost and the API's agree within their ${formatPercent(v.precision)} precision`} and pods counted to carry each volume; the API billed for the same tokens served. "never": not within that range.`,
  'tokens.api': (v) => `API price: ${formatPrice(v.inputUsdPerToken * 1e6)}/Mtok in, ${formatPrice(v.outputUsdPerToken * 1e6)}/Mtok out (--api-price), for the same tokens the option serves.`,
  'sim.exec': (facts) => `Execution time: ${describeExecution(facts)}.`,
  'sim.traffic': (facts) => `Traffic: ${describeTraffic(facts)}.`,
  'sim.coldStart.model': (v) => `Cold start from the model: ${formatNumber(v.fullS)}s in full (${formatNumber(v.fullBilledS)}s billed), weights ${v.weightsFrom}.`,
  'sim.coldStart.default': (v) =>
    `Cold start ${formatDuration(v.fullS)} = container start + framework import + CUDA context (catalog defaults), ${v.billedS === v.fullS ? 'all billed' : `${formatDuration(v.billedS)} billed`}; weights not counted: give --cold-start or --model/--weights.`,
  'sim.coldStart.given': (v) =>
    v.hitRate > 0
      ? `Cold start ${formatDuration(v.fullS)}, ${formatDuration(v.billedS)} billed; FlashBoot restores ${formatPercent(v.hitRate)} of starts in ${formatDuration(v.restoreS)} (${v.restoreBilled ? 'billed' : 'not billed'}).`
      : `Cold start ${formatDuration(v.fullS)}, ${formatDuration(v.billedS)} billed; FlashBoot ${formatPercent(0)} (plan for the worst).`,
  'sim.workers': (v) =>
    `${v.active} active and up to ${v.max} flex workers, ${v.jobsPerWorker} job(s) each, idle timeout ${formatDuration(v.idleTimeoutS)}, execution timeout ${formatDuration(v.executionTimeoutS)}; scaler: ${describeScaler(v.scaler)}.`,
  'sim.prices': (v) =>
    `${v.poolId}, ${v.gpuCount} GPU(s) per worker: flex ${formatPrice(v.flexUsdPerSecond * 3600)}/h, active ${formatPrice(v.activeUsdPerSecond * 3600)}/h per GPU (${activeRateReason(v.activeRateSource, v.sameAsFlexSince)}).`,
  'sim.horizon': (v) => {
    if (v.method !== 'sim') return 'Closed forms (--method analytic): Poisson arrivals, hour by hour; latency percentiles need --method sim.';
    const horizon = v.horizonS === v.maxHorizonS ? formatDuration(v.horizonS) : `${formatDuration(v.horizonS)} to ${formatDuration(v.maxHorizonS)}`;
    const how =
      v.trace === 'span'
        ? " (the trace's span)"
        : v.trace === 'repeated'
          ? ' (the trace replayed end to end)'
          : v.goal === null
            ? ''
            : ` (from ${formatDuration(v.startS)} until the monthly cost's 95% interval was within ${formatPercent(v.goal)}, at most ${formatDuration(v.capS)}${v.widestRelativeHalfWidth > v.goal ? `: reached ${formatPercent(v.widestRelativeHalfWidth)} at the cap` : ''})`;
    return `Simulated ${horizon}${how} with seed ${v.seed} (same seed, same output); costs scaled to a month of ${formatDuration(v.monthS)}.`;
  },

  'workload.traffic': (given) => `Traffic: ${describeRate(given)}.`,
  'workload.gpu': (v) => `GPU class ${v.poolId} (${v.label}: ${v.gpus.join(', ')}), ${v.gpuCount} GPU(s) per worker or pod.`,
  'workload.month': (v) => `A month is ${formatDuration(v.monthS)}${v.isDefault ? ' (365 days / 12; --month 720h for 30 days)' : ''}.`,
  'workload.exec': (v) => `Mean execution time ${formatSeconds(v.execS)} per request.`,
  'workload.idleTimeout': (v) => `Idle timeout ${formatDuration(v.idleTimeoutS)}${v.given ? '' : " (RunPod's default, --idle-timeout)"}; the tail is billed.`,
  'workload.maxWorkers': (v) => `Up to ${v.max} flex workers${v.given ? '' : " (RunPod's default, --max-workers)"}.`,
  'workload.coldStart.model': (v) =>
    `Cold start ${formatDuration(round1(v.meanS))} (mean), ${formatDuration(round1(v.meanBilledS))} billed, from the cold-start model: weights ${v.weightsFrom}.`,
  'workload.coldStart.default': (v) =>
    `Cold start ${formatDuration(v.fullS)} = container start ${formatDuration(v.containerStartS)} + framework import ${formatDuration(v.frameworkImportS)} + CUDA context ${formatDuration(v.cudaContextS)} (catalog defaults), ${formatDuration(v.billedS)} billed; loading weights is not counted: give --cold-start.`,
  'workload.coldStart.given': (v) =>
    `Cold start ${formatDuration(v.fullS)}, of which ${formatDuration(v.billedS)} billed${v.billedGiven ? '' : ' (all of it: --cold-start-billed to change)'}${
      v.hitRate > 0 ? `; FlashBoot restores ${formatPercent(v.hitRate)} of starts in ${formatDuration(v.restoreS)}` : ''
    }.`,
  'workload.activeRate': (v) =>
    `Active workers at ${formatPrice(v.activeUsdPerSecond * 3600)}/h per GPU (${activeRateReason(v.source, v.sameAsFlexSince)}), billed every second of the month.`,
  'workload.savingsPlan': (v) => `Savings plan: ${formatPercent(v.discount)} off pod Secure compute (RunPod does not publish its discount).`,
  'workload.networkVolume': (v) => `A ${formatSize(v.sizeGB)} network volume is billed to the serverless options.`,
  'breakeven.pod': (v) =>
    v.pods.secure === null && v.pods.community === null
      ? `No GPU of ${v.poolId} has a known pod price.`
      : `A pod is one GPU, 24 h a day at its hourly price: ${describePods(v.pods, v.gpuNamed)}; above ${formatNumber(24 * v.targetUtilization)} busy hours a day it runs busier than ${formatPercent(v.targetUtilization)} (--pod-target-utilization, RunPod's 20% headroom advice), and more pods would be needed.`,
  'compare.pods': (v) =>
    v.pods.secure === null && v.pods.community === null
      ? `No GPU of ${v.poolId} has a known pod price.`
      : `Pods: ${v.podCount} per cloud, 24 h a day (${describePods(v.pods, v.gpuNamed)}): ${formatNumber(v.offeredLoad)} busy GPUs (requests per second x mean execution)${v.capacityPerWorker === 1 ? '' : `, a pod doing the work of ${formatNumber(v.capacityPerWorker)} with its batch full`} at ${formatPercent(v.targetUtilization)} each, rounded up, at least 1 (--pod-target-utilization; 80% is RunPod's 20% headroom advice). ${v.latencySimulated ? `Their latency: the same traffic and seed through ${v.podCount} always-on worker${v.podCount === 1 ? '' : 's'} with no cold start.` : 'Their latency needs the simulation (without --fast).'}`,
  'compare.method': (v) => {
    if (v.method === 'analytic') {
      return "--fast: the serverless options are priced by the fast path (a birth-death model of the workers: the most recently used idle worker takes the next job, the scaler decides when a job waits), validated against the simulator inside a stated domain (README, Accuracy), without latency percentiles; drop --fast to simulate.";
    }
    const ran = v.minHorizonS === v.maxHorizonS ? formatDuration(v.maxHorizonS) : `${formatDuration(v.minHorizonS)} to ${formatDuration(v.maxHorizonS)}`;
    return (
      `Serverless options simulated through RunPod's worker rules: execution ${describeExecution(v.exec)}, one FIFO queue, scaler: ${describeScaler(v.scaler)}. ` +
      `Every option runs seed ${v.seed} (common random numbers: the same arrivals and execution times; same seed, same output), from ${formatDuration(v.startHorizonS)} until its monthly cost's 95% interval is within ${formatPercent(v.goal)}, at most ${formatDuration(v.capHorizonS)} (as \`simulate\` does): ${ran} simulated` +
      `${v.widestRelativeHalfWidth > v.goal ? ` (widest interval ± ${formatPercent(v.widestRelativeHalfWidth)})` : ''}; an option the traffic overloads runs a day, as \`simulate\` runs an overloaded endpoint.`
    );
  },
  'compare.maxFailedShare': (v) => {
    const where = v.limit === 'execution-timeout' ? `at the execution timeout (${formatDuration(v.limitS)})` : `at a load balancer's ${formatDuration(v.limitS)} cut`;
    const within =
      v.maxFailedShare === 0
        ? `Failed requests tolerated: none (--max-failed-share 0%): only the options that serve every request are ranked by their monthly bill; one that fails any ${where}`
        : `Failed requests tolerated: an option that fails at most ${formatPercent(v.maxFailedShare)} of the requests it is sent ${where} is ranked by its monthly bill with those that serve every request (--max-failed-share; ${formatPercent(DEFAULT_MAX_FAILED_SHARE)} by default, one request in 1,000: a 99.9% success objective); one that fails more`;
    return `${within} is named cheapest only when every option that serves the traffic does, by its cost per 1,000 requests served.`;
  },

  'coldstart.gpu': (v) => `GPU class ${v.poolId} (${v.label}), ${v.gpuCount} GPU(s) per worker, flex rate per GPU.`,
  'coldstart.traffic': (v) =>
    `Traffic: ${Math.round(v.requestsPerSecond * SECONDS_PER_DAY)} requests/day of ${v.execS}s, idle timeout ${v.idleTimeoutS}s, up to ${v.maxWorkers} flex workers, Poisson arrivals; each strategy's month simulated with the same seed (the same requests) until its cost is within 1%, as \`simulate\` does.`,
  'minworkers.range': (v) =>
    `Active workers 0 to ${v.upTo}${v.given ? '' : " (the busiest hour's need at 80% busy; --up-to)"}, each with up to ${v.max} flex workers for overflow, idle timeout ${formatDuration(v.idleTimeoutS)}.`,
  'plan.month': (v) =>
    `A month is ${formatDuration(v.monthS)}${v.given ? '' : ' (365 days / 12; month: 720h for 30 days)'}; ${v.fast ? 'endpoints priced by the fast path (--fast)' : v.horizonGiven ? `endpoints simulated over ${formatDuration(v.horizonS)} with seed ${v.seed}` : `endpoints simulated with seed ${v.seed} until each monthly cost is within ${formatPercent(v.precision)} (its horizon below)`}.`,
  'gpus.minVram': (v) => `Only GPUs with at least ${formatSize(v.minVramGB)} of VRAM.`,
  'gpus.fits': (v) => `Only GPUs that hold ${formatSize(v.fitsGB)} of weights plus ${formatPercent(v.headroom)} headroom = ${formatSize(v.fitsGB * (1 + v.headroom))} of VRAM (--headroom).`,
  'sweep.axis': (v) => `${v.name}: ${v.values.join(', ')}`,
};

/** An assumption in words, with the resource it belongs to named first. */
export function wordAssumption(assumption: Assumption): string {
  const word = WORDINGS[assumption.id] as (values: unknown) => string;
  const text = word(assumption.values);
  return assumption.scope === undefined ? text : `${assumption.scope}: ${text}`;
}

/** The weights in a title: `sdxl-base (6.94 GB)`, `8B in bf16 (16 GB)`. */
export function weightsLabel(weights: WeightsFacts): string {
  switch (weights.kind) {
    case 'preset':
      return `${weights.id} (${formatSize(weights.weightsGB)})`;
    case 'parameters':
      return `${weights.parameters / 1e9}B in ${weights.dtype} (${formatSize(weights.weightsGB)})`;
    case 'size':
      return formatSize(weights.weightsGB);
    case 'none':
      return 'none given';
  }
}

/** The traffic as the user gave its rate: `500 requests per day, Poisson arrivals`. */
export function describeRate(given: RateGiven, arrivals = true): string {
  const tail = arrivals ? ', Poisson arrivals' : '';
  if (given.field === 'requestsPerDay') return `${given.value} requests per day${tail}`;
  if (given.field === 'rps') return `${given.value} requests per second${tail}`;
  return `${formatPercent(given.value)} of one GPU busy = ${formatNumber((given.value / given.execMeanS) * SECONDS_PER_DAY)} requests per day of ${formatDuration(given.execMeanS)}${tail}`;
}

function describeWeights(weights: WeightsFacts): string {
  switch (weights.kind) {
    case 'preset':
      return `Weights: ${weights.name}, ${formatSize(weights.weightsGB)} (${weights.source}, read ${weights.retrieved}).`;
    case 'parameters':
      return `Weights: ${weights.parameters / 1e9}B parameters x ${BYTES_PER_PARAMETER[weights.dtype]} byte(s) (${weights.dtype}) = ${formatSize(weights.weightsGB)}.`;
    case 'size':
      return `Weights: ${formatSize(weights.weightsGB)}.`;
    case 'none':
      return 'No weights given (--weights, --params or --model): no weight load counted.';
  }
}

/** `500` or `lognormal with median 500 and p95 2,000 (mean 812.3)`. */
function describeTokenCount(median: number, p95: number | null, mean: number): string {
  return p95 === null ? formatNumber(median) : `lognormal with median ${formatNumber(median)} and p95 ${formatNumber(p95)} (mean ${formatNumber(Math.round(mean * 10) / 10)})`;
}

function describeExecution(facts: ExecutionFacts): string {
  switch (facts.kind) {
    case 'samples':
      return `${facts.count} samples from ${facts.name}, mean ${formatNumber(facts.meanS)}s`;
    case 'lognormal':
      return `lognormal, p50 ${formatSeconds(facts.p50S)}, p95 ${formatSeconds(facts.p95S)} (mean ${formatNumber(facts.meanS)}s)`;
    case 'constant':
      return `${formatSeconds(facts.meanS)} every time`;
    case 'exponential':
      return `exponential, mean ${formatSeconds(facts.meanS)} (--exec-dist constant for a fixed time)`;
    case 'tokens':
      return `from each request's tokens (below), mean ${formatSeconds(facts.meanS)}`;
  }
}

function describeTraffic(facts: TrafficFacts): string {
  switch (facts.kind) {
    case 'trace':
      return `${facts.arrivals} arrivals replayed from ${facts.name} over ${formatDuration(Math.round(facts.spanS))}${facts.startsAt === null ? '' : ` from ${facts.startsAt}`}${
        facts.withinMinute === 'random' ? ", each minute's count at random times within it (Poisson given the count)" : ''
      }`;
    case 'bursts':
      return `${formatNumber(facts.requestsPerDay)} requests/day in bursts: ${formatDuration(facts.onS)} on at ${formatNumber(facts.onRatePerSecond)} req/s, ${formatDuration(facts.offS)} off`;
    case 'poisson':
      return `${formatNumber(facts.requestsPerDay)} requests/day, Poisson arrivals`;
    case 'profile':
      return `${formatNumber(facts.requestsPerDay)} requests/day, Poisson arrivals following a daily profile (busiest hour ${formatNumber(facts.peakToMean)}x the mean)`;
  }
}

/** Each cloud's pod GPU, price and its date: `Secure: RTX A5000 $0.26/h (read 2025-07), ...`. */
function describePods(pods: PodChoice, gpuNamed: boolean): string {
  const cloud = (name: string, choice: PodCloudChoice | null) =>
    choice === null
      ? `${name}: no price`
      : `${name}: ${choice.gpuName} ${formatPrice(choice.usdPerHour)}/h (${choice.fromUser ? '--pod-rate' : `read ${choice.retrieved}`})`;
  return `${cloud('Secure', pods.secure)}; ${cloud('Community', pods.community)}${gpuNamed ? '' : "; each the class's cheapest GPU in that cloud (name one with --gpu)"}`;
}

/** Why active workers pay the rate they do. */
function activeRateReason(source: ActiveRateSource, sameAsFlexSince: string): string {
  switch (source) {
    case 'user':
      return '--active-rate';
    case 'catalog':
      return "the catalog's active rate for the class";
    case 'same-as-flex':
      return `the flex rate: RunPod bills active and flex workers alike since ${sameAsFlexSince}; a negotiated rate: --active-rate`;
    case 'flex-fallback':
      return 'the flex rate: the catalog states no active rate; yours: --active-rate';
  }
}

function describeScaler(scaler: ScalerSpec): string {
  if (scaler.kind === 'queue-delay') {
    const reading =
      scaler.reading === 'eager'
        ? 'eager reading: every job that waits that long adds one'
        : 'pending reading: only while fewer workers are starting than jobs have waited that long, so a job never starts a second worker for itself';
    return `queue delay, a worker added when a job waits over ${formatDuration(scaler.thresholdS)} (${reading}; RunPod documents no more than one sentence, --queue-delay-reading)`;
  }
  if (scaler.kind === 'request-count') return `request count, ceil((queued + running) / ${scaler.value}) workers`;
  return 'per request (a job that finds no idle worker starts one)';
}

