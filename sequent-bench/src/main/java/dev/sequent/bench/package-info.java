/**
 * Reference workloads (W1-W4 and the chapter's experiments) timed in samples per second, and JMH kernel benchmarks.
 */
package dev.sequent.bench;
