/**
 * JMH micro-benchmarks of the compute kernels ({@link dev.sequent.kernels.Kernels}): SGEMM at the
 * shapes the recurrent and convolutional layers produce, in GFLOP/s, for both implementations
 * and 1 or 2 threads. Run {@link dev.sequent.bench.jmh.GemmBenchmarkMain} (JMH) or
 * {@link dev.sequent.bench.jmh.GemmQuick} (a plain timer); see {@code docs/kernels.md}.
 */
package dev.sequent.bench.jmh;
