// The Infracost-shaped line-item table every cost report shows: owner, item, quantity, unit, unit price,
// monthly cost. One builder, so the columns read the same in compare, simulate, estimate and check.
import type { LineItem } from '../../model/line-items.js';
import type { Column, Row, Section } from '../report.js';

/** A line item and what it belongs to (an option of `compare`, a resource of a plan), if anything. */
export interface OwnedLineItem {
  owner?: string;
  item: LineItem;
}

/** `owner` names the owner column (its JSON key and header), or null when the items have no owner. */
export function lineItemsSection(items: OwnedLineItem[], owner: { key: string; header: string } | null, title = 'Line items'): Section {
  const columns: Column[] = [
    ...(owner === null ? [] : [{ key: owner.key, header: owner.header, kind: 'text' } satisfies Column]),
    { key: 'item', header: 'Item', kind: 'text' },
    { key: 'quantity', header: 'Quantity', kind: 'number', priority: 2 },
    { key: 'unit', header: 'Unit', kind: 'text', priority: 1 },
    { key: 'unitPriceUsd', header: 'Unit price', kind: 'price', priority: 3 },
    { key: 'monthlyUsd', header: '$/month', kind: 'usd' },
  ];
  const rows: Row[] = items.map((entry) => ({
    ...(owner === null ? {} : { [owner.key]: entry.owner ?? null }),
    item: entry.item.name,
    quantity: entry.item.quantity,
    unit: entry.item.unit,
    unitPriceUsd: entry.item.unitPriceUsd,
    monthlyUsd: entry.item.monthlyUsd,
  }));
  return { id: 'lineItems', title, columns, rows };
}
