package io.github.hypergrad4j.bench.linalg;

import org.openjdk.jmh.annotations.Fork;

/** {@link GemvBenchmark} in a JVM whose kernels are forced to plain Java. */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Dhypergrad4j.linalg.scalar=true"})
public class GemvScalarBenchmark extends GemvBenchmark {}
