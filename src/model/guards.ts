// Argument guards of the pure model. Callers validate user input (with file, line and field), so a guard
// that fires is a bug: it throws a RangeError naming the argument and its value.
//
// Each guard is a comparison and a call: the message is built out of line (in `invalid`), so V8 inlines the
// guards into the model's hot functions (bench/cost) without template strings counting against its inlining
// budget.

/** The RangeError for an argument outside its range, e.g. `execS must be a non-negative number, got -1`. */
function invalid(name: string, expected: string, value: number): RangeError {
  return new RangeError(`${name} must be ${expected}, got ${String(value)}`);
}

/** Throws for a negative or NaN argument. */
export function requireNonNegative(name: string, value: number): void {
  if (!(value >= 0)) throw invalid(name, 'a non-negative number', value);
}

/** Throws unless the argument is above 0. */
export function requirePositive(name: string, value: number): void {
  if (!(value > 0)) throw invalid(name, 'positive', value);
}

/** Throws unless 0 <= value <= 1. */
export function requireFraction(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw invalid(name, 'a fraction in [0, 1]', value);
}

/** Throws unless 0 < value <= 1 (a target share that cannot be 0). */
export function requirePositiveFraction(name: string, value: number): void {
  if (!(value > 0 && value <= 1)) throw invalid(name, 'in (0, 1]', value);
}

/** Throws unless the argument is a whole number, 0 or more (a count of workers, servers or pods). */
export function requireWholeCount(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw invalid(name, 'a whole number, 0 or more', value);
}

/** Throws unless value <= limit; `limitText` names the limit, e.g. `at most coldStartS (20)`. */
export function requireAtMost(name: string, value: number, limit: number, limitText: string): void {
  if (!(value <= limit)) throw invalid(name, limitText, value);
}

/** Throws unless value < limit; `limitText` names the limit, e.g. `below 1 (a stable worker)`. */
export function requireBelow(name: string, value: number, limit: number, limitText: string): void {
  if (!(value < limit)) throw invalid(name, limitText, value);
}
