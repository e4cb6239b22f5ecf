/** Something a result depends on that the user should be able to see and change. */
export interface Assumption {
  readonly key: string;
  readonly value: string | number | boolean | null;
  /** The assumption in words, with its source or the flag that changes it. */
  readonly text: string;
}

/**
 * An assumption worded only when its text is read. A sweep resolves every point's setup, with its half a
 * dozen assumptions, and shows none of them: wording them (numbers and durations formatted) was a sixth of
 * a closed-form point's time. Reports read `text` as before, and get the same words.
 */
class LazyAssumption implements Assumption {
  private worded: string | undefined = undefined;

  constructor(
    readonly key: string,
    readonly value: Assumption['value'],
    private readonly word: () => string,
  ) {}

  get text(): string {
    if (this.worded === undefined) this.worded = this.word();
    return this.worded;
  }
}

/** An assumption whose words `word` gives when first read. */
export function assumption(key: string, value: Assumption['value'], word: () => string): Assumption {
  return new LazyAssumption(key, value, word);
}
