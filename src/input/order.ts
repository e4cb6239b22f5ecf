// Text in a fixed order, the same on every machine: by UTF-16 code units. `localeCompare` follows the
// machine's locale (and its ICU data), so two machines could print the same rows in different orders.

/** Compares two strings by code units: a stable, locale-free order for sorting names. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
