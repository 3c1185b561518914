package io.github.hypergrad4j.bench.accuracy;

import io.github.hypergrad4j.ihvp.IhvpResult;

/**
 * One row of the study: a solver at a budget on a problem, and what its implicit hypergradient
 * cost and how close it came to the exact one.
 *
 * @param problem the problem's name
 * @param solver the solver
 * @param budget the budget B of products it was configured for
 * @param products the products with ∇²_θθ f the solve reported spending ({@code
 *     operatorApplications}: iterations, sketches, power steps and the final residual check)
 * @param status how the solve ended
 * @param relativeError ‖h − h*‖₂/‖h*‖₂
 * @param cosineSimilarity ⟨h, h*⟩/(‖h‖₂‖h*‖₂)
 * @param relativeResidual the solve's true ‖b − Ax‖₂/‖b‖₂
 * @param millis the median wall time of the whole hypergradient in milliseconds (see {@link
 *     AccuracyStudy})
 */
public record Measurement(
    String problem,
    StudySolver solver,
    int budget,
    long products,
    IhvpResult.Status status,
    double relativeError,
    double cosineSimilarity,
    double relativeResidual,
    double millis) {}
