import type { CatalogInfo } from './report.js';

/** What a renderer needs beyond the report. */
export interface RenderOptions {
  /** Colour for terminal tables; false for NO_COLOR, --no-color and pipes. */
  color: boolean;
  /** The tool's version, named in the JSON envelope. */
  toolVersion: string;
  /** The columns terminal tables and prose fit in (the terminal's width, or COLUMNS); none for the full table. */
  width?: number;
}

/** One line naming the catalog: its name, date, the files layered and any discount. */
export function describeCatalog(catalog: CatalogInfo): string {
  const parts = [`Catalog: ${catalog.name} (as of ${catalog.asOf})`];
  if (catalog.files.length > 1) parts.push(`layered from ${catalog.files.join(' + ')}`);
  if (catalog.overrides.length > 0) parts.push(`${catalog.overrides.length} value(s) overridden`);
  if (catalog.discount > 0) parts.push(`discount ${+(catalog.discount * 100).toPrecision(10)}% on GPU compute prices`);
  return parts.join('; ');
}
