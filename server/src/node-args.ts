// How Node.js runs the server: `npm start`, the Dockerfile, and the tests and benchmarks that spawn it use these.
/**
 * A 64 MB young generation instead of the default 16 MB. Under a surge each join waits tens of milliseconds for its
 * group commit, so with the default most requests were still alive at a scavenge and got copied and promoted:
 * scavenges took 1.0 s per 40,000 joins, and 0.25 s with this (measured with --trace-gc, bench/surge).
 */
export const SERVER_NODE_ARGS = ['--max-semi-space-size=64', '--import', 'tsx'] as const
