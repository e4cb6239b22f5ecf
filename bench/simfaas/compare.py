#!/usr/bin/env python3
"""Compares our simulator (src/sim/simulate.ts, scaler per-request) with SimFaaS (Mahmoudi and Khazaei,
github.com/pacslab/simfaas, ServerlessSimulator) over a grid of workloads, and prints one table.

Both simulate the same model: Poisson arrivals; a request that finds no idle instance starts one and is
served by it (response = cold start + service); an idle instance stops after the expiration threshold
(our idle timeout); exponential warm service. SimFaaS draws a cold request's whole response from one
process (its default is exponential with the cold mean); here it gets a constant cold start plus an
exponential service, which is what our simulator does. SimFaaS routes a warm request to the NEWEST idle
instance (largest creation time), ours to the most recently used one; --routing mru gives SimFaaS ours,
to attribute differences. See bench/simfaas/README.md for getting SimFaaS. Not part of `npm test`.

Noise: each side runs independent replications (numpy seeds / our seeds); a figure is their mean with a
95% Student t half-width. The relative difference (ours - SimFaaS) / SimFaaS is shown with the combined
half-width of that difference, so a difference inside it is noise.

Usage: python3 bench/simfaas/compare.py --simfaas /path/to/simfaas-checkout [--quick] [--routing mru]
"""
import argparse
import json
import math
import multiprocessing
import os
import subprocess
import sys
import time
import types

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))

# The grid: arrival rate (1/s), mean warm service (s), cold start (s), expiration threshold = idle timeout (s).
# Chosen to cross the four ranges (0.01-2/s, 1-4 s, 2-20 s, 10-600 s) and to span cold-start
# probabilities from nearly 1 to about 1e-4.
GRID = [
    (0.01, 1, 2, 10),
    (0.01, 4, 20, 600),
    (0.05, 2, 10, 60),
    (0.05, 4, 5, 300),
    (0.1, 1, 20, 30),
    (0.2, 2, 2, 10),
    (0.2, 4, 10, 120),
    (0.5, 1, 5, 30),
    (0.5, 4, 20, 600),
    (1, 2, 10, 60),
    (1, 4, 2, 10),
    (2, 1, 20, 120),
    (2, 2, 10, 30),
    (2, 4, 5, 600),
]

METRICS = [
    ('prob_cold', 'probCold', 'P(cold)'),
    ('inst_count_avg', 'instCountAvg', 'instances'),
    ('inst_running_count_avg', 'instRunningCountAvg', 'running'),
    ('inst_idle_count_avg', 'instIdleCountAvg', 'idle'),
    ('lifespan_avg', 'lifespanAvg', 'lifespan s'),
]

# Two-sided 95% Student t quantiles t_{0.975, df}, df = 1..30 (as in src/sim/batch-means.ts).
T_975 = [12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
         2.200985, 2.178813, 2.160369, 2.144787, 2.13145, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
         2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.04523, 2.042272]


def mean_half_width(values):
    """Mean and 95% half-width of independent replications."""
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, float('nan')
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    t = T_975[n - 2] if n - 1 <= len(T_975) else 1.96
    return m, t * math.sqrt(var / n)


def import_simfaas(path):
    """Imports SimFaaS's ServerlessSimulator. Its core needs only numpy and scipy.stats; pandas, tqdm and
    matplotlib are imported at module level but used only for data frames, progress bars and plots, so
    when they are missing they are replaced by empty stand-in modules (nothing here calls them)."""
    if path:
        sys.path.insert(0, os.path.abspath(path))
    for name in ('pandas', 'tqdm', 'matplotlib', 'matplotlib.pyplot'):
        try:
            __import__(name)
        except ImportError:
            sys.modules[name] = types.ModuleType(name)
            if name == 'tqdm':
                sys.modules[name].tqdm = None
            if name == 'matplotlib.pyplot':
                sys.modules['matplotlib'].pyplot = sys.modules[name]
    import simfaas.ServerlessSimulator as ss
    import simfaas.SimProcess as sp
    return ss, sp


