/**
 * Bilevel optimisation: problems f(θ, λ) / g(θ, λ), inner optimisers for θ, hypergradients dg/dλ
 * (implicit, by the implicit function theorem), and the outer loop that tunes λ. See {@link
 * io.github.hypergrad4j.bilevel.ImplicitHypergradient} for the derivation.
 */
module io.github.hypergrad4j.bilevel {
  requires transitive io.github.hypergrad4j.autodiff;
  requires transitive io.github.hypergrad4j.ihvp;

  exports io.github.hypergrad4j.bilevel;
  exports io.github.hypergrad4j.bilevel.unrolled;
  exports io.github.hypergrad4j.bilevel.stn;
  exports io.github.hypergrad4j.bilevel.meta;
}
