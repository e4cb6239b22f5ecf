import { describe, expect, it } from 'vitest';
import { assumption } from '../../src/endpoint/assumption.js';

describe('assumptions worded when read', () => {
  it('words an assumption once, on first read, and keeps the words', () => {
    let calls = 0;
    const made = assumption('exec', 4, () => {
      calls++;
      return 'Execution time: 4s.';
    });
    expect(calls).toBe(0);
    expect(made.key).toBe('exec');
    expect(made.value).toBe(4);
    expect(made.text).toBe('Execution time: 4s.');
    expect(made.text).toBe('Execution time: 4s.');
    expect(calls).toBe(1);
  });
});
