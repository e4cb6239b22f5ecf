// Job records put in order of submission, in bounded memory. A client that logs each job when it finishes
// writes them out of submission order by up to a job's delay and execution; a buffer that holds the last
// `windowMs` of records (a min-heap on submission time) puts such a log back in order. A record further
// back than that is refused, naming it: the log is not in order (sort it, or widen the window). A job seen
// twice (a status poll logged each time) is refused too: its id comes again within the window.
import type { InputError } from './error.js';
import { formatInstant } from './instants.js';
import { recordError, type JobRecord } from './job-records.js';

/** Passes records on in submission order; call finish() after the last. */
export class RecordOrder {
  /**
   * Waiting records that came in order, oldest first (a queue read from `runHead`): a log already in
   * order costs no heap work. Those that came out of order wait in the heap.
   */
  private run: JobRecord[] = [];
  private runHead = 0;
  /** The heap of waiting records that came out of order, ordered by (submittedMs, arrival sequence). */
  private readonly heap: { record: JobRecord; seq: number }[] = [];
  private seq = 0;
  private newestMs = -Infinity;
  /** The submission time of the last record passed on: nothing earlier may come after it. */
  private releasedMs = -Infinity;
  /** Ids passed on within the window, with where each was read; and their order, to forget the oldest. */
  private readonly recentIds = new Map<string, JobRecord>();
  private readonly idQueue: { id: string; ms: number }[] = [];
  private idHead = 0;
  /** The most records waiting at once. */
  peakWaiting = 0;

  constructor(
    private readonly windowMs: number,
    private readonly windowText: string,
    private readonly onRecord: (record: JobRecord) => void,
  ) {}

  push(record: JobRecord): void {
    if (record.submittedMs < this.releasedMs) throw this.outOfOrder(record);
    const last = this.run.length > this.runHead ? (this.run[this.run.length - 1] as JobRecord).submittedMs : this.releasedMs;
    if (record.submittedMs >= last) {
      this.run.push(record);
    } else {
      this.heap.push({ record, seq: this.seq++ });
      this.up(this.heap.length - 1);
    }
    const waiting = this.run.length - this.runHead + this.heap.length;
    if (waiting > this.peakWaiting) this.peakWaiting = waiting;
    if (record.submittedMs > this.newestMs) this.newestMs = record.submittedMs;
    for (;;) {
      const next = this.nextMs();
      if (!(next < this.newestMs - this.windowMs)) break;
      this.release();
    }
  }

  finish(): void {
    while (this.nextMs() < Infinity) this.release();
  }

  /** The submission time of the next record to pass on; Infinity when none waits. */
  private nextMs(): number {
    const fromRun = this.runHead < this.run.length ? (this.run[this.runHead] as JobRecord).submittedMs : Infinity;
    const fromHeap = this.heap.length > 0 ? (this.heap[0] as { record: JobRecord }).record.submittedMs : Infinity;
    return Math.min(fromRun, fromHeap);
  }

  /** Takes the next record: the run's head or the heap's top, whichever is older (the run's on a tie: it came first). */
  private take(): JobRecord {
    const fromRun = this.runHead < this.run.length ? (this.run[this.runHead] as JobRecord).submittedMs : Infinity;
    const fromHeap = this.heap.length > 0 ? (this.heap[0] as { record: JobRecord }).record.submittedMs : Infinity;
    if (fromRun <= fromHeap) {
      const record = this.run[this.runHead++] as JobRecord;
      if (this.runHead > 4096 && this.runHead * 2 > this.run.length) {
        this.run = this.run.slice(this.runHead);
        this.runHead = 0;
      }
      return record;
    }
    const top = this.heap[0] as { record: JobRecord };
    const last = this.heap.pop() as { record: JobRecord; seq: number };
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    return top.record;
  }

  private outOfOrder(record: JobRecord): InputError {
    return recordError(
      record,
      'createdAt',
      `out of order: submitted ${formatInstant(record.submittedMs)}, more than ${this.windowText} before a job read earlier (${formatInstant(this.newestMs)}); sort the records by submission time, or widen --reorder-window`,
    );
  }

  private release(): void {
    const record = this.take();
    this.releasedMs = record.submittedMs;
    if (record.id !== null) {
      // Forget ids older than the window: a job logged twice is logged close together.
      while (this.idHead < this.idQueue.length && (this.idQueue[this.idHead]?.ms as number) < record.submittedMs - this.windowMs) {
        const old = this.idQueue[this.idHead++] as { id: string; ms: number };
        if (this.recentIds.get(old.id)?.submittedMs === old.ms) this.recentIds.delete(old.id);
      }
      if (this.idHead > 4096 && this.idHead * 2 > this.idQueue.length) {
        this.idQueue.splice(0, this.idHead);
        this.idHead = 0;
      }
      const first = this.recentIds.get(record.id);
      if (first !== undefined) {
        const where = first.line !== null ? `${first.file}:${first.line}` : `${first.file} record ${first.index ?? 0}`;
        throw recordError(record, 'id', `duplicate id ${JSON.stringify(record.id)}, first read at ${where}: each job once (a log of every status poll repeats its job)`);
      }
      this.recentIds.set(record.id, record);
      this.idQueue.push({ id: record.id, ms: record.submittedMs });
    }
    this.onRecord(record);
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a] as { record: JobRecord; seq: number };
    const y = this.heap[b] as { record: JobRecord; seq: number };
    return x.record.submittedMs < y.record.submittedMs || (x.record.submittedMs === y.record.submittedMs && x.seq < y.seq);
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < this.heap.length && this.less(left, least)) least = left;
      if (right < this.heap.length && this.less(right, least)) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a] as { record: JobRecord; seq: number };
    this.heap[a] = this.heap[b] as { record: JobRecord; seq: number };
    this.heap[b] = t;
  }
}