def simfaas_replication(job):
    """One SimFaaS run (in a worker process): returns its result dict plus its wall time."""
    path, routing, naive_cold, point, horizon, seed = job
    ss, sp = import_simfaas(path)
    import numpy as np

    rate, warm, cold, timeout = point

    class ColdStartPlusService(sp.SimProcess):
        """A cold request's response: the constant cold start, then an exponential service (as ours)."""

        def generate_trace(self):
            return cold + np.random.exponential(warm)

    class MostRecentlyUsed(ss.ServerlessSimulator):
        """SimFaaS with our routing: the idle instance whose last request ended latest (an idle
        instance's next_departure is its last departure)."""

        def schedule_warm_instance(self, t):
            idle = [s for s in self.servers if s.is_ready()]
            return idle[int(np.argmax([s.next_departure for s in idle]))]

    np.random.seed(seed)
    cls = MostRecentlyUsed if routing == 'mru' else ss.ServerlessSimulator
    kwargs = dict(arrival_rate=rate, warm_service_rate=1 / warm, expiration_threshold=timeout, max_time=horizon)
    if naive_cold:
        # SimFaaS's own parameterisation: exponential cold response with the same mean.
        kwargs['cold_service_rate'] = 1 / (cold + warm)
    else:
        kwargs['cold_service_process'] = ColdStartPlusService()
    sim = cls(**kwargs)
    started = time.time()
    sim.generate_trace()
    result = sim.get_result_dict()
    result = {k: float(v) for k, v in result.items()}
    result['wall_s'] = time.time() - started
    result['events'] = len(sim.hist_times)
    return result


def run_ours(points, replications, seed):
    """Runs bench/simfaas/ours.ts on every point; returns rows[point] = list of replication dicts."""
    payload = {
        'points': [dict(arrivalRate=p[0], warmS=p[1], coldStartS=p[2], idleTimeoutS=p[3], horizonS=h) for p, h in points],
        'replications': replications,
        'seed': seed,
    }
    out = subprocess.run(['node', 'bench/run.mjs', 'simfaas/ours'], cwd=REPO, input=json.dumps(payload), capture_output=True, text=True, check=True)
    rows = [[] for _ in points]
    for line in out.stdout.splitlines():
        row = json.loads(line)
        rows[row['point']].append(row)
    return rows


def horizon_for(point, pilot_prob_cold, target_colds, min_arrivals, max_arrivals, replications):
    """Simulated seconds per replication: enough arrivals for target_colds cold starts in all, at least
    min_arrivals, at most max_arrivals, and at least 200 idle timeouts. Both simulators start empty and run
    the same horizon, so they estimate the same quantity, start-up transient included."""
    rate, warm, cold, timeout = point
    arrivals = target_colds / max(pilot_prob_cold, 1e-9)
    arrivals = min(max(arrivals, min_arrivals), max_arrivals)
    return max(arrivals / rate / replications, 200 * (timeout + cold + warm))


