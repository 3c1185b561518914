package io.github.hypergrad4j.bench.linalg;

import org.openjdk.jmh.annotations.Fork;

/** {@link Level1Benchmark} in a JVM whose kernels are forced to plain Java. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.scalar=true"})
public class Level1ScalarBenchmark extends Level1Benchmark {}
