// How a sweep writes besides its rows: the progress bar on a terminal (its line worded in
// render/sweep-status.ts), and the chunked writer its rows go through.
import { describeProgress } from '../render/sweep-status.js';
import type { CliContext } from './context.js';

/** Points done, rate and time left, redrawn on stderr at most ten times a second, only on a terminal. */
export function progressBar(io: CliContext['io'], total: number, started: number) {
  let done = 0;
  let drawn = 0;
  const draw = () => io.stderr(describeProgress(done, total, (Date.now() - started) / 1000));
  return {
    tick() {
      done++;
      if (!io.stderrIsTTY) return;
      const now = Date.now();
      if (now - drawn >= 100 || done === total) {
        drawn = now;
        draw();
      }
    },
    done() {
      if (drawn > 0) io.stderr('\n');
    },
  };
}

/** Bytes of rows held before they are written, and the longest they wait. */
export const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 100;

/**
 * Rows streamed in chunks: a write per row was a fifth of a closed-form sweep's time. A chunk is written
 * once it holds 64 KB or its first row has waited 100 ms, so rows still arrive as the sweep runs. The wait
 * is checked at every point (`poll`), not only at the next row: with --where, the next row may be far off.
 */
export function streamingWriter(io: CliContext['io'], flushBytes: number) {
  let held: string[] = [];
  let heldBytes = 0;
  let since = 0;
  const flush = () => {
    if (held.length === 0) return;
    io.stdout(held.join(''));
    held = [];
    heldBytes = 0;
  };
  const poll = () => {
    if (held.length > 0 && Date.now() - since >= FLUSH_MS) flush();
  };
  return {
    write(text: string) {
      if (text === '') return;
      if (held.length === 0) since = Date.now();
      held.push(text);
      heldBytes += text.length;
      if (heldBytes >= flushBytes) flush();
      else poll();
    },
    /** Writes the held rows if the first has waited long enough. */
    poll,
    flush,
  };
}
