#!/usr/bin/env bash
# hypergrad4j against PyTorch, side by side on this machine: the workloads of issue 15 (logistic
# regression d = 10^5, the MLPs of MlpBenchmark, one IFT hypergradient at d = 500/2000/10^4), the
# PyTorch side (bench/perf/torch_side.py, Debian's python3-torch, float64) and then the matching
# JMH benchmarks, one after the other, never at the same time; then one table (bench/perf/table.py).
# Run by hand on an idle machine; not part of CI.
#
#   bench/perf/compare.sh [--threads 1|2|both] [--quick] [--out DIR]
#
#   --threads  1, 2 or both (default both): PyTorch's torch.set_num_threads(T) (with
#              OMP_WAIT_POLICY=PASSIVE for T = 2), hypergrad4j's -Dhypergrad4j.linalg.threads=T
#   --quick    a smoke run: JMH 3 warm-up iterations and 2 measured ones of 1 s, PyTorch 0.3 s of
#              warm-up and 0.5 s of timed calls per workload (about 10 minutes, and noisy)
#   --out DIR  where the results go (default bench-results/perf-<UTC time>): torch-t<T>.json,
#              jmh-<suite>-t<T>.json and .log, check.txt, about.txt, table.md
#
# Environment: JAVA_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64), PYTHON (default
# /usr/bin/python3, which must import torch: apt-get install python3-torch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/perf"

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

threads=both
quick=0
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads)
      [[ $# -ge 2 ]] || { echo "compare.sh: --threads needs a value: 1, 2 or both" >&2; exit 2; }
      threads="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    --out)
      [[ $# -ge 2 && -n "$2" ]] || { echo "compare.sh: --out needs a folder" >&2; exit 2; }
      out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$threads" in
  1) counts=(1) ;;
  2) counts=(2) ;;
  both) counts=(1 2) ;;
  *) echo "compare.sh: --threads must be 1, 2 or both, got '$threads'" >&2; exit 2 ;;
esac

java_home="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$java_home/bin/java"
python="${PYTHON:-/usr/bin/python3}"
[[ -x "$java" ]] || { echo "compare.sh: no java at $java (set JAVA_HOME)" >&2; exit 2; }
if ! "$python" -c 'import torch' 2>/dev/null; then
  echo "compare.sh: $python cannot import torch: install Debian's python3-torch (apt-get install python3-torch)" >&2
  exit 2
fi

# Debian's python3-torch multiplies matrices with whatever libblas.so.3 is selected: the reference
# BLAS is 5-15x slower than OpenBLAS; libopenblas0-openmp follows torch.set_num_threads (through
# OpenMP), where the pthread build would start its own threads
blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || echo unknown)"
if [[ "$blas" != *openblas-openmp* ]]; then
  echo "compare.sh: warning: libblas.so.3 is $blas, not OpenBLAS's OpenMP build: PyTorch's matrix products will be slow or use other threads than asked (apt-get install libopenblas0-openmp)" >&2
fi

out="${out:-$root/bench-results/perf-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out"

# the machine should be idle: warn when uptime's 1-minute load average is above 0.5
load="$(cut -d' ' -f1 /proc/loadavg)"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
  echo "compare.sh: warning: the 1-minute load average is $load (> 0.5): something else is running, and the figures will show it" >&2
fi

jar="$root/bench/target/benchmarks.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root" -name '*.java' -path '*/src/main/*' -newer "$jar" -print -quit)" ]]; then
  echo "compare.sh: building $jar (mvn package, tests skipped) ..." >&2
  (cd "$root" && mvn -B -ntp -q package -DskipTests) >&2
fi

spec="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
prepend=()
if [[ "${spec%%.*}" -ge 23 ]]; then
  prepend=(-jvmArgsPrepend --sun-misc-unsafe-memory-access=allow) # JMH's Unsafe reads warn on JDK 23+
fi
jmh_timing=()
torch_timing=()
if [[ $quick -eq 1 ]]; then
  jmh_timing=(-wi 3 -i 2 -w 1s -r 1s)
  torch_timing=(--quick)
fi

