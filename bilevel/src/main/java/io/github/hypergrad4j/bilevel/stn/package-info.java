/**
 * Self-Tuning Networks (MacKay, Vicol, Lorraine, Duvenaud and Grosse, ICLR 2019): learn, while
 * training, a compact local approximation ŵ_φ(λ) of the best response θ*(λ), and step the
 * hyperparameters λ on the validation loss through it. This reaches hyperparameters the implicit
 * function theorem and unrolling cannot handle cheaply — dropout rates, input noise, augmentation
 * sizes, discrete ones — and it finds <em>schedules</em>: λ moves during the one training run.
 *
 * <ul>
 *   <li><b>The network</b>: {@link io.github.hypergrad4j.bilevel.stn.HyperLinear} layers,
 *       Ŵ(λ) = W_elem + (Vλ) ⊙_row W_hyper, computed on pre-activations with a different λ per
 *       example; {@link io.github.hypergrad4j.bilevel.stn.HyperMlp} stacks them (tanh or ReLU,
 *       dropout between layers), or builds the plain network of the same shape.
 *   <li><b>The hyperparameters</b>: {@link io.github.hypergrad4j.bilevel.stn.Hyperparameter}
 *       declarations (per-layer dropout, input dropout, input noise, per-layer L2, cutout), each
 *       with its {@link io.github.hypergrad4j.bilevel.stn.Transform} and initial value, bound to
 *       a network by {@link io.github.hypergrad4j.bilevel.stn.HyperparameterSet}.
 *   <li><b>Perturbation and entropy</b>: {@link
 *       io.github.hypergrad4j.bilevel.stn.GaussianPerturbation} (λ + σ ⊙ ε per example, the
 *       Gaussian entropy and the validation objective); {@link
 *       io.github.hypergrad4j.bilevel.stn.BinomialReinforce} for discrete hyperparameters.
 *   <li><b>Training</b>: {@link io.github.hypergrad4j.bilevel.stn.StnTrainer} (Algorithm 1:
 *       warm-up, then cycles of training steps on φ and validation steps on λ and σ) with {@link
 *       io.github.hypergrad4j.bilevel.stn.StnOptions}; events to a {@link
 *       io.github.hypergrad4j.bilevel.stn.StnListener}, a {@link
 *       io.github.hypergrad4j.bilevel.stn.StnHistory} (CSV, and the {@link
 *       io.github.hypergrad4j.bilevel.stn.HyperSchedule} of λ against the step), a {@link
 *       io.github.hypergrad4j.bilevel.stn.StnResult}; {@link
 *       io.github.hypergrad4j.bilevel.stn.ScheduledTraining} trains a network under fixed or
 *       scheduled hyperparameters, to replay what a run found.
 * </ul>
 *
 * <pre>{@code
 * HyperMlp net = HyperMlp.builder(64, 3).hidden(64).activation(Activation.RELU).outputs(10);
 * HyperparameterSet hps = HyperparameterSet.of(net,
 *     Hyperparameter.inputDropout(0.1), Hyperparameter.dropout(1, 0.2), Hyperparameter.inputNoise(0.1));
 * StnOptions options = StnOptions.builder().warmupSteps(200).cycles(500).seed(7).build();
 * StnResult r = new StnTrainer(net, hps, options).run(train, validation, e -> System.out.println(e));
 * r.history().writeCsv(writer);                          // losses, every lambda and sigma per cycle
 * HyperSchedule schedule = r.history().schedule();       // lambda against the training step
 * }</pre>
 */
package io.github.hypergrad4j.bilevel.stn;
