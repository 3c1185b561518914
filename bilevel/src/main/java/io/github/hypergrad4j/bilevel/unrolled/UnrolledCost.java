package io.github.hypergrad4j.bilevel.unrolled;

/**
 * What an unrolled hypergradient cost.
 *
 * @param gradients gradients of f or g evaluated: the forward run's T, the final evaluations of
 *     f and g at θ_T, and any the backward pass spent (Adam's, recomputed checkpoint segments, the
 *     steps undone by exact reversal)
 * @param hessianVectorProducts forward-over-reverse sweeps of f, each giving ∇²_θθ f·u and
 *     ∇²_λθ f·u (and ∇f) together: one per backward step in reverse mode, one per step and
 *     direction in forward mode
 * @param peakStoredDoubles the most doubles the trajectory store held at once for the backward
 *     pass (0 in forward mode, which stores nothing)
 * @param informationBufferBits the most bits the exact-reversal buffer held (0 for other stores)
 */
public record UnrolledCost(
    long gradients, long hessianVectorProducts, long peakStoredDoubles, long informationBufferBits) {}
