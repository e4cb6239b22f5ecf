// The endpoint's FIFO job queue as a growable ring buffer of arrival times. Jobs are addressed by an
// absolute sequence number (head <= seq < tail), which lets the queue-delay scaler keep a pointer to the
// next job whose wait will cross the threshold without searching. Memory grows only with the backlog
// (the most jobs queued at once), never with the number of jobs that pass through.

/** A FIFO of job arrival times with absolute sequence numbers. */
export class JobQueue {
  /** Ring storage; its length is a power of two so seq & mask is the slot. */
  private buffer = new Float64Array(64);
  /** buffer.length - 1. */
  private mask = 63;
  /** Sequence number of the oldest queued job. */
  head = 0;
  /** Sequence number the next pushed job gets. */
  tail = 0;
  /** The most jobs queued at once. */
  peakLength = 0;

  /** Jobs queued. */
  get length(): number {
    return this.tail - this.head;
  }

  /** Bytes of ring storage allocated (what the queue holds in memory). */
  get bufferBytes(): number {
    return this.buffer.byteLength;
  }

  /** Appends a job that arrived at arrivalS. */
  push(arrivalS: number): void {
    const length = this.tail - this.head;
    if (length === this.buffer.length) this.grow();
    if (length >= this.peakLength) this.peakLength = length + 1;
    // `&` takes the sequence number mod 2^32 first, which keeps the low bits right past 2^31 jobs.
    this.buffer[this.tail & this.mask] = arrivalS;
    this.tail++;
  }

  /** Removes and returns the oldest job's arrival time (call only when length > 0). */
  shift(): number {
    const value = this.buffer[this.head & this.mask] as number;
    this.head++;
    return value;
  }

  /** Arrival time of the queued job with sequence number seq (head <= seq < tail). */
  at(seq: number): number {
    return this.buffer[seq & this.mask] as number;
  }

  /** Doubles the ring, keeping every queued job at its sequence number's new slot. */
  private grow(): void {
    const old = this.buffer;
    const oldMask = this.mask;
    this.buffer = new Float64Array(old.length * 2);
    this.mask = this.buffer.length - 1;
    for (let seq = this.head; seq < this.tail; seq++) this.buffer[seq & this.mask] = old[seq & oldMask] as number;
  }
}
