/**
 * Meta-learning of an initialisation φ shared by many tasks: each {@link
 * io.github.hypergrad4j.bilevel.meta.MetaTask} has a training (support) loss and a test (query)
 * loss of the model parameters θ; a task adapts θ from φ on its training loss, and φ is learnt so
 * that the adapted θ does well on the task's test loss.
 *
 * <ul>
 *   <li>Meta-gradients ({@link io.github.hypergrad4j.bilevel.meta.MetaGradient}): {@link
 *       io.github.hypergrad4j.bilevel.meta.Imaml} (implicit, one CG solve with I + H/λ), {@link
 *       io.github.hypergrad4j.bilevel.meta.Maml} (reverse mode through K inner SGD steps), {@link
 *       io.github.hypergrad4j.bilevel.meta.FirstOrderMaml} (MAML without the Hessian term) and
 *       {@link io.github.hypergrad4j.bilevel.meta.Reptile} (the baseline); each reports its cost
 *       in a {@link io.github.hypergrad4j.bilevel.meta.TaskGradient}.
 *   <li>Tasks: a {@link io.github.hypergrad4j.bilevel.meta.TaskSampler} draws them, a {@link
 *       io.github.hypergrad4j.bilevel.meta.TaskBatch} averages their meta-gradients on a thread
 *       pool, bit-identical to sequential.
 *   <li>The outer loop: {@link io.github.hypergrad4j.bilevel.meta.MetaLearner}, Adam (or any
 *       {@link io.github.hypergrad4j.bilevel.StepRule}) on φ.
 * </ul>
 */
package io.github.hypergrad4j.bilevel.meta;
