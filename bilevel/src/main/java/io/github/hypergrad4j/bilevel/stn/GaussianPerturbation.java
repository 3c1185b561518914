package io.github.hypergrad4j.bilevel.stn;

import io.github.hypergrad4j.autodiff.Shape;
import io.github.hypergrad4j.autodiff.Tensor;
import java.util.SplittableRandom;

/**
 * The perturbation of the continuous hyperparameters and its entropy (MacKay et al. 2019, §4.3).
 * Every example i of a batch gets its own hyperparameters, on the free variables u:
 *
 * <pre>
 *   λ_i = u + σ ⊙ ε_i,   ε_i ~ N(0, I),   σ = exp(s)   (s = log σ is the variable stepped)
 * </pre>
 *
 * In the training step this makes ŵ_φ fit the best response in a neighbourhood of u of width
 * σ; in the validation step the same sampling, written as a function of (u, s), makes one sample
 * per example an unbiased, reparametrised estimate of the gradient of
 *
 * <pre>
 *   J(u, σ) = E_ε[ L_val(ŵ_φ(u + σ ⊙ ε)) ] − τ·H[N(0, diag σ²)]
 * </pre>
 *
 * <p><b>Entropy.</b> For the n-dimensional Gaussian p(ε) = Π_j (2πσ_j²)^{−½} exp(−ε_j² / 2σ_j²),
 *
 * <pre>
 *   H = −E[log p(ε)] = Σ_j (log σ_j + ½ log 2π + E[ε_j²] / 2σ_j²) = Σ_j log σ_j + (n/2)(1 + log 2π)
 *   ∂H/∂σ_j = 1/σ_j,   ∂H/∂s_j = 1
 * </pre>
 *
 * so the entropy term pushes every s_j up at the constant rate τ, and the loss term decides
 * against it: for a loss locally quadratic, L ≈ L₀ + ½ a (λ_j − c)², E[L] = L₀ + ½ a ((u_j − c)² +
 * σ_j²), ∂J/∂s_j = a σ_j² − τ, stationary at σ_j² = τ / a — σ widens where the validation loss is
 * flat (a small) and narrows where it is sharp. Discrete hyperparameters take no ε (their
 * distribution does the exploring, see {@link BinomialReinforce}); the {@code mask} arguments hold
 * 1 for the continuous ones and 0 for the others, and n counts only the continuous ones.
 *
 * <p>Cost: B·h normal samples and O(B·h) arithmetic per batch.
 */
public final class GaussianPerturbation {

  private GaussianPerturbation() {}

  /** Standard normals ε (rows × h, row-major), 0 where {@code mask} is 0. */
  public static double[] standardNormals(SplittableRandom random, int rows, double[] mask) {
    int h = mask.length;
    double[] e = new double[rows * h];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < h; j++) {
        if (mask[j] != 0) {
          e[i * h + j] = random.nextGaussian();
        }
      }
    }
    return e;
  }

  /**
   * The per-example hyperparameter inputs Λ = u ⊙ m + ε ⊙ exp(s) + D (B × h) as a differentiable
   * function of the 1 × h rows {@code free} (u) and {@code logSigma} (s), for constant ε ({@code
   * eps}, B × h), mask m and fixed inputs D (the discrete hyperparameters' k/K, 0 elsewhere).
   */
  public static Tensor perturbed(Tensor free, Tensor logSigma, double[] eps, double[] mask, double[] fixedInputs) {
    int h = mask.length;
    int rows = eps.length / h;
    Tensor constantMask = free.tape().constant(mask.clone(), Shape.matrix(1, h));
    Tensor noise = free.tape().constant(eps, Shape.matrix(rows, h)).mul(logSigma.exp());
    return free.mul(constantMask).add(noise).add(free.tape().constant(fixedInputs, Shape.matrix(rows, h)));
  }

  /** H = Σ_j m_j log σ_j + (n/2)(1 + log 2π), n = Σ_j m_j, on the tape of s = {@code logSigma}. */
  public static Tensor entropy(Tensor logSigma, double[] mask) {
    int n = 0;
    for (double m : mask) {
      n += m != 0 ? 1 : 0;
    }
    Tensor constantMask = logSigma.tape().constant(mask.clone(), logSigma.shape());
    return logSigma.mul(constantMask).sum().add(0.5 * n * (1 + Math.log(2 * Math.PI)));
  }

  /** H = Σ_j log σ_j + (n/2)(1 + log 2π) for the n given σ_j &gt; 0. */
  public static double entropy(double... sigma) {
    double h = 0.5 * sigma.length * (1 + Math.log(2 * Math.PI));
    for (double s : sigma) {
      h += Math.log(s);
    }
    return h;
  }

  /**
   * The validation objective mean_i L_i − τ·H of a batch's per-example losses (a vector) and the
   * entropy of the perturbation with log-scales {@code logSigma}.
   */
  public static Tensor objective(Tensor losses, Tensor logSigma, double[] mask, double entropyWeight) {
    return losses.mean().sub(entropy(logSigma, mask).scale(entropyWeight));
  }
}
