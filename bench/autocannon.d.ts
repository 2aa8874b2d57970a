/** The part of autocannon 9's API the bench uses (the package ships no types and none are installed). */
declare module 'autocannon' {
  export type Percentiles = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p0_001: number;
    p0_01: number;
    p0_1: number;
    p1: number;
    p2_5: number;
    p10: number;
    p25: number;
    p50: number;
    p75: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
    p99_99: number;
    p99_999: number;
  };

  export type Result = {
    url: string;
    connections: number;
    /** seconds */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    /** milliseconds */
    latency: Percentiles & { totalCount: number };
    /** per-second samples; `total` is the number of completed requests */
    requests: Percentiles & { sent: number };
    throughput: Percentiles;
  };

  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    timeout?: number;
    pipelining?: number;
    workers?: number;
    /** a sequence of requests each connection cycles through; `setupRequest` may rewrite each one before it is sent */
    requests?: { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown> }[];
  };

  type Instance = PromiseLike<Result> & { on(event: string, listener: (...args: unknown[]) => void): void };

  function autocannon(options: Options): Instance;
  export default autocannon;
}
