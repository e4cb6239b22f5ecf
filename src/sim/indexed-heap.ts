// A binary min-heap of one pending time per key (keys 0..capacity-1), on typed arrays, whose keys can be
// moved or removed in O(log n): the simulator's workers whose requests share the GPU (a concurrency table)
// each have one next event, which moves whenever a request joins or leaves. Ties come out in key order,
// so the order of events at one instant is deterministic and independent of the order they were set in.
// Algorithm: the textbook indexed priority queue (Sedgewick and Wayne, Algorithms 4th ed., section 2.4).

/** Min-heap of (time, key) with at most one entry per key. */
export class IndexedHeap {
  /** Heap-ordered keys. */
  private readonly keys: Int32Array;
  /** Each key's time (valid while it is in the heap). */
  private readonly times: Float64Array;
  /** Each key's position in `keys`, -1 when absent. */
  private readonly positions: Int32Array;
  /** Keys held. */
  size = 0;

  constructor(capacity: number) {
    this.keys = new Int32Array(Math.max(1, capacity));
    this.times = new Float64Array(Math.max(1, capacity));
    this.positions = new Int32Array(Math.max(1, capacity)).fill(-1);
  }

  /** Time of the earliest entry (Infinity when empty). */
  topTime(): number {
    return this.size > 0 ? (this.times[this.keys[0] as number] as number) : Infinity;
  }

  /** Key of the earliest entry (call only when size > 0). */
  topKey(): number {
    return this.keys[0] as number;
  }

  /** Sets key's time, adding it or moving it. */
  set(key: number, time: number): void {
    const at = this.positions[key] as number;
    this.times[key] = time;
    if (at < 0) {
      const i = this.size++;
      this.keys[i] = key;
      this.positions[key] = i;
      this.up(i);
    } else {
      this.up(at);
      this.down(this.positions[key] as number);
    }
  }

  /** Removes key (no-op when absent). */
  remove(key: number): void {
    const at = this.positions[key] as number;
    if (at < 0) return;
    const last = --this.size;
    this.positions[key] = -1;
    if (at === last) return;
    const moved = this.keys[last] as number;
    this.keys[at] = moved;
    this.positions[moved] = at;
    this.up(at);
    this.down(this.positions[moved] as number);
  }

  /** Whether a sits before b: earlier time, or the same time and a lower key. */
  private before(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && a < b);
  }

  private up(i: number): void {
    const keys = this.keys;
    const key = keys[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = keys[parent] as number;
      if (!this.before(key, above)) break;
      keys[i] = above;
      this.positions[above] = i;
      i = parent;
    }
    keys[i] = key;
    this.positions[key] = i;
  }

  private down(i: number): void {
    const keys = this.keys;
    const key = keys[i] as number;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.before(keys[child + 1] as number, keys[child] as number)) child++;
      const below = keys[child] as number;
      if (!this.before(below, key)) break;
      keys[i] = below;
      this.positions[below] = i;
      i = child;
    }
    keys[i] = key;
    this.positions[key] = i;
  }
}
