// `runpod-plan gpus` as a report: serverless pools (or, with --pods, GPUs with pod prices).
import type { PodListing, PoolListing } from '../../catalog/list.js';
import type { Assumption, CatalogInfo, Report } from '../report.js';

const SECONDS_PER_HOUR = 3600;

export function poolsReport(rows: PoolListing[], catalog: CatalogInfo, assumptions: Assumption[], sameAsFlexSince: string): Report {
  return {
    command: 'gpus',
    title: 'Serverless GPU price classes (per GPU)',
    catalog,
    sections: [
      {
        id: 'pools',
        title: '',
        columns: [
          { key: 'poolId', header: 'Pool', kind: 'text' },
          { key: 'label', header: 'Class', kind: 'text', priority: 3 },
          { key: 'gpus', header: 'GPUs', kind: 'text', priority: 5 },
          { key: 'vramGB', header: 'VRAM GB', kind: 'number', priority: 6 },
          { key: 'flexUsdPerSecond', header: 'Flex $/s', kind: 'price', priority: 2 },
          { key: 'flexUsdPerHour', header: 'Flex $/h', kind: 'price' },
          { key: 'activeUsdPerSecond', header: 'Active $/s', kind: 'price', priority: 1 },
          { key: 'activeUsdPerHour', header: 'Active $/h', kind: 'price', priority: 3 },
          { key: 'activeDiscount', header: 'Active discount', kind: 'percent', priority: 2 },
          { key: 'podSecureUsdPerHour', header: 'Pod Secure $/h', kind: 'price', priority: 4 },
          { key: 'podCommunityUsdPerHour', header: 'Pod Community $/h', kind: 'price', priority: 4 },
          { key: 'podPricesRead', header: 'Pod prices read', kind: 'text', priority: 1 },
        ],
        rows: rows.map((row) => ({
          poolId: row.poolId,
          label: row.label,
          gpus: row.gpus,
          vramGB: row.vramGB,
          flexUsdPerSecond: row.flexUsdPerSecond,
          flexUsdPerHour: row.flexUsdPerSecond * SECONDS_PER_HOUR,
          activeUsdPerSecond: row.activeUsdPerSecond,
          activeUsdPerHour: row.activeUsdPerSecond === null ? null : row.activeUsdPerSecond * SECONDS_PER_HOUR,
          activeDiscount: row.activeDiscount,
          podSecureUsdPerHour: row.podSecureUsdPerHour,
          podCommunityUsdPerHour: row.podCommunityUsdPerHour,
          podPricesRead: row.podPricesRead,
        })),
      },
    ],
    notes:
      rows.length === 0
        ? ['No GPU class matches the filter.']
        : [
            'Pod prices are the cheapest GPU of the class with a known price; `runpod-plan gpus --pods` lists each GPU.',
            ...(rows.some((row) => row.activeRateSource === 'same-as-flex')
              ? [
                  `Active = flex: RunPod bills active and flex workers at the same rate since ${sameAsFlexSince}. The 20-30% active discount the docs showed before is now only negotiated with RunPod's sales: give yours with --active-rate or a catalog layer.`,
                ]
              : []),
            ...(rows.some((row) => row.activeRateSource === 'unpublished')
              ? ['"-" under Active: the catalog states no active rate for that class; cost commands use the flex rate unless you give one.']
              : []),
          ],
    assumptions,
    charts: [],
  };
}

export function podsReport(rows: PodListing[], catalog: CatalogInfo, assumptions: Assumption[]): Report {
  return {
    command: 'gpus',
    title: 'Pod on-demand prices (per GPU-hour)',
    catalog,
    sections: [
      {
        id: 'pods',
        title: '',
        columns: [
          { key: 'gpu', header: 'GPU', kind: 'text' },
          { key: 'poolId', header: 'Serverless pool', kind: 'text', priority: 3 },
          { key: 'vramGB', header: 'VRAM GB', kind: 'number', priority: 4 },
          { key: 'secureUsdPerHour', header: 'Secure $/h', kind: 'price' },
          { key: 'communityUsdPerHour', header: 'Community $/h', kind: 'price' },
          { key: 'retrieved', header: 'Price read', kind: 'text', priority: 1 },
        ],
        rows: rows.map((row) => ({ ...row })),
      },
    ],
    notes: rows.length === 0 ? ['No GPU with pod prices matches the filter.'] : [],
    assumptions,
    charts: [],
  };
}