def fmt(v):
    if v == 0:
        return '0'
    if abs(v) < 0.01:
        return f'{v:.2e}'
    if abs(v) < 100:
        return f'{v:.4f}'
    return f'{v:.1f}'


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--simfaas', default=os.environ.get('SIMFAAS_PATH'), help='directory holding the simfaas package (a checkout of pacslab/simfaas); default $SIMFAAS_PATH, else an installed simfaas')
    parser.add_argument('--routing', choices=['newest', 'mru'], default='newest', help="SimFaaS's warm routing: its own (newest instance) or ours (most recently used)")
    parser.add_argument('--naive-cold', action='store_true', help="give SimFaaS an exponential cold response (its cold_service_rate) instead of cold start + exponential service")
    parser.add_argument('--quick', action='store_true', help='short runs (a smoke test: about 20 times fewer arrivals)')
    parser.add_argument('--replications', type=int, default=8)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--ours-factor', type=int, default=4, help="ours runs this many times more replications (of the same horizon) than SimFaaS (they cost little)")
    parser.add_argument('--processes', type=int, default=os.cpu_count() or 1)
    parser.add_argument('--json', help='also write every figure to this file')
    args = parser.parse_args()

    import_simfaas(args.simfaas)  # fail early with Python's own message if SimFaaS is not found
    scale = 0.05 if args.quick else 1
    target_colds, min_arrivals, max_arrivals = 20_000 * scale, 400_000 * scale, 8_000_000 * scale

    # A pilot run of ours sizes each point's horizon by its cold-start probability.
    pilot = run_ours([(p, 2e5 / p[0]) for p in GRID], 1, args.seed + 10_000)
    points = [(p, horizon_for(p, rows[0]['probCold'], target_colds, min_arrivals, max_arrivals, args.replications)) for p, rows in zip(GRID, pilot)]

    started = time.time()
    ours = run_ours(points, args.replications * args.ours_factor, args.seed)
    ours_wall = time.time() - started

    jobs = [(args.simfaas, args.routing, args.naive_cold, p, h, args.seed * 1000 + i * 100 + r) for i, (p, h) in enumerate(points) for r in range(args.replications)]
    started = time.time()
    with multiprocessing.Pool(args.processes) as pool:
        flat = pool.map(simfaas_replication, jobs, chunksize=1)
    simfaas_wall = time.time() - started
    theirs = [flat[i * args.replications:(i + 1) * args.replications] for i in range(len(points))]

    variant = f"SimFaaS routing {'newest instance (its own)' if args.routing == 'newest' else 'most recently used (ours)'}, cold response {'exponential (its default)' if args.naive_cold else 'cold start + exponential service (ours)'}"
    print(f'Ours vs SimFaaS, per-request scaler; {variant}; {args.replications} replications of SimFaaS, {args.replications * args.ours_factor} of ours')
    print('Cells: ours | SimFaaS | (ours - SimFaaS) / SimFaaS +/- 95% half-width of that difference; * = outside it')
    header = f"{'rate/s':>6} {'warm':>4} {'cold':>4} {'idle':>4} {'arrivals':>9}"
    print(header + ''.join(f' | {label:^36}' for _, _, label in METRICS))
    records = []
    diffs = {label: [] for _, _, label in METRICS}
    for (point, horizon), our_rows, their_rows in zip(points, ours, theirs):
        rate, warm, cold, timeout = point
        arrivals = sum(r['reqs_total'] for r in their_rows)
        line = f'{rate:>6g} {warm:>4g} {cold:>4g} {timeout:>4g} {arrivals:>9.2g}'
        record = dict(arrivalRate=rate, warmS=warm, coldStartS=cold, idleTimeoutS=timeout, simfaasHorizonS=horizon, simfaasArrivals=arrivals, oursArrivals=sum(r['arrived'] for r in our_rows))
        for simfaas_key, our_key, label in METRICS:
            o, ohw = mean_half_width([r[our_key] for r in our_rows])
            s, shw = mean_half_width([r[simfaas_key] for r in their_rows])
            rel = (o - s) / s
            rel_hw = math.sqrt(ohw ** 2 + shw ** 2) / s
            flag = '*' if abs(rel) > rel_hw else ' '
            diffs[label].append(abs(rel))
            record[label] = dict(ours=o, oursHalfWidth=ohw, simfaas=s, simfaasHalfWidth=shw, relDiff=rel, relDiffHalfWidth=rel_hw)
            line += f' | {fmt(o):>9} {fmt(s):>9} {rel * 100:+6.2f}%+/-{rel_hw * 100:4.2f}{flag}'
        records.append(record)
        print(line)
    print()
    for _, _, label in METRICS:
        values = sorted(diffs[label])
        median = values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
        print(f'{label:>10}: |relative difference| median {median * 100:.2f}%, max {values[-1] * 100:.2f}%')
    total_simfaas = sum(r['reqs_total'] for rows in theirs for r in rows)
    total_ours = sum(r['arrived'] for rows in ours for r in rows)
    print(f'wall: SimFaaS {simfaas_wall:.0f} s for {total_simfaas:.3g} requests on {args.processes} processes; ours {ours_wall:.1f} s for {total_ours:.3g} requests on one thread (start-up included)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(dict(variant=variant, replications=args.replications, oursFactor=args.ours_factor, points=records), f, indent=1)


if __name__ == '__main__':
    main()
