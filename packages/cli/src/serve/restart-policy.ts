/**
 * When the primary replaces a worker that died: at once or nearly (after `baseMs`) when it had been
 * serving a while, with a doubling delay when workers die soon after they start (a bad configuration,
 * a database refusing connections), and never again after `maxEarlyDeaths` such deaths in a row: a
 * worker that cannot start would otherwise be forked forever.
 */
export interface RestartPolicyOptions {
  readonly baseMs?: number;
  readonly maxDelayMs?: number;
  /** A worker that lived less than this died "at start". */
  readonly stableMs?: number;
  readonly maxEarlyDeaths?: number;
}

export interface RestartPolicy {
  /** The delay before its replacement starts, or undefined: give up. */
  afterDeath(livedMs: number): number | undefined;
}

export function restartPolicy(options: RestartPolicyOptions = {}): RestartPolicy {
  const { baseMs = 500, maxDelayMs = 30_000, stableMs = 10_000, maxEarlyDeaths = 5 } = options;
  let earlyDeaths = 0;
  return {
    afterDeath(livedMs) {
      earlyDeaths = livedMs < stableMs ? earlyDeaths + 1 : 0;
      if (earlyDeaths >= maxEarlyDeaths) return undefined;
      return Math.min(maxDelayMs, baseMs * 2 ** earlyDeaths);
    },
  };
}
