/** Everything a command may touch outside the core, passed in so a run can be tested in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Whether stdout is a terminal (colour and progress bars only then). */
  stdoutIsTTY: boolean;
  /**
   * How many columns a table on stdout may take: the terminal's width on a terminal, else COLUMNS when it
   * is set, else null (a pipe or a file gets the full table). See terminalColumns.
   */
  stdoutColumns: number | null;
  /** Whether stderr is a terminal (progress bars only then). */
  stderrIsTTY: boolean;
  /** True once the reader of stdout has gone (`| head`): further output is dropped, long runs stop. */
  stdoutClosed: () => boolean;
  /** Registers a handler for Ctrl-C (SIGINT); returns a function that removes it. */
  onInterrupt: (handler: () => void) => () => void;
  /** Today's date, YYYY-MM-DD, for the catalog-age warning. */
  today: string;
}

/** The real process's IO. `RUNPOD_PLAN_TODAY` pins the date so runs and tests are reproducible. */
export function processIo(): CliIo {
  const today = process.env.RUNPOD_PLAN_TODAY ?? new Date().toISOString().slice(0, 10);
  // `runpod-plan sweep ... | head` closes the pipe early: that is the reader's choice, not an error.
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    stdout: (text) => {
      if (!closed) process.stdout.write(text);
    },
    stdoutClosed: () => closed,
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stdoutColumns: terminalColumns(process.stdout.isTTY === true ? process.stdout.columns : undefined, process.env.COLUMNS),
    stderrIsTTY: process.stderr.isTTY === true,
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    today,
  };
}

/** The narrowest width tables are fitted to: below it, a block of `label: value` lines would wrap anyway. */
export const MIN_COLUMNS = 40;

/**
 * The width stdout's tables fit: a terminal's own width, else COLUMNS when it holds a whole number (a
 * pipe or a CI log told how wide it is), else null for no limit; at least MIN_COLUMNS.
 */
export function terminalColumns(terminal: number | undefined, columnsVariable: string | undefined): number | null {
  const fromVariable = /^\s*\d+\s*$/.test(columnsVariable ?? '') ? Number(columnsVariable) : 0;
  const columns = terminal !== undefined && terminal > 0 ? terminal : fromVariable;
  return columns > 0 ? Math.max(MIN_COLUMNS, columns) : null;
}
