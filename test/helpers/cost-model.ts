// Shared by the cost-model tests (test/model/*, test/decisions/breakeven-solver.test.ts): reference prices,
// the Infracost-shape check and the fast-check arbitraries of realistic inputs.
import fc from 'fast-check';
import { expect } from 'vitest';
import { monthSeconds, type CostEstimate } from '../../src/model/line-items.js';

export const MONTH_S = monthSeconds(); // 730 h = 2,628,000 s
export const DAY_S = 86_400;

/** Catalog pod storage rates (docs /pods/pricing): $0.10 container, $0.10 volume running, $0.20 stopped. */
export const POD_STORAGE = {
  containerDiskUsdPerGBMonth: 0.1,
  volumeRunningUsdPerGBMonth: 0.1,
  volumeStoppedUsdPerGBMonth: 0.2,
};

/** One line item's quantity by name. */
export function quantityOf(estimate: CostEstimate, name: string): number {
  const item = estimate.lineItems.find((line) => line.name === name);
  if (!item) throw new Error(`no line item "${name}" in ${estimate.lineItems.map((line) => line.name).join(', ')}`);
  return item.quantity;
}

/** Checks the Infracost shape: non-negative quantities, monthly = quantity x price exactly, total = sum. */
export function expectWellFormed(estimate: CostEstimate): void {
  let total = 0;
  for (const item of estimate.lineItems) {
    expect(item.quantity).toBeGreaterThanOrEqual(0);
    expect(item.unitPriceUsd).toBeGreaterThanOrEqual(0);
    expect(item.monthlyUsd).toBe(item.quantity * item.unitPriceUsd);
    total += item.monthlyUsd;
  }
  expect(estimate.monthlyUsd).toBe(total);
  expect(estimate.monthlyUsd).toBeGreaterThanOrEqual(0);
}

/** A log-uniform double in [min, max]: realistic domains span decades. */
export const logUniform = (min: number, max: number) =>
  fc.double({ min: Math.log(min), max: Math.log(max), noNaN: true }).map((x) => Math.min(max, Math.max(min, Math.exp(x))));

export const RUNS = { numRuns: 150 };
