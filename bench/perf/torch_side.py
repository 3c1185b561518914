#!/usr/bin/python3
"""The PyTorch side of bench/perf/compare.sh: the same workloads as the JMH benchmarks it is
compared with, in float64, timed on one or two threads; and the check that both sides compute the
same hypergradient.

  torch_side.py measure --threads T [--quick] --out FILE.json
  torch_side.py check JAVA_DUMP.txt

Workloads (the shapes of the JMH classes named):
  logistic_{loss,gradient,hvp,kept_hvp}  LogisticRegressionBenchmark, d = 10^5: f(w, lam) = mean BCE(X w, y)
                                    + 1/2 sum lam_j w_j^2, n = 1000, X ~ N(0, 1), lam_j = 1e-3
  mlp{30,316,1000}_{loss,...,kept_hvp}  MlpBenchmark: one hidden tanh layer, input = hidden = w,
                                    10 classes, softmax cross-entropy, n = 1000, one L2 penalty per
                                    weight matrix; theta one flat vector (W1, b1, W2, b2)
  hypergradient{500,2000,10000}     HypergradientBenchmark: one IFT hypergradient, CG with K = 20
                                    steps from p = 0 on the HVP of autograd's double backward, then
                                    the mixed term by autograd (hypertorch's CG hypergradient,
                                    written here from the math), n = 2000, the data of SharedData
The gradient is with respect to both inputs (theta and lambda), the HVP with respect to theta, as
on the Java side; loss is a forward pass without a graph. {..}_kept_hvp is the HVP as a CG loop
makes it after the first: the double backward of a gradient whose graph was built once and is kept
(retain_graph), against the Java side's replayedHvp (RecordedHessian).

Matrix products go to the libblas.so.3 that Debian selects: compare.sh warns unless it is
OpenBLAS's OpenMP build (libopenblas0-openmp), which follows torch.set_num_threads.

Timing: each workload runs untimed for WARMUP seconds (at least 3 calls), then REPEATS calls are
timed one by one with time.perf_counter, REPEATS chosen to fill about MEASURE seconds (at least 5,
at most 2000), and the median is reported with the number of calls.
"""

import argparse
import json
import math
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

K = 20            # CG steps of the hypergradient
N_HYPER = 2000    # training rows of the hypergradient workload
GAMMA = np.uint64(0x9E3779B97F4A7C15)


# ------------------------------------------------------------ SharedData (bench.perf), bit for bit

def uniform(stream, length, lo=0.0, hi=1.0):
    """Element k < length of stream s: u = (z >> 11) 2^-53, z = SplitMix64((s 2^40 + k + 1) gamma),
    mapped to lo + (hi - lo) u. The same bits as SharedData.uniform in Java."""
    k = np.arange(length, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = ((np.uint64(stream) << np.uint64(40)) + k + np.uint64(1)) * GAMMA
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return lo + (hi - lo) * u


def labels(stream, length):
    return np.where(uniform(stream, length) < 0.5, 1.0, 0.0)


def hypergradient_data(d, n=N_HYPER):
    """LogisticWorkload(n, d): X, y, X_v, y_v, theta, lambda as float64 tensors."""
    nv = n // 2
    t = torch.from_numpy
    return (t(uniform(1, n * d, -1.0, 1.0).reshape(n, d)), t(labels(2, n)),
            t(uniform(3, nv * d, -1.0, 1.0).reshape(nv, d)), t(labels(4, nv)),
            t(uniform(5, d, -0.1, 0.1)), t(uniform(6, d, 0.05, 0.1)))


# ------------------------------------------------------------------------------- the workloads

def hypergradient(x, y, xv, yv, theta0, lam0, k=K):
    """dg/dlambda = grad_lambda g - (d^2 f / dlambda dtheta) p, p = CG_k(H, grad_theta g) from 0.
    One gradient of g, one gradient of f with its graph, k HVPs by double backward, and the mixed
    term by one more backward through the same graph (for per-weight penalties it does not touch X).
    g does not depend on lambda, so grad_lambda g = 0."""
    theta = theta0.detach().requires_grad_(True)
    lam = lam0.detach().requires_grad_(True)
    g = F.binary_cross_entropy_with_logits(xv @ theta, yv)
    b, = torch.autograd.grad(g, theta)
    f = F.binary_cross_entropy_with_logits(x @ theta, y) + 0.5 * (lam * theta * theta).sum()
    f_theta, = torch.autograd.grad(f, theta, create_graph=True)
    p = torch.zeros_like(b)
    r = b.clone()
    s = r.clone()
    rr = torch.dot(r, r)
    for _ in range(k):
        hs, = torch.autograd.grad(f_theta, theta, s, retain_graph=True)
        alpha = rr / torch.dot(s, hs)
        p = p + alpha * s
        r = r - alpha * hs
        rr_next = torch.dot(r, r)
        s = r + (rr_next / rr) * s
        rr = rr_next
    mixed, = torch.autograd.grad(f_theta, lam, p)
    return -mixed


def logistic_workloads():
    torch.manual_seed(1)
    n, d = 1000, 100000
    x = torch.randn(n, d)
    y = torch.randint(0, 2, (n,)).double()
    w = torch.randn(d) / math.sqrt(d)
    lam = torch.full((d,), 1e-3)
    v = torch.randn(d)

    def f(wt, lt):
        return F.binary_cross_entropy_with_logits(x @ wt, y) + 0.5 * (lt * wt * wt).sum()

    return loss_gradient_hvp("logistic", f, w, lam, v)


def loss_gradient_hvp(name, f, theta, lam, v):
    """The three workloads of a scalar f(theta, lam): the value without a graph, the gradient with
    respect to both, and the HVP in theta along v (lam a constant)."""
    def loss():
        with torch.no_grad():
            return f(theta, lam).item()

    tg = theta.clone().requires_grad_(True)
    lg = lam.clone().requires_grad_(True)

    def gradient():
        return torch.autograd.grad(f(tg, lg), (tg, lg))

    def hvp():
        g, = torch.autograd.grad(f(tg, lam), tg, create_graph=True)
        return torch.autograd.grad(g, tg, v)[0]

    kept, = torch.autograd.grad(f(tg, lam), tg, create_graph=True)

    def kept_hvp():
        return torch.autograd.grad(kept, tg, v, retain_graph=True)[0]

    return {name + "_loss": loss, name + "_gradient": gradient, name + "_hvp": hvp, name + "_kept_hvp": kept_hvp}


def mlp_workloads(width, n=1000, classes=10):
    torch.manual_seed(2)
    d = h = width
    c = classes
    x = torch.randn(n, d)
    y = torch.randint(0, c, (n,))
    p = d * h + h + h * c + c
    theta = torch.randn(p) / math.sqrt(d)
    lam = torch.full((2,), 1e-3)
    v = torch.randn(p)

    def f(th, lt):
        o = 0
        w1 = th[o:o + d * h].view(d, h)
        o += d * h
        b1 = th[o:o + h]
        o += h
        w2 = th[o:o + h * c].view(h, c)
        o += h * c
        b2 = th[o:o + c]
        logits = torch.tanh(x @ w1 + b1) @ w2 + b2
        penalty = lt[0] * w1.square().sum() + lt[1] * w2.square().sum()
        return F.cross_entropy(logits, y) + 0.5 * penalty

    return loss_gradient_hvp("mlp%d" % width, f, theta, lam, v)


def hypergradient_workload(d):
    data = hypergradient_data(d)
    return {"hypergradient%d" % d: lambda: hypergradient(*data)}


# ----------------------------------------------------------------------------------- measuring

def median_time(fn, warmup, measure):
    """(median seconds, calls timed) after `warmup` seconds (at least 3 calls) untimed."""
    start = time.perf_counter()
    calls = 0
    while calls < 3 or time.perf_counter() - start < warmup:
        fn()
        calls += 1
    estimate = (time.perf_counter() - start) / calls
    repeats = int(min(2000, max(5, math.ceil(measure / max(estimate, 1e-9)))))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), repeats


