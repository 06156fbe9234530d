/**
 * Recent failure instants per key (a username or an IP) in a sliding window, with a bounded number of keys.
 *
 * The map is kept in order of each key's latest failure (a key is re-inserted on every failure), so both the
 * eviction of the oldest key and the purge of expired keys only ever look at the front of the map.
 */
export class SlidingFailureCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  /** Number of keys currently tracked. */
  get size(): number {
    return this.failures.size;
  }

  /** Milliseconds until the key may try again, or undefined while it is under its limit. */
  blockedForMs(key: string, now: number): number | undefined {
    const counted = this.live(key, now);
    if (counted.length < this.maxFailures) {
      return undefined;
    }
    // Only the newest maxFailures instants are kept, so the oldest kept is the one whose expiry lifts the block.
    return counted[0] + this.windowMs - now;
  }

  recordFailure(key: string, now: number): void {
    const counted = this.live(key, now);
    counted.push(now);
    // Older instants can no longer change the answer: the block lifts when the oldest of the newest maxFailures
    // leaves the window. Dropping them keeps each key's memory at maxFailures numbers.
    const kept = counted.slice(-this.maxFailures);
    this.failures.delete(key);
    this.failures.set(key, kept);
    this.evictOverflow();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  /** Drops every key whose latest failure has left the window, stopping at the first one still live. */
  purgeExpired(now: number): void {
    for (const [key, instants] of this.failures) {
      if (isLive(instants[instants.length - 1], now, this.windowMs)) {
        return;
      }
      this.failures.delete(key);
    }
  }

  private live(key: string, now: number): number[] {
    const instants = this.failures.get(key);
    return instants ? instants.filter((instant) => isLive(instant, now, this.windowMs)) : [];
  }

  private evictOverflow(): void {
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) {
        return;
      }
      this.failures.delete(key);
    }
  }
}

/** A failure counts from its instant until exactly windowMs later. */
function isLive(instant: number, now: number, windowMs: number): boolean {
  return now < instant + windowMs;
}
