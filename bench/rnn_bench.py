#!/usr/bin/env python3
"""LSTM and GRU forward: our runtime (bench/RNNBench) beside PyTorch's nn.LSTM / nn.GRU.

    python3 bench/rnn_bench.py [--binary .build/release/rnn-bench] [--repeats N] [--threads N] [--json]

Runs the Swift benchmark (release build, it re-executes itself with the OpenBLAS kernels the CPU
supports) and, when `import torch` works in this Python, the same shapes in PyTorch with
torch.set_num_threads(2) (or --threads, which also sets OPENBLAS_NUM_THREADS and so our team's
size), batch_first=True, float32 on the CPU, and prints both side by side with the ratio PyTorch /
ours (above 1: we are faster). Each side is timed twice: our plain call `layer(x)` keeps no cache,
like torch.inference_mode(); our `forward(x)` keeps what backward needs, like a call in grad mode.
"speedup" is the faster PyTorch mode against our plain call, "cached" PyTorch's grad mode against
our forward with cache. Without torch it prints only our figures. A report, not a test: it always
exits 0 unless our benchmark cannot run.

Shapes (issue 3): (B, T, F) -> H = (3, 2, 10) -> 20, (64, 100, 128) -> 256, (64, 100, 256) -> 1024.
Targets: the first at least 20x faster than PyTorch, the two large ones no slower.
GFLOP/s count the matrix products only, 2*B*T*(F + H)*G*H with G = 4 (LSTM) or 3 (GRU).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SMALL_SPEEDUP = 20.0


def ours(binary: Path, repeats: int | None, threads: int) -> dict:
    cmd = [str(binary), "--json"] + (["--repeats", str(repeats)] if repeats else [])
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def torch_times(shapes, repeats: int | None, threads: int) -> dict | None:
    """Median ms per (layer, shape) for grad mode and inference mode, or None without torch."""
    try:
        import torch
    except Exception as error:  # ImportError, or a CUDA wheel whose libraries are missing
        print(f"(PyTorch not importable here: {type(error).__name__}: {error}; ours only)\n")
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    results = {"version": torch.__version__, "threads": torch.get_num_threads(), "rows": {}}
    for layer_name in ["LSTM", "GRU"]:
        for (B, T, F, H) in shapes:
            module = getattr(torch.nn, layer_name)(F, H, batch_first=True)
            x = torch.randn(B, T, F)
            flops = 2.0 * B * T * (F + H) * (4 if layer_name == "LSTM" else 3) * H
            n = repeats or min(2000, max(5, int(1e11 / flops)))
            row = {}
            for mode in ["grad", "inference"]:
                context = torch.enable_grad() if mode == "grad" else torch.inference_mode()
                with context:
                    for _ in range(min(3, n)):
                        module(x)
                    times = []
                    for _ in range(n):
                        start = time.perf_counter()
                        module(x)
                        times.append(time.perf_counter() - start)
                row[mode] = statistics.median(times) * 1e3
            results["rows"][(layer_name, (B, T, F, H))] = row
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "rnn-bench"))
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    binary = Path(args.binary)
    if not binary.exists():
        print(f"{binary} not found: build it with `swift build -c release --product rnn-bench`",
              file=sys.stderr)
        return 1
    mine = ours(binary, args.repeats, args.threads)
    shapes = [tuple(r["shape"]) for r in mine["results"] if r["layer"] == "LSTM"]
    reference = torch_times(shapes, args.repeats, args.threads)

    rows = []
    for r in mine["results"]:
        key = (r["layer"], tuple(r["shape"]))
        row = {"layer": r["layer"], "shape": r["shape"], "ours_ms": r["median_ms"],
               "ours_cached_ms": r["cached_median_ms"], "ours_gflops": r["gflops"]}
        if reference and key in reference["rows"]:
            t = reference["rows"][key]
            best = min(t["grad"], t["inference"])
            row.update({"torch_ms": t["grad"], "torch_inference_ms": t["inference"],
                        "speedup": best / r["median_ms"], "cached_speedup": t["grad"] / r["cached_median_ms"]})
        rows.append(row)
    ceiling = mine["sgemm_ceiling_gflops"]

    if args.json:
        print(json.dumps({"openblas_core": mine["openblas_core"], "threads": mine["threads"],
                          "sgemm_ceiling_gflops": ceiling,
                          "torch": reference and {"version": reference["version"],
                                                  "threads": reference["threads"]},
                          "rows": rows}, indent=1))
        return 0

    print(f"ours: OpenBLAS {mine['openblas_core']} kernels, {mine['threads']} threads, "
          f"sgemm ceiling {ceiling:.1f} GFLOP/s")
    if reference:
        print(f"PyTorch {reference['version']}, {reference['threads']} threads")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    header = f"{'layer (B, T, F) -> H':<30}{'ours ms':>10}{'GFLOP/s':>9}{'% sgemm':>9}{'+cache':>9}"
    if reference:
        header += f"{'torch ms':>10}{'inference':>11}{'speedup':>9}{'cached':>8}  target"
    print(header)
    for row in rows:
        B, T, F, H = row["shape"]
        line = (f"{row['layer'] + f' ({B}, {T}, {F}) -> {H}':<30}{row['ours_ms']:>10.4g}"
                f"{row['ours_gflops']:>9.1f}{100 * row['ours_gflops'] / ceiling:>8.1f}%{row['ours_cached_ms']:>9.4g}")
        if "speedup" in row:
            target = TARGET_SMALL_SPEEDUP if B * T * F * H < 10_000 else 1.0
            verdict = "met" if row["speedup"] >= target else "MISSED"
            line += (f"{row['torch_ms']:>10.4g}{row['torch_inference_ms']:>11.4g}"
                     f"{row['speedup']:>8.2f}x{row['cached_speedup']:>7.2f}x  >= {target:g}x {verdict}")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
