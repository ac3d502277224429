#!/usr/bin/env python3
"""A training step of LSTM and GRU, ours (bench/TrainingBench) beside PyTorch.

    python3 bench/training_bench.py [--binary .build/release/training-bench] [--runs N] [--threads N] [--json]

Shape (issue 4): batch 64 x 100 steps, 128 -> 256 units, loss over the whole output sequence
(mean squared error against fixed targets), one Adam step. Ours is timed through the layer
(forward, BPTT, Adam), through `Sequential.trainOnBatch` and per batch of `fit`; PyTorch runs
nn.LSTM / nn.GRU(batch_first=True) with torch.set_num_threads(2): forward, loss.backward(),
torch.optim.Adam.step(), zero_grad. Without torch (try /work/.venv-bench/bin/python) it prints
ours only. `--threads` sets both sides' threads (OPENBLAS_NUM_THREADS, which also sizes our
thread team, and torch.set_num_threads; default 2). Besides wall time (median and best) it prints
CPU time per step (all threads): on a machine other jobs share, wall time swings several-fold
(PyTorch's 123 ms became 400-1000 ms here) while CPU time, at one thread above all, stays close to
the real work, so `--threads 1` compares the two implementations' efficiency robustly. The ratio is PyTorch / ours (above 1: we are faster); the target is >= 1 for
trainOnBatch. GFLOP/s count the matrix products: 3 x 2*B*T*(F+H)*G*H, G = 4 (LSTM) or 3 (GRU).
A report, not a test: exits 0 unless our benchmark cannot run.
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
B, T, F, H = 64, 100, 128, 256


def ours(binary: Path, runs: int, threads: int) -> dict:
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run([str(binary), "--fastest", "--json", "--runs", str(runs)], check=True,
                         capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def torch_step_ms(runs: int, threads: int) -> dict | None:
    try:
        import torch
    except Exception as error:  # ImportError, or a wheel whose libraries are missing
        print(f"(PyTorch not importable here: {type(error).__name__}: {error}; ours only)\n")
        return None
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x, target = torch.randn(B, T, F), torch.randn(B, T, H)
    result = {"version": torch.__version__, "threads": torch.get_num_threads()}
    for name in ["LSTM", "GRU"]:
        module = getattr(torch.nn, name)(F, H, batch_first=True)
        optimizer = torch.optim.Adam(module.parameters(), lr=1e-3)
        times, cpu = [], []
        for run in range(runs + 2):  # two warm-up runs
            start, start_cpu = time.perf_counter(), time.process_time()
            y, _ = module(x)
            loss = torch.nn.functional.mse_loss(y, target)
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            if run >= 2:
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
        result[name] = statistics.median(times) * 1e3
        result[name + " best"] = min(times) * 1e3
        result[name + " cpu"] = statistics.median(cpu) * 1e3
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(ROOT / ".build" / "release" / "training-bench"))
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    binary = Path(args.binary)
    if not binary.exists():
        print(f"{binary} not found: build it with `swift build -c release --product training-bench`",
              file=sys.stderr)
        return 1
    mine = ours(binary, args.runs, args.threads)
    reference = torch_step_ms(args.runs, args.threads)
    rows = []
    for r in mine["rows"]:
        layer = r["name"].split()[0]
        row = dict(r)
        if reference and r["ms"] > 0:
            row["torch_ms"] = reference[layer]
            row["torch_best_ms"] = reference[layer + " best"]
            row["torch_cpu_ms"] = reference[layer + " cpu"]
            row["ratio"] = reference[layer] / r["ms"]
        rows.append(row)
    ceiling = mine["sgemm_ceiling_gflops"]
    if args.json:
        print(json.dumps({"openblas_core": mine["openblas_core"], "threads": mine["threads"],
                          "sgemm_ceiling_gflops": ceiling, "torch": reference, "rows": rows}, indent=1))
        return 0
    print(f"ours: OpenBLAS {mine['openblas_core']} kernels, {mine['threads']} threads, "
          f"sgemm ceiling {ceiling:.1f} GFLOP/s; (B, T, F) -> H = ({B}, {T}, {F}) -> {H}")
    if reference:
        print(f"PyTorch {reference['version']}, {reference['threads']} threads")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"{'training step (median)':<24}{'ours ms':>9}{'best':>7}{'CPU':>7}{'GFLOP/s':>9}{'% sgemm':>9}"
          f"{'torch ms':>10}{'best':>7}{'CPU':>7}{'ratio':>7}")
    for row in rows:
        if row["ms"] == 0:
            print(f"{row['name']:<24}{row['note']}")
            continue
        line = (f"{row['name']:<24}{row['ms']:>9.1f}{row['best_ms']:>7.1f}{row['cpu_ms']:>7.1f}{row['gflops']:>9.1f}"
                f"{100 * row['gflops'] / ceiling:>8.1f}%")
        if "ratio" in row:
            line += f"{row['torch_ms']:>10.1f}{row['torch_best_ms']:>7.1f}{row['torch_cpu_ms']:>7.1f}{row['ratio']:>7.2f}"
        print(line + (f"   {row['note']}" if row["note"] else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
