package io.github.hypergrad4j.autodiff;

/**
 * Everything one forward-over-reverse sweep of a scalar f(x₁, …, x_k) yields, for tangents t_j
 * seeded on some inputs (the others zero):
 *
 * <ul>
 *   <li>{@code value} = f;
 *   <li>{@code directionalDerivative} = Σ_j ∇_j f · t_j;
 *   <li>{@code gradients[i]} = ∇_{x_i} f;
 *   <li>{@code hessianTangents[i]} = Σ_j ∇²_{x_i x_j} f · t_j.
 * </ul>
 *
 * With inputs (θ, λ) and the tangent v on θ alone: {@code gradients} are ∇_θ f and ∇_λ f, and
 * {@code hessianTangents} are ∇²_θθ f·v and ∇²_λθ f·v — the mixed term of the implicit
 * hypergradient, at no cost beyond the sweep.
 */
public record SecondOrderSweep(
    double value, double directionalDerivative, double[][] gradients, double[][] hessianTangents) {}
