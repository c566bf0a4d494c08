// The runner a conformance suite is given: the test function and expect of the test
// framework the adapter's own tests use (vitest, or anything with the same shape). The
// suites never import a runner themselves, so a suite runs under whichever one the
// integrator has — vitest and fast-check are peer dependencies, not dependencies.

/** A test body: may be async; a thrown error or rejected promise fails the test. */
export type TestBody = () => void | Promise<void>;

/**
 * 测试函数 — the runner's `test` (or `it`): `test(name, body, timeoutMs?)`. vitest's `test`
 * fits as is.
 */
export type TestFunction = (name: string, body: TestBody, timeout?: number) => unknown;

/**
 * 断言 — the subset of `expect` the suites use (vitest's and Jest's `expect` fit). Matchers
 * are called on `expect(value)`; a failing matcher throws.
 */
export type Expect = (actual: unknown, message?: string) => Assertion;

/** The matchers the suites call on `expect(value)`. */
export interface Assertion {
  /** `Object.is` equality. */
  toBe(expected: unknown): void;
  /** Deep equality. */
  toEqual(expected: unknown): void;
  /** Truthiness. */
  toBeTruthy(): void;
  /** Strictly greater than. */
  toBeGreaterThan(expected: number): void;
  /** Greater than or equal. */
  toBeGreaterThanOrEqual(expected: number): void;
  /** Strictly less than. */
  toBeLessThan(expected: number): void;
  /** `length` equals. */
  toHaveLength(expected: number): void;
  /** Negated matchers. */
  readonly not: Omit<Assertion, "not">;
}

/** What every suite is given: the runner, and how long one test may run. */
export interface SuiteRunner {
  /** The runner's `test`. */
  readonly test: TestFunction;
  /** The runner's `expect`. */
  readonly expect: Expect;
  /** Timeout passed to each test, in milliseconds (default 30 000). */
  readonly timeout?: number;
}
