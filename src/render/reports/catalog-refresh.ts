// `runpod-plan catalog refresh` in words: the line it prints once the layer is written, and its warnings.
import type { RefreshResult, RefreshWarning } from '../../catalog/api-catalog.js';

/** The sentence for a refresh warning, without the `warning: ` prefix or a newline. */
export function renderRefreshWarning(warning: RefreshWarning): string {
  switch (warning.code) {
    case 'pools-kept':
      return (
        `no price in the response for ${warning.pools.map((pool) => `${pool.poolId} (read ${pool.retrieved})`).join(', ')}: ` +
        'kept from the bundled catalog, with their old dates'
      );
    case 'pools-unpriced':
      return `the response puts ${warning.gpus.join(', ')} in ${warning.pools.join(', ')}, which it gives no price for and the bundled catalog lacks: left out of serverless`;
  }
}

/** The line a successful refresh prints: what was written, from where, and how much of it. */
export function renderRefreshSummary(result: RefreshResult, file: string, source: string, attempts: number): string {
  const { poolsPriced, gpusRead, gpusAdded } = result;
  const retried = attempts > 1 ? ` after ${attempts - 1} ${attempts === 2 ? 'retry' : 'retries'}` : '';
  return (
    `wrote ${file}: ${poolsPriced} serverless ${poolsPriced === 1 ? 'pool' : 'pools'} and ${gpusRead} GPU ${gpusRead === 1 ? 'type' : 'types'}` +
    `${gpusAdded > 0 ? ` (${gpusAdded} new)` : ''} from ${source}${retried}, as of ${result.layer.asOf}; use it with --catalog ${file}`
  );
}