{
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine:  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores, load $load at the start"
  echo "JDK:      $("$java" -version 2>&1 | head -n 2 | tail -n 1)"
  echo "PyTorch:  $("$python" -c 'import torch; print(torch.__version__)') ($python), BLAS $blas"
  echo "command:  bench/perf/compare.sh --threads $threads ${torch_timing[*]}"
} | tee "$out/about.txt"

# the two sides compute the same numbers (once, at d = 500, one thread)
"$java" --add-modules jdk.incubator.vector -Dhypergrad4j.linalg.threads=1 -cp "$jar" \
  io.github.hypergrad4j.bench.perf.HypergradientDump 500 >"$out/hypergradient-java-d500.txt" 2>"$out/hypergradient-java-d500.err"
"$python" "$here/torch_side.py" check "$out/hypergradient-java-d500.txt" | tee "$out/check.txt"

# the floors' yardsticks, measured in this run on one thread: the FMA peak (FmaPeakBenchmark) and
# the read bandwidth from memory (DotBenchmark.sumOfBoth at n = 10^7: two 80 MB arrays read, no write)
echo "== yardsticks: FMA peak and read bandwidth (JMH, one thread; log in $out/jmh-yardstick.log)"
"$java" -jar "$jar" 'bench\.linalg\.(FmaPeakBenchmark\.fmaChains|DotBenchmark\.sumOfBoth)$' -p n=10000000 \
  "${jmh_timing[@]}" "${prepend[@]}" -jvmArgsAppend "--add-modules jdk.incubator.vector -Dhypergrad4j.linalg.threads=1" \
  -foe true -rf json -rff "$out/jmh-yardstick.json" >"$out/jmh-yardstick.log" 2>&1 \
  || { echo "compare.sh: JMH failed, see $out/jmh-yardstick.log" >&2; exit 1; }

for t in "${counts[@]}"; do
  echo "== $t thread(s): PyTorch"
  if [[ $t -eq 1 ]]; then
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
      "$python" "$here/torch_side.py" measure --threads 1 "${torch_timing[@]}" --out "$out/torch-t1.json"
  else
    OMP_NUM_THREADS="$t" OPENBLAS_NUM_THREADS="$t" OMP_WAIT_POLICY=PASSIVE \
      "$python" "$here/torch_side.py" measure --threads "$t" "${torch_timing[@]}" --out "$out/torch-t$t.json"
  fi
  jvm="--add-modules jdk.incubator.vector -Dhypergrad4j.linalg.threads=$t -Xmx4g"
  # suite name ; JMH include pattern ; parameters
  for suite in "logistic;bench\.autodiff\.LogisticRegressionBenchmark\.(loss|gradient|hvp|replayedHvp)$;-p d=100000" \
               "mlp;bench\.autodiff\.MlpBenchmark\.(loss|gradient|hvp|replayedHvp)$;" \
               "hypergradient;bench\.perf\.HypergradientBenchmark\.hypergradient$;"; do
    IFS=';' read -r name pattern params <<<"$suite"
    # shellcheck disable=SC2086 # $params is empty or "-p name=value", split on purpose
    echo "== $t thread(s): hypergrad4j, $name (JMH; log in $out/jmh-$name-t$t.log)"
    "$java" -jar "$jar" "$pattern" $params "${jmh_timing[@]}" "${prepend[@]}" -jvmArgsAppend "$jvm" -foe true \
      -rf json -rff "$out/jmh-$name-t$t.json" >"$out/jmh-$name-t$t.log" 2>&1 \
      || { echo "compare.sh: JMH failed, see $out/jmh-$name-t$t.log" >&2; exit 1; }
    grep -E '^[A-Za-z].*(avgt)' "$out/jmh-$name-t$t.log" | sed 's/^/  /' || true
  done
done

echo
"$python" "$here/table.py" "$out" | tee "$out/table.md"
if [[ $quick -eq 1 ]]; then
  echo "(--quick: a smoke run. Three seconds of warm-up may leave hypergrad4j's JIT cold: these figures say the harness works, not how fast either side is.)" | tee -a "$out/table.md"
fi
echo
echo "results in $out"
