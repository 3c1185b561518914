/**
 * Dense factorisations (Cholesky, LU, symmetric eigendecomposition, QR) on row-major {@code
 * double[]} matrices, computed by EJML. Failures (a matrix that is not positive definite, a
 * singular matrix, non-finite input) come back as a status on the result, never as an exception
 * from inside EJML; all four implement {@link io.github.hypergrad4j.linalg.factor.Factorization}
 * (status, message, size, solve). EJML is an optional dependency of this module: callers of this
 * package must have {@code org.ejml:ejml-ddense} on their path (module {@code ejml.ddense}).
 */
package io.github.hypergrad4j.linalg.factor;
