#!/usr/bin/python3
"""The table of bench/perf/compare.sh: reads DIR/torch-t<T>.json (torch_side.py measure) and
DIR/jmh-*-t<T>.json (JMH's JSON) for each thread count found, and prints one row per workload and
thread count: hypergrad4j (JMH's average), PyTorch (median), their ratio, and where a physical
floor applies, the floor and each side's fraction of it (floor / time: 100 % is at the floor).

  table.py DIR

Floors, from the yardsticks compare.sh measures in the same run (DIR/jmh-yardstick.json: the FMA
peak of FmaPeakBenchmark and the read bandwidth of DotBenchmark.sumOfBoth at n = 10^7, one thread);
without that file, the issue's figures for this VM on 2026-11-23 (57.7 GFLOP/s, 24 GB/s), which a
later run showed the VM no longer has (135 GFLOP/s on 2026-11-29): a floor is only as good as its
yardstick, so the table says which it used.
  MLP rows: flops of the matrix products at the FMA peak per core times the threads:
    loss 2n(dh + hc), gradient 2n(2dh + 3hc), HVP 2n(4dh + 9hc) with n = 1000, d = h = w, c = 10
    (the HVP: X W1 and X W1' forward, X^T Zbar and X^T Zbar' backward, and nine products with W2);
    HVP with the graph kept (replayed): 2n(2dh + 6hc), the tangent halves only (X W1' forward,
    X^T Zbar' backward, and six products of the n x h x c size).
  logistic rows (d = 10^5, X = 800 MB): bytes of X read at the read bandwidth: once for the loss, twice for
    the gradient and the HVPs (X v, then X^T r; X does not fit in any cache).
  hypergradient d = 10^4: 2K passes over X (160 MB) for K = 20 HVPs and 2 over X_v (80 MB) for
    the gradient of g, at the read bandwidth (the mixed term of a per-weight penalty needs no pass).
    At d = 500 and 2000, X (8 and 32 MB) stays in cache: no DRAM floor.
The bandwidth floor is not scaled with the threads (it is one core's measurement).
"""

import glob
import json
import os
import re
import sys

FMA_PEAK = 57.7e9     # FLOP/s per core, the fallback (the figure)
BANDWIDTH = 24e9      # bytes/s, the fallback (the figure)
K = 20

METHODS = {"loss": "loss", "gradient": "gradient", "hvp": "hvp", "replayedHvp": "kept_hvp"}
LABELS = {"loss": "loss", "gradient": "gradient", "hvp": "hvp", "kept_hvp": "hvp, graph kept"}
ROWS = ([("logistic_" + m, "logistic d=1e5 " + LABELS[m]) for m in LABELS]
        + [("mlp%d_%s" % (w, m), "MLP w=%d %s" % (w, LABELS[m])) for w in (30, 316, 1000) for m in LABELS]
        + [("hypergradient%d" % d, "hypergradient d=%d" % d) for d in (500, 2000, 10000)])


