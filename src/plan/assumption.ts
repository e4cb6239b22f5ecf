/** Something a result depends on that the user should be able to see and change. */
export interface Assumption {
  key: string;
  value: string | number | boolean | null;
  /** The assumption in words, with its source or the flag that changes it. */
  text: string;
}
