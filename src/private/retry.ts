/** Waits `ms` milliseconds. Injectable so tests do not wait. */
export type Sleep = (ms: number) => Promise<void>;

/** The real sleep. */
export const sleep: Sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How to retry throttled API calls. */
export interface RetryOptions {
  /**
   * Attempts in all (the first call included).
   * @default 6
   */
  readonly attempts?: number;
  /**
   * Delay before the first retry; doubled for every further retry.
   * @default 500
   */
  readonly baseDelayMs?: number;
  /**
   * Longest delay.
   * @default 20000
   */
  readonly maxDelayMs?: number;
  /**
   * How to wait.
   * @default - setTimeout
   */
  readonly sleep?: Sleep;
}

const THROTTLING_NAMES = ['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'RequestThrottled'];

/**
 * Whether an error says "slow down": AWS throttling errors (by name, HTTP 429 or the SDK's throttling flag) and
 * Google's RESOURCE_EXHAUSTED (gRPC code 8) or HTTP 429.
 */
export function isThrottling(e: unknown): boolean {
  const err = e as { name?: string; code?: unknown; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } } | undefined;
  if (!err) return false;
  return THROTTLING_NAMES.includes(String(err.name))
    || err.$retryable?.throttling === true
    || err.$metadata?.httpStatusCode === 429
    || err.code === 8
    || err.code === 429
    || err.code === 'RESOURCE_EXHAUSTED';
}

/** The delay before retry number `retry` (0-based): exponential, capped. */
export function backoffDelay(retry: number, options: RetryOptions = {}): number {
  return Math.min(options.maxDelayMs ?? 20000, (options.baseDelayMs ?? 500) * 2 ** retry);
}

/** Calls `fn`, retrying with exponential backoff while it is throttled; other errors are thrown at once. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!isThrottling(e) || attempt >= attempts) throw e;
      await wait(backoffDelay(attempt - 1, options));
    }
  }
}
