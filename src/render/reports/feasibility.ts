// What RunPod would refuse or break in a set-up (endpoint/feasibility.ts), worded: the notes `compare`,
// `simulate`, `minworkers` and `idle-timeout` add under their tables.
import type { FeasibilityFinding } from '../../endpoint/feasibility.js';
import { formatDuration } from '../../input/units.js';
import { describeFinding } from './coldstart.js';

/** A finding in the words `coldstart` uses, and the execution timeout's. */
export function describeFeasibility(finding: FeasibilityFinding): string {
  switch (finding.code) {
    case 'vram':
    case 'over-health-limit':
      return describeFinding(finding);
    case 'cold-start-over-limit':
      return `Warning: a cold start takes ${formatDuration(Math.round(finding.coldStartS))}, over RunPod's ${formatDuration(finding.limitS)} limit: the worker is marked unhealthy (RUNPOD_INIT_TIMEOUT extends the limit).`;
    case 'execution-over-timeout':
      return `Warning: the mean execution time (${formatDuration(finding.execS >= 60 ? Math.round(finding.execS) : Math.round(finding.execS * 100) / 100)}) is over the execution timeout (${formatDuration(finding.timeoutS)}): most jobs would fail and still be billed; raise --execution-timeout (RunPod accepts up to 7d).`;
    case 'scaler-over-capacity':
      return `Warning: the request-count scaler keeps one worker per ${finding.scalerValue} requests, but a worker takes ${finding.jobsPerWorker} at once: on a load-balancing endpoint the requests that would call up more workers wait, then are dropped, so the workers never catch up with the traffic. Set the scaler's value to at most ${finding.jobsPerWorker} (--scaler-value; plans: scaler: { kind: request-count, value: ${finding.jobsPerWorker} }) or, if the server takes several requests at once, --jobs-per-worker.`;
  }
}