def floor_ms(name, threads, peak, bandwidth):
    m = re.fullmatch(r"mlp(\d+)_(loss|gradient|hvp|kept_hvp)", name)
    if m:
        n, c, w = 1000, 10, int(m.group(1))
        dh, hc = w * w, w * c
        flops = {"loss": 2 * n * (dh + hc), "gradient": 2 * n * (2 * dh + 3 * hc),
                 "hvp": 2 * n * (4 * dh + 9 * hc), "kept_hvp": 2 * n * (2 * dh + 6 * hc)}[m.group(2)]
        return 1e3 * flops / (peak * threads)
    m = re.fullmatch(r"logistic_(loss|gradient|hvp|kept_hvp)", name)
    if m:
        passes = 1 if m.group(1) == "loss" else 2
        return 1e3 * passes * 1000 * 100000 * 8 / bandwidth
    if name == "hypergradient10000":
        n, d = 2000, 10000
        return 1e3 * (2 * K * n * d * 8 + 2 * (n // 2) * d * 8) / bandwidth
    return None


def yardsticks(directory):
    """(FMA peak in FLOP/s, read bandwidth in bytes/s, where they came from)."""
    path = os.path.join(directory, "jmh-yardstick.json")
    if not os.path.exists(path):
        return FMA_PEAK, BANDWIDTH, "the issue's figures (57.7 GFLOP/s, 24 GB/s): no yardstick in this run"
    peak = bandwidth = None
    with open(path) as src:
        for entry in json.load(src):
            metrics = entry.get("secondaryMetrics", {})
            if entry["benchmark"].endswith("FmaPeakBenchmark.fmaChains"):
                peak = metrics["flops"]["score"]
            if entry["benchmark"].endswith("DotBenchmark.sumOfBoth"):
                bandwidth = metrics["bytes"]["score"]
    if peak is None or bandwidth is None:
        sys.exit("table.py: %s lacks the FMA peak or the bandwidth" % path)
    return peak, bandwidth, "measured in this run: FMA peak %.1f GFLOP/s per core, read bandwidth %.1f GB/s" % (
        peak / 1e9, bandwidth / 1e9)


def jmh_name(entry):
    """The workload name of one JMH result, or None."""
    bench = entry["benchmark"].rsplit(".", 2)
    cls, method = bench[-2], bench[-1]
    params = entry.get("params", {})
    if cls == "LogisticRegressionBenchmark" and params.get("d") == "100000" and method in METHODS:
        return "logistic_" + METHODS[method]
    if cls == "MlpBenchmark" and method in METHODS:
        return "mlp%s_%s" % (params["width"], METHODS[method])
    if cls == "HypergradientBenchmark":
        return "hypergradient" + params["d"]
    return None


def read(directory):
    """{threads: (torch results, {workload: JMH ms})}."""
    found = {}
    for path in sorted(glob.glob(os.path.join(directory, "torch-t*.json"))):
        threads = int(re.search(r"torch-t(\d+)\.json$", path).group(1))
        with open(path) as src:
            torch_side = json.load(src)
        java = {}
        for jpath in sorted(glob.glob(os.path.join(directory, "jmh-*-t%d.json" % threads))):
            with open(jpath) as src:
                for entry in json.load(src):
                    name = jmh_name(entry)
                    if name is not None:
                        metric = entry["primaryMetric"]
                        if metric["scoreUnit"] != "ms/op":
                            sys.exit("table.py: %s: expected ms/op, got %s" % (jpath, metric["scoreUnit"]))
                        java[name] = metric["score"]
        found[threads] = (torch_side, java)
    return found


def percent(floor, t):
    return "%.0f %%" % (100 * floor / t) if floor is not None and t is not None else ""


def ms(t):
    return "%.4g" % t if t is not None else "-"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: table.py DIR")
    found = read(sys.argv[1])
    peak, bandwidth, source = yardsticks(sys.argv[1])
    if not found:
        sys.exit("table.py: no torch-t*.json in " + sys.argv[1])
    header = ("workload", "threads", "hypergrad4j ms", "PyTorch ms", "ratio", "floor ms", "hg4j/floor", "torch/floor")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for threads in sorted(found):
        torch_side, java = found[threads]
        for name, label in ROWS:
            ours = java.get(name)
            t = torch_side["workloads"].get(name, {}).get("ms")
            if ours is None and t is None:
                continue
            floor = floor_ms(name, threads, peak, bandwidth)
            ratio = "%.2f" % (ours / t) if ours is not None and t is not None else "-"
            lines.append("| " + " | ".join((label, str(threads), ms(ours), ms(t), ratio,
                                              ms(floor) if floor is not None else "", percent(floor, ours),
                                              percent(floor, t))) + " |")
    print("\n".join(lines))
    calls = sorted({w["calls"] for ts, _ in found.values() for w in ts["workloads"].values()})
    some = next(iter(found.values()))[0]
    print("\nratio = hypergrad4j / PyTorch (below 1: hypergrad4j faster). PyTorch %s: median of %d to %d timed calls"
          " after a %.1f s warm-up; hypergrad4j: JMH's average time. floor / time: how close to the physical floor."
          % (some["torch"], calls[0], calls[-1], some["warmup_s"]))
    print("floors: " + source + ".")


if __name__ == "__main__":
    main()