def measure(args):
    torch.set_num_threads(args.threads)
    warmup, window = (0.3, 0.5) if args.quick else (2.0, 5.0)
    groups = [logistic_workloads, lambda: mlp_workloads(30), lambda: mlp_workloads(316),
              lambda: mlp_workloads(1000)] + [lambda d=d: hypergradient_workload(d) for d in (500, 2000, 10000)]
    results = {"torch": torch.__version__, "threads": torch.get_num_threads(), "warmup_s": warmup,
               "window_s": window, "workloads": {}}
    for make in groups:
        workloads = make()  # one group's data at a time: logistic d = 10^5 alone is 800 MB
        for name, fn in workloads.items():
            seconds, repeats = median_time(fn, warmup, window)
            results["workloads"][name] = {"ms": seconds * 1e3, "calls": repeats}
            print("torch  %-24s %10.4g ms  (median of %d, %d thread%s)" % (
                name, seconds * 1e3, repeats, args.threads, "" if args.threads == 1 else "s"), flush=True)
        del workloads
    with open(args.out, "w") as out:
        json.dump(results, out, indent=1)


def check(args):
    """Compares the Java dump (HypergradientDump) with this side's hypergradient on the same data."""
    with open(args.dump) as src:
        header = src.readline().split()
        java = torch.tensor([float(line) for line in src if line.strip()])
    fields = dict(zip(header[0::2], header[1::2]))
    d = int(fields["d"])
    if java.numel() != d:
        sys.exit("torch_side.py check: the dump says d = %d but holds %d values" % (d, java.numel()))
    ours = hypergradient(*hypergradient_data(d))
    diff = torch.linalg.vector_norm(java - ours).item()
    scale = torch.linalg.vector_norm(ours).item()
    rel = diff / scale if scale > 0 else diff
    print("check: hypergradient at d = %d (n = %d, CG K = %d): |h_java - h_torch| / |h_torch| = %.2e "
          "(|h| = %.6g; Java spent %s products, CG true relative residual %s)"
          % (d, N_HYPER, K, rel, scale, fields.get("products", "?"), fields.get("relative_residual", "?")))
    if not rel <= 1e-10:
        sys.exit("torch_side.py check: the two sides disagree (relative difference %.2e > 1e-10)" % rel)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure", help="time every workload")
    m.add_argument("--threads", type=int, choices=(1, 2), required=True)
    m.add_argument("--quick", action="store_true", help="0.3 s warm-up and 0.5 s of timed calls per workload")
    m.add_argument("--out", required=True, help="where the JSON results go")
    c = sub.add_parser("check", help="compare with a Java hypergradient dump")
    c.add_argument("dump")
    args = parser.parse_args()
    if args.command == "measure":
        measure(args)
    else:
        check(args)


if __name__ == "__main__":
    main()
