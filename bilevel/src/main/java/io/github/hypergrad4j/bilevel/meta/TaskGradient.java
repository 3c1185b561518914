package io.github.hypergrad4j.bilevel.meta;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * One task's meta-gradient and what it cost.
 *
 * @param gradient the meta-gradient with respect to φ (for Reptile, its update direction φ − θ_K)
 * @param testLoss L_test at the adapted θ (before any outer step)
 * @param gradients gradients of L_train or L_test evaluated
 * @param hessianVectorProducts Hessian-vector products (forward-over-reverse sweeps) of L_train
 * @param solve iMAML's CG solve (status, iterations, true residual); null for the other methods
 */
public record TaskGradient(
    double[] gradient, double testLoss, long gradients, long hessianVectorProducts, IhvpResult solve) {}
