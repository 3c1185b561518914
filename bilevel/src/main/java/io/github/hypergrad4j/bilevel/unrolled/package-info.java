/**
 * Hypergradients through the optimiser: differentiate the validation loss L = g(θ_T, λ) of a
 * whole training run θ₀ → θ_T with respect to the optimiser's schedules, the initial θ₀ and the
 * loss's λ — hyperparameters the implicit function theorem cannot reach, and at a point that need
 * not be an optimum.
 *
 * <ul>
 *   <li><b>Optimisers</b> ({@link io.github.hypergrad4j.bilevel.unrolled.UnrolledOptimizer}):
 *       {@link io.github.hypergrad4j.bilevel.unrolled.Sgd}, {@link
 *       io.github.hypergrad4j.bilevel.unrolled.HeavyBall}, {@link
 *       io.github.hypergrad4j.bilevel.unrolled.MaclaurinMomentum}, {@link
 *       io.github.hypergrad4j.bilevel.unrolled.Nesterov}, {@link
 *       io.github.hypergrad4j.bilevel.unrolled.Adam} and the fixed-point {@link
 *       io.github.hypergrad4j.bilevel.unrolled.ExactReversibleMomentum}; each derives its forward
 *       step, adjoint and tangent in its Javadoc. Every per-step quantity is a {@link
 *       io.github.hypergrad4j.bilevel.unrolled.Schedule}, optionally one value per {@link
 *       io.github.hypergrad4j.bilevel.unrolled.ParameterGroups group} (e.g. per layer).
 *   <li><b>Reverse mode</b> ({@link io.github.hypergrad4j.bilevel.unrolled.ReverseModeHypergradient}):
 *       the forward run, then the backward recursion over the optimiser's state, one
 *       forward-over-reverse sweep per step; the trajectory {@link
 *       io.github.hypergrad4j.bilevel.unrolled.TrajectoryStore stored}, checkpointed or reversed
 *       exactly (bit-identical results); optionally truncated to the last K steps. It implements
 *       {@link io.github.hypergrad4j.bilevel.Hypergradient} for λ.
 *   <li><b>Forward mode</b> ({@link io.github.hypergrad4j.bilevel.unrolled.ForwardModeHypergradient}):
 *       tangents along a few {@link io.github.hypergrad4j.bilevel.unrolled.Direction}s carried
 *       with the run; no storage.
 *   <li><b>Results</b> ({@link io.github.hypergrad4j.bilevel.unrolled.UnrolledResult}): the
 *       hypergradients, the final losses, the history of training losses, a status instead of
 *       NaN, and the {@link io.github.hypergrad4j.bilevel.unrolled.UnrolledCost cost}.
 * </ul>
 *
 * <pre>{@code
 * int steps = 50;
 * UnrolledOptimizer sgd = HeavyBall.of(Schedule.constant(steps, 0.1), Schedule.constant(steps, 0.9));
 * UnrolledResult r = ReverseModeHypergradient.builder(sgd)
 *     .store(TrajectoryStore.checkpointed())
 *     .miniBatches(MiniBatches.seeded(64, 7))
 *     .build()
 *     .run(problem, lambda);
 * double[] dLdAlpha = r.gradient(HyperparameterKind.LEARNING_RATE);   // one per step
 * double[] dLdLambda = r.gradient(HyperparameterKind.LAMBDA);
 * UnrolledOptimizer next = sgd.withSchedule(HyperparameterKind.LEARNING_RATE,
 *     sgd.schedule(HyperparameterKind.LEARNING_RATE).plus(-0.01, dLdAlpha));   // an outer step
 * }</pre>
 */
package io.github.hypergrad4j.bilevel.unrolled;
