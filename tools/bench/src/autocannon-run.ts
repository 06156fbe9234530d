import autocannon from 'autocannon';

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** One bounded autocannon run against a loopback URL (never another address: see env rules). */
export async function runLoad(label: string, url: string, headers: Record<string, string>, seconds: number, connections = 50): Promise<LoadResult> {
  if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url)) {
    throw new Error(`bench targets loopback only, not ${url}`);
  }
  const result = await autocannon({ url, headers, connections, duration: seconds, pipelining: 1 });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
