package io.github.hypergrad4j.autodiff;

/**
 * A function's value y = f(x) and its directional derivative ẏ = J(x)·ẋ from one forward pass
 * with tangents (forward mode), with the result's shape.
 */
public record JvpResult(Shape shape, double[] value, double[] tangent) {}
