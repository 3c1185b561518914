package io.github.hypergrad4j.bench.penalties;

import io.github.hypergrad4j.bench.data.DatasetReader;
import io.github.hypergrad4j.bench.data.IdxReader;
import io.github.hypergrad4j.bench.stn.StnSplit;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The million-penalty experiment end to end: the data split, the per-weight run ({@link
 * PenaltyTuning}), then the global-penalty grid ({@link GlobalPenaltyGrid}) with the per-weight
 * run's wall time as its budget, and the peak heap.
 */
public final class PenaltyExperiment {

  /**
   * Everything the experiment needs, fixed before it starts.
   *
   * @param fashionMnist Fashion-MNIST (else the embedded digits)
   * @param train training examples (Fashion-MNIST: drawn from the 60,000; digits: from the
   *     training part of the 60/20/20 split, all of it when larger)
   * @param validation validation examples (Fashion-MNIST only; digits uses its 20 % part)
   * @param test test examples (Fashion-MNIST: from the separate test file; digits: its 20 % part)
   * @param hidden the hidden widths
   * @param tuning the outer loop's settings
   * @param gridValues how many values of the global-penalty grid to train: {@link #GRID_BY_TIME}
   *     (as many as fit into the per-weight run's wall time), 0 (no grid) or a fixed number (the
   *     first ones of {@link GlobalPenaltyGrid#DEFAULT_PENALTIES}, whatever the time: a run that
   *     does not depend on the machine's speed)
   * @param seed the seed of the split and of θ₀
   */
  public record Settings(boolean fashionMnist, int train, int validation, int test, int[] hidden,
      PenaltyTuning.Settings tuning, int gridValues, long seed) {}

  /** {@link Settings#gridValues} for "as many as fit into the per-weight run's wall time". */
  public static final int GRID_BY_TIME = -1;

  /**
   * The outcome.
   *
   * @param split the data
   * @param model the network
   * @param tuning the per-weight run
   * @param grid the grid (null when not run)
   * @param peakHeapBytes the sum over the heap's memory pools of their peak use since the JVM
   *     started (an upper bound of the peak heap: the pools peak at different times)
   */
  public record Outcome(StnSplit split, PenaltyMlp model, PenaltyTuning.Result tuning, GlobalPenaltyGrid.Result grid,
      long peakHeapBytes) {}

  private PenaltyExperiment() {}

  /** The split the settings describe (Fashion-MNIST from Debian's folder). */
  public static StnSplit split(Settings s) {
    if (s.fashionMnist()) {
      return StnSplit.fashionMnist(Path.of(IdxReader.DEFAULT_FOLDER), s.train(), s.validation(), s.test(), s.seed());
    }
    StnSplit all = StnSplit.of(DatasetReader.digits(), s.seed());
    if (s.train() >= all.train().rows()) {
      return all;
    }
    return new StnSplit(all.train().sample(s.train(), s.seed()), all.validation(), all.test(),
        all.description() + "; " + s.train() + " of the training part drawn with seed " + s.seed());
  }

  /** Runs the experiment; the listeners may be null. */
  public static Outcome run(Settings s, StnSplit split, PenaltyTuning.Listener steps,
      GlobalPenaltyGrid.Listener points) {
    PenaltyMlp model = new PenaltyMlp(split.train(), split.validation(), s.hidden());
    PenaltyTuning.Result tuning = PenaltyTuning.run(model, split.test(), s.tuning(), s.seed(), steps);
    GlobalPenaltyGrid.Result grid = null;
    if (s.gridValues() != 0) {
      PenaltyTuning.Settings t = s.tuning();
      int iterations = t.firstInnerIterations() + (t.steps() - 1) * t.innerIterations();
      double[] values = GlobalPenaltyGrid.DEFAULT_PENALTIES;
      boolean byTime = s.gridValues() == GRID_BY_TIME;
      if (!byTime) {
        values = Arrays.copyOf(values, Math.min(values.length, s.gridValues()));
      }
      grid = GlobalPenaltyGrid.run(model, split.test(), values, iterations, t.innerTolerance(), s.seed(),
          byTime ? tuning.seconds() : Double.POSITIVE_INFINITY, points);
    }
    return new Outcome(split, model, tuning, grid, peakHeap());
  }

  /** The sum of the heap pools' peak use. */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
