package io.github.hypergrad4j.bench.cli;

import io.github.hypergrad4j.linalg.Kernels;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The command line of hypergrad4j: {@code tune} (the main job), {@code distill}, {@code
 * reweight} and {@code penalties} (applications at scale), {@code meta} (meta-learning on
 * sinusoids), {@code accuracy} (the accuracy-versus-cost study) and {@code bench} (the JMH
 * suites). User mistakes print one line on standard error and exit with 2; anything else exits with 1 and one line, and the stack trace
 * only with {@code -Dhypergrad4j.debug=true}.
 */
public final class Main {

  static final String HELP = """
      usage: hypergrad4j <command> [options]

      commands:
        tune       hyperparameter optimisation by hypergradient on a real data set (the main job)
        distill    dataset distillation: k learned images per class (digits, Fashion-MNIST)
        reweight   learned example weights under label noise (Fashion-MNIST)
        penalties  one L2 penalty per weight of an MLP (a million hyperparameters) by IFT
        meta       meta-learning (iMAML, MAML, FOMAML, Reptile) on sinusoid regression
        accuracy   hypergradient error against Hessian-vector products for every solver
        bench      the JMH benchmarks
      Run 'hypergrad4j <command> --help' (or -h) for its options.
      """;

  private Main() {}

  /** Runs a command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
        out.print(HELP);
        out.println("kernels: " + Kernels.implementation());
        if (args.length == 0) {
          err.println("hypergrad4j: no command given (commands: tune, distill, reweight, penalties, meta, accuracy, bench; see --help)");
          return 2;
        }
        return 0;
      }
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      return switch (args[0]) {
        case "tune" -> TuneCommand.run(rest, out);
        case "meta" -> MetaCommand.run(rest, out);
        case "reweight" -> ReweightCommand.run(rest, out);
        case "distill" -> DistillCommand.run(rest, out);
        case "accuracy" -> AccuracyCommand.run(rest, out);
        case "penalties" -> PenaltiesCommand.run(rest, out);
        case "bench" -> BenchCommand.run(rest, out);
        default -> throw new UsageException("unknown command '" + args[0] + "' (commands: tune, distill, reweight, penalties, meta, accuracy, bench; see --help)");
      };
    } catch (UsageException e) {
      err.println("hypergrad4j: " + e.getMessage());
      return 2;
    } catch (RuntimeException | OutOfMemoryError e) {
      err.println("hypergrad4j: internal error: " + e
          + " (run with -Dhypergrad4j.debug=true for the stack trace)");
      if (Boolean.getBoolean("hypergrad4j.debug")) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }
}
