package io.github.hypergrad4j.bench.data;

/**
 * Malformed or unusable data (a file's content, a split that loses a class): an {@link
 * IllegalArgumentException} whose message starts with the routine that refused it, and whose
 * {@link #detail()} is the same without that prefix, naming the file and what was wrong, for a
 * command line to print as one line.
 */
public final class DataException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** What was wrong, starting with the file or data set. */
  private final String detail;

  /**
   * @param routine the class or routine that refused the data ("LabelledCsv.read")
   * @param detail what was wrong, starting with the file or data set
   */
  public DataException(String routine, String detail) {
    super(routine + ": " + detail);
    this.detail = detail;
  }

  /** The same with a cause. */
  public DataException(String routine, String detail, Throwable cause) {
    super(routine + ": " + detail, cause);
    this.detail = detail;
  }

  /** What was wrong, without the routine's name: "iris.csv: line 3, field 2: 'x' is not a number". */
  public String detail() {
    return detail;
  }
}
