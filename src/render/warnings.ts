// Warnings the core reports as data (code and values), worded here: the CLI prints each as
// `warning: <text>` on stderr.
import type { CatalogWarning } from '../catalog/load.js';
import { formatDuration } from '../input/units.js';

/** The sentence for a warning, without the `warning: ` prefix or a newline. */
export function renderWarning(warning: CatalogWarning): string {
  switch (warning.code) {
    case 'catalog-age':
      return (
        `the price catalog ${warning.name} is dated ${warning.asOf}, ${warning.ageDays} days ago (over ${formatDuration(warning.maxAgeS)}); ` +
        'prices may have changed. Layer newer prices with --catalog, or raise --max-catalog-age.'
      );
  }
}
