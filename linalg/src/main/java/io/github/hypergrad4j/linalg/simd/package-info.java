/**
 * The kernels on the incubating Vector API: the only package of hypergrad4j that imports {@code
 * jdk.incubator.vector}. Its classes are loaded (reflectively, by {@code BackendSelector}) only
 * after that module has been found in the boot layer; no type from it appears in any public
 * signature.
 */
package io.github.hypergrad4j.linalg.simd;
