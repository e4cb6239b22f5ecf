import { describe, expect, it } from 'vitest';
import { apiUsdPerRequest, perMillionTokens, requestsPerWorkerMonth } from '../../src/decisions/token-costs.js';

const MIX = { tokensIn: 500, tokensOut: 250, inputShare: 0.2 };

describe('token costs by hand', () => {
  it('$1,000 on 1,000,000 requests of 500 in / 250 out, 20% on the input: $200 / 500M = $0.40 in, $800 / 250M = $3.20 out, $1,000 / 750M = $1.3333 all', () => {
    const cost = perMillionTokens(1000, 1_000_000, MIX);
    expect(cost.inputUsd).toBeCloseTo(0.4, 12);
    expect(cost.outputUsd).toBeCloseTo(3.2, 12);
    expect(cost.blendedUsd).toBeCloseTo(1000 / 750, 12);
  });

  it('no input tokens: no input price, and the blended one over the output tokens alone', () => {
    const cost = perMillionTokens(600, 1_000_000, { tokensIn: 0, tokensOut: 300, inputShare: 0 });
    expect(cost.inputUsd).toBeNull();
    expect(cost.outputUsd).toBeCloseTo(2, 12);
    expect(cost.blendedUsd).toBeCloseTo(2, 12);
  });

  it('a worker with a full batch worth 12.5 requests of 4 s alone serves 730 h x 3600 x 12.5 / 4 = 8,212,500 requests a month', () => {
    expect(requestsPerWorkerMonth(730 * 3600, 12.5, 4)).toBeCloseTo(8_212_500, 6);
  });

  it('the API: 500 x $0.20/M + 250 x $0.60/M = $0.00025 a request', () => {
    expect(apiUsdPerRequest(MIX, { inputUsdPerToken: 0.2e-6, outputUsdPerToken: 0.6e-6 })).toBeCloseTo(0.00025, 15);
  });
});
