#!/usr/bin/env python3
"""Kernel benchmark: swift-rnn against ipykernel (python3), side by side in one run.

    .venv/bin/python bench/kernel_bench.py [--starts 10] [--executes 200] [--json]

Measures, per kernel:
- start-up: spawn of the kernel process to its first `kernel_info_reply` (median of --starts runs
  after one discarded warm-up start). The connection file is written and the client sockets are
  connected (reconnect interval 1 ms) before the spawn, so only the kernel's own time is counted.
- idle RSS: VmRSS from /proc/PID/status 0.5 s after the first kernel_info_reply (median).
- round trip: an execute of `1` through jupyter_client's BlockingKernelClient, from send to the
  `idle` status on IOPub (the reply read on the way), median over --executes after --warmup; and
  the same with bare zmq sockets (jupyter_client's own cost, ~1 ms, left out) for information.
It is a report: it always exits 0. Targets: start-up < 100 ms, round trip >= 5x faster than
ipykernel, idle RSS < 20 MiB.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from typing import Any

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

OURS = os.environ.get("KERNEL_NAME", "swift-rnn")
REFERENCE = "python3"
TARGET_STARTUP_MS = 100.0
TARGET_SPEEDUP = 5.0
TARGET_RSS_MIB = 20.0


def rss_mib(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        return None
    return None


def kernel_argv(name: str, connection_file: str) -> tuple[list[str], dict[str, str]]:
    spec = KernelSpecManager().get_kernel_spec(name)
    argv = [a.replace("{connection_file}", connection_file) for a in spec.argv]
    if argv[0] in ("python", "python3"):
        argv[0] = sys.executable
    return argv, {**os.environ, **spec.env}


def one_start(name: str, settle: float = 0.5) -> dict[str, float | None]:
    """Spawn the kernel, time to the first kernel_info_reply, RSS after `settle` s, shut down."""
    ctx = zmq.Context.instance()
    with tempfile.TemporaryDirectory() as tmp:
        key = uuid.uuid4().hex.encode()
        fname, info = write_connection_file(os.path.join(tmp, "kernel.json"), ip="127.0.0.1", key=key)
        session = Session(key=key, signature_scheme="hmac-sha256")
        shell = ctx.socket(zmq.DEALER)
        control = ctx.socket(zmq.DEALER)
        for sock, port in ((shell, info["shell_port"]), (control, info["control_port"])):
            sock.setsockopt(zmq.RECONNECT_IVL, 1)
            sock.setsockopt(zmq.LINGER, 0)
            sock.connect(f"tcp://127.0.0.1:{port}")
        argv, env = kernel_argv(name, fname)
        start = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        startup = None
        rss = None
        try:
            session.send(shell, "kernel_info_request", {})
            deadline = start + 60
            while time.perf_counter() < deadline:
                if shell.poll(10):
                    _, frames = session.feed_identities(shell.recv_multipart())
                    msg = session.deserialize(frames)
                    if msg["msg_type"] == "kernel_info_reply":
                        startup = time.perf_counter() - start
                        break
                if proc.poll() is not None:
                    break
            if startup is not None:
                time.sleep(settle)
                rss = rss_mib(proc.pid)
        finally:
            session.send(control, "shutdown_request", {"restart": False})
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            shell.close()
            control.close()
    return {"startup_s": startup, "rss_mib": rss}


def round_trips(name: str, executes: int, warmup: int) -> dict[str, Any]:
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        times = []
        for i in range(warmup + executes):
            t0 = time.perf_counter()
            msg_id = kc.execute("1", allow_stdin=False)
            while True:
                reply = kc.get_shell_msg(timeout=30)
                if reply["parent_header"].get("msg_id") == msg_id:
                    break
            while True:
                msg = kc.get_iopub_msg(timeout=30)
                if (
                    msg["parent_header"].get("msg_id") == msg_id
                    and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"
                ):
                    break
            if i >= warmup:
                times.append(time.perf_counter() - t0)
        times.sort()
        raw = raw_round_trips(km, kc.session, executes, warmup)
        return {
            "median_s": statistics.median(times),
            "p10_s": times[len(times) // 10],
            "p90_s": times[(len(times) * 9) // 10],
            "mean_s": statistics.fmean(times),
            "raw_median_s": statistics.median(raw),
            "rss_after_mib": rss_mib(km.provisioner.pid),  # type: ignore[union-attr]
        }
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)


def raw_round_trips(km: KernelManager, session: Session, executes: int, warmup: int) -> list[float]:
    """The same round trip with bare zmq sockets and minimal parsing (no signature check, no dates).

    jupyter_client itself costs about a millisecond per round trip (deserializing and date-parsing
    every message); this shows how much of the round trip is the kernel's.
    """
    shell = km.connect_shell(identity=uuid.uuid4().hex.encode())
    iopub = km.connect_iopub()
    time.sleep(0.3)  # let the subscription reach the kernel
    content = {"code": "1", "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}

    def frames_of(sock: zmq.Socket) -> list[bytes]:
        parts = sock.recv_multipart()
        return parts[parts.index(b"<IDS|MSG>") + 1 :]

    times = []
    try:
        for i in range(warmup + executes):
            msg = session.msg("execute_request", content)
            msg_id = msg["header"]["msg_id"]
            t0 = time.perf_counter()
            session.send(shell, msg)
            while json.loads(frames_of(shell)[2]).get("msg_id") != msg_id:
                pass
            while True:
                sig, header, parent, _, body = frames_of(iopub)[:5]
                if (
                    b'"status"' in header
                    and json.loads(parent).get("msg_id") == msg_id
                    and json.loads(body).get("execution_state") == "idle"
                ):
                    break
            if i >= warmup:
                times.append(time.perf_counter() - t0)
    finally:
        shell.close(linger=0)
        iopub.close(linger=0)
    return times


def bench_kernel(name: str, starts: int, executes: int, warmup: int, log: Any) -> dict[str, Any]:
    result: dict[str, Any] = {"kernel": name}
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        result["error"] = "kernelspec not installed"
        return result
    result["argv"] = spec.argv
    if not os.path.exists(spec.argv[0]) and spec.argv[0] not in ("python", "python3"):
        result["error"] = f"kernel binary not found: {spec.argv[0]}"
        return result
    try:
        log(f"{name}: warm-up start")
        one_start(name, settle=0.0)
        runs = []
        for i in range(starts):
            runs.append(one_start(name))
            log(f"{name}: start {i + 1}/{starts}: {runs[-1]}")
        ok = [r for r in runs if r["startup_s"] is not None]
        if not ok:
            result["error"] = "kernel never answered kernel_info"
            return result
        result["startup_s"] = statistics.median(r["startup_s"] for r in ok)
        result["startup_min_s"] = min(r["startup_s"] for r in ok)
        result["startup_max_s"] = max(r["startup_s"] for r in ok)
        result["failed_starts"] = len(runs) - len(ok)
        rss = [r["rss_mib"] for r in ok if r["rss_mib"] is not None]
        result["idle_rss_mib"] = statistics.median(rss) if rss else None
        log(f"{name}: {warmup} + {executes} executes")
        result["round_trip"] = round_trips(name, executes, warmup)
    except Exception as error:  # a report, not a test
        result["error"] = f"{type(error).__name__}: {error}"
    return result


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:.2f} ms"


def mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} MiB"


def ratio(reference: float | None, ours: float | None) -> str:
    if not reference or not ours:
        return "n/a"
    return f"{reference / ours:.1f}x"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def table(ours: dict[str, Any], ref: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    o_start, r_start = ours.get("startup_s"), ref.get("startup_s")
    o_rt = (ours.get("round_trip") or {}).get("median_s")
    r_rt = (ref.get("round_trip") or {}).get("median_s")
    o_rss, r_rss = ours.get("idle_rss_mib"), ref.get("idle_rss_mib")
    targets = {
        "startup": None if o_start is None else o_start * 1000 < TARGET_STARTUP_MS,
        "round_trip": None if not (o_rt and r_rt) else r_rt / o_rt >= TARGET_SPEEDUP,
        "idle_rss": None if o_rss is None else o_rss < TARGET_RSS_MIB,
    }
    rows = [
        ("metric", ours["kernel"], ref["kernel"], "ratio", "target", "status"),
        ("start-up to kernel_info_reply", ms(o_start), ms(r_start), ratio(r_start, o_start),
         f"< {TARGET_STARTUP_MS:.0f} ms", verdict(targets["startup"])),
        ("execute '1' round trip (median)", ms(o_rt), ms(r_rt), ratio(r_rt, o_rt),
         f">= {TARGET_SPEEDUP:.0f}x faster", verdict(targets["round_trip"])),
        ("execute '1' round trip (p90)", ms((ours.get("round_trip") or {}).get("p90_s")),
         ms((ref.get("round_trip") or {}).get("p90_s")), "", "", ""),
        ("round trip, bare zmq client (median)", ms((ours.get("round_trip") or {}).get("raw_median_s")),
         ms((ref.get("round_trip") or {}).get("raw_median_s")),
         ratio((ref.get("round_trip") or {}).get("raw_median_s"), (ours.get("round_trip") or {}).get("raw_median_s")),
         "(information)", ""),
        ("idle RSS after start-up", mib(o_rss), mib(r_rss), ratio(r_rss, o_rss),
         f"< {TARGET_RSS_MIB:.0f} MiB", verdict(targets["idle_rss"])),
        ("RSS after the executes", mib((ours.get("round_trip") or {}).get("rss_after_mib")),
         mib((ref.get("round_trip") or {}).get("rss_after_mib")), "", "", ""),
    ]
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    for res in (ours, ref):
        if "error" in res:
            lines.append(f"{res['kernel']}: {res['error']}")
    return "\n".join(lines), targets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kernel", default=OURS, help="kernel under test (default: %(default)s)")
    parser.add_argument("--reference", default=REFERENCE, help="reference kernel (default: %(default)s)")
    parser.add_argument("--starts", type=int, default=10, help="timed start-ups per kernel")
    parser.add_argument("--executes", type=int, default=200, help="timed executes per kernel")
    parser.add_argument("--warmup", type=int, default=20, help="untimed executes first")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args()

    def log(text: str) -> None:
        if not args.quiet:
            print(text, file=sys.stderr, flush=True)

    ours = bench_kernel(args.kernel, args.starts, args.executes, args.warmup, log)
    ref = bench_kernel(args.reference, args.starts, args.executes, args.warmup, log)
    text, targets = table(ours, ref)
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version()},
        "settings": {"starts": args.starts, "executes": args.executes, "warmup": args.warmup},
        "targets": {
            "startup_ms_below": TARGET_STARTUP_MS,
            "round_trip_speedup_at_least": TARGET_SPEEDUP,
            "idle_rss_mib_below": TARGET_RSS_MIB,
            "met": targets,
        },
        "kernels": [ours, ref],
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(text)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
