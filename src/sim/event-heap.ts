// A binary min-heap of timed events on typed arrays: one Float64Array of times and one Int32Array of
// payloads, fixed capacity, no object per event. The simulator knows its bound in advance (at most one
// completion per job slot plus one "start finished" per flex worker), so the heap never grows.
// Algorithm: the textbook array heap (Williams 1964; CLRS chapter 6) with hole-moving sift-up/down.

/** Fixed-capacity min-heap of (time, payload) pairs ordered by time; ties come out in an unspecified but deterministic order. */
export class EventHeap {
  /** Event times, heap-ordered. */
  private readonly times: Float64Array;
  /** Event payloads, parallel to times. */
  private readonly payloads: Int32Array;
  /** Number of events held. */
  size = 0;

  /** Holds at most capacity events; push beyond it throws (a simulator bug). */
  constructor(readonly capacity: number) {
    this.times = new Float64Array(Math.max(1, capacity));
    this.payloads = new Int32Array(Math.max(1, capacity));
  }

  /** Time of the earliest event (Infinity when empty). */
  topTime(): number {
    return this.size > 0 ? (this.times[0] as number) : Infinity;
  }

  /** Payload of the earliest event (call only when size > 0). */
  topPayload(): number {
    return this.payloads[0] as number;
  }

  /** Adds an event. */
  push(time: number, payload: number): void {
    if (this.size === this.capacity) throw new RangeError(`EventHeap: capacity ${this.capacity} exceeded`);
    const times = this.times;
    const payloads = this.payloads;
    let i = this.size++;
    // Move the hole up past every parent later than the new event.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent] as number;
      if (parentTime <= time) break;
      times[i] = parentTime;
      payloads[i] = payloads[parent] as number;
      i = parent;
    }
    times[i] = time;
    payloads[i] = payload;
  }

  /** Removes the earliest event (call only when size > 0; read it first with topTime/topPayload). */
  pop(): void {
    const times = this.times;
    const payloads = this.payloads;
    const last = --this.size;
    if (last === 0) return;
    const time = times[last] as number;
    const payload = payloads[last] as number;
    // Move the hole down from the root, pulling up the earlier child, until the last event fits.
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (times[right] as number) < (times[child] as number)) child = right;
      const childTime = times[child] as number;
      if (childTime >= time) break;
      times[i] = childTime;
      payloads[i] = payloads[child] as number;
      i = child;
    }
    times[i] = time;
    payloads[i] = payload;
  }
}
