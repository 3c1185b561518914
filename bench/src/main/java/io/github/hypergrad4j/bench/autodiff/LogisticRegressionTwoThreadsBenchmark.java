package io.github.hypergrad4j.bench.autodiff;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link LogisticRegressionBenchmark} with the kernels on two threads: the speed-up over the
 * one-thread run of the same suite (results are bit-identical to it).
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.threads=2", "-Xmx4g"})
public class LogisticRegressionTwoThreadsBenchmark extends LogisticRegressionBenchmark {}
