"""Shared helpers for the end-to-end tests: which kernel, how to start it, how to run a cell.

The kernel under test is `KERNEL_NAME` (default `swift-rnn`), found through the kernelspecs that
jupyter_client sees (`make` installs ours into the venv). `KERNEL_NAME=python3` runs the same
harness against ipykernel, which is how the harness itself is validated; tests that only make sense
for our kernel carry `@pytest.mark.swift_rnn_only` and are skipped there.

`SWIFT_RNN_KERNEL` names the kernel binary for the tests that run it directly (default: `argv[0]`
of the installed kernelspec).
"""

from __future__ import annotations

import functools
import os
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

from jupyter_client.blocking.client import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from jupyter_kernel_test.msgspec_v5 import validate_message

KERNEL_NAME = os.environ.get("KERNEL_NAME", "swift-rnn")
DEFAULT_TIMEOUT = 15.0


@functools.lru_cache(maxsize=None)
def kernel_spec(name: str = KERNEL_NAME) -> KernelSpec:
    """The kernelspec jupyter_client resolves for `name` (raises NoSuchKernel if not installed)."""
    return KernelSpecManager().get_kernel_spec(name)


@functools.lru_cache(maxsize=None)
def is_ipykernel(name: str = KERNEL_NAME) -> bool:
    """True when `name` is an ipykernel spec (the reference we validate the harness against)."""
    try:
        spec = kernel_spec(name)
    except Exception:
        return name == "python3"
    return any("ipykernel" in part for part in spec.argv)


def is_ours(name: str = KERNEL_NAME) -> bool:
    return not is_ipykernel(name)


def kernel_binary() -> str:
    """Path of the swift-rnn kernel executable (env SWIFT_RNN_KERNEL, else the spec's argv[0])."""
    env = os.environ.get("SWIFT_RNN_KERNEL")
    if env:
        return env
    return kernel_spec().argv[0]


def spec_language(name: str = KERNEL_NAME) -> str:
    """The `language` field of the kernelspec (expected to equal language_info.name)."""
    try:
        return kernel_spec(name).language
    except Exception:
        return ""


# ---------------------------------------------------------------------------------------------
# Starting kernels


def start_kernel(name: str = KERNEL_NAME, timeout: float = 60.0) -> tuple[KernelManager, BlockingKernelClient]:
    """Start a kernel with a blocking client whose channels are running and which is ready."""
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=timeout)
    except Exception:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        raise
    flush(kc)
    return km, kc


def stop_kernel(km: KernelManager, kc: BlockingKernelClient) -> None:
    try:
        kc.stop_channels()
    finally:
        if km.has_kernel:
            km.shutdown_kernel(now=False)
        km.cleanup_resources()


def kernel_pid(km: KernelManager) -> int:
    return km.provisioner.pid  # type: ignore[union-attr]


def flush(kc: BlockingKernelClient, wait: float = 0.05) -> None:
    """Drop everything pending on shell, iopub, stdin and control."""
    for channel in (kc.shell_channel, kc.iopub_channel, kc.stdin_channel, kc.control_channel):
        while True:
            try:
                channel.get_msg(timeout=wait)
            except Empty:
                break


# ---------------------------------------------------------------------------------------------
# Running cells


@dataclass
class Execution:
    """One execute_request: its reply and the IOPub messages that have it as parent."""

    msg_id: str
    code: str
    reply: dict[str, Any]
    iopub: list[dict[str, Any]] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def content(self) -> dict[str, Any]:
        return self.reply["content"]

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def outputs(self, *types: str) -> list[dict[str, Any]]:
        """IOPub messages other than status and execute_input (optionally only the given types)."""
        out = [m for m in self.iopub if m["msg_type"] not in ("status", "execute_input")]
        if types:
            out = [m for m in out if m["msg_type"] in types]
        return out

    def stream(self, name: str = "stdout") -> str:
        return "".join(
            m["content"]["text"]
            for m in self.iopub
            if m["msg_type"] == "stream" and m["content"]["name"] == name
        )

    def result_text(self) -> str | None:
        for m in self.iopub:
            if m["msg_type"] == "execute_result":
                return m["content"]["data"].get("text/plain")
        return None

    def msg_types(self) -> list[str]:
        return [m["msg_type"] for m in self.iopub]


def parent_id(msg: dict[str, Any]) -> str | None:
    """msg_id of the parent, or None when there is none (or the parent header is not an object)."""
    parent = msg.get("parent_header")
    pid = parent.get("msg_id") if isinstance(parent, dict) else None
    return pid if isinstance(pid, str) else None


def describe_parent(msg: dict[str, Any]) -> str:
    parent = msg.get("parent_header")
    if not isinstance(parent, dict):
        return f"parent_header={parent!r:.40}"
    return f"parent msg_id={parent.get('msg_id', '<missing>')!r:.40}"


def wait_reply(channel: Any, msg_id: str, timeout: float = DEFAULT_TIMEOUT) -> dict[str, Any]:
    """Next message on `channel` whose parent is `msg_id` (others are dropped)."""
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no reply to {msg_id} within {timeout} s")
        try:
            msg = channel.get_msg(timeout=remaining)
        except Empty:
            continue
        if parent_id(msg) == msg_id:
            return msg


def collect_iopub(
    kc: BlockingKernelClient, msg_id: str, timeout: float = DEFAULT_TIMEOUT, validate: bool = True
) -> list[dict[str, Any]]:
    """IOPub messages with parent `msg_id` up to and including its `idle` status."""
    deadline = time.monotonic() + timeout
    msgs: list[dict[str, Any]] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            types = [m["msg_type"] for m in msgs]
            raise TimeoutError(f"no idle for {msg_id} within {timeout} s (got {types})")
        try:
            msg = kc.get_iopub_msg(timeout=remaining)
        except Empty:
            continue
        if parent_id(msg) != msg_id:
            continue
        if validate:
            validate_message(msg, msg["msg_type"], msg_id)
        msgs.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs


def execute(
    kc: BlockingKernelClient,
    code: str,
    timeout: float = DEFAULT_TIMEOUT,
    validate: bool = True,
    **kwargs: Any,
) -> Execution:
    """Run `code`, wait for its execute_reply and its IOPub output up to `idle`."""
    kwargs.setdefault("allow_stdin", False)
    start = time.perf_counter()
    msg_id = kc.execute(code, **kwargs)
    reply = wait_reply(kc.shell_channel, msg_id, timeout)
    if validate and reply["content"].get("status") != "aborted":  # the v5 schema only knows "abort"
        validate_message(reply, "execute_reply", msg_id)
    iopub = collect_iopub(kc, msg_id, timeout, validate=validate)
    return Execution(msg_id, code, reply, iopub, time.perf_counter() - start)


def execute_ok(kc: BlockingKernelClient, code: str, **kwargs: Any) -> Execution:
    """`execute` and assert the reply status is ok (shows the error otherwise)."""
    ex = execute(kc, code, **kwargs)
    if ex.status == "aborted":
        raise AssertionError(f"{short(code)} was answered 'aborted' although it was sent after the previous request's idle")
    assert ex.status == "ok", f"{short(code)} failed: {ex.content.get('ename')}: {ex.content.get('evalue')}"
    return ex


def control_request(
    kc: BlockingKernelClient, msg_type: str, content: dict[str, Any] | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    """Send `msg_type` on the control channel and return its reply."""
    msg = kc.session.msg(msg_type, content or {})
    kc.control_channel.send(msg)
    return wait_reply(kc.control_channel, msg["header"]["msg_id"], timeout)


def shell_request(
    kc: BlockingKernelClient, msg_type: str, content: dict[str, Any] | None = None, timeout: float = 5.0
) -> dict[str, Any]:
    """Send `msg_type` on the shell channel and return its reply."""
    msg = kc.session.msg(msg_type, content or {})
    kc.shell_channel.send(msg)
    return wait_reply(kc.shell_channel, msg["header"]["msg_id"], timeout)


def wait_for_execute_input(kc: BlockingKernelClient, msg_id: str, timeout: float = 5.0) -> list[dict[str, Any]]:
    """Wait until the kernel has started running `msg_id` (its execute_input on IOPub)."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=max(0.0, deadline - time.monotonic()))
        except Empty:
            break
        if parent_id(msg) != msg_id:
            continue
        seen.append(msg)
        if msg["msg_type"] == "execute_input":
            return seen
    raise TimeoutError(f"execute_input for {msg_id} not seen within {timeout} s")


def alive(kc: BlockingKernelClient, timeout: float = 5.0) -> bool:
    """True when the kernel answers kernel_info on shell within `timeout`."""
    try:
        reply = shell_request(kc, "kernel_info_request", timeout=timeout)
    except TimeoutError:
        return False
    return reply["content"].get("status") == "ok"


def new_identity() -> bytes:
    return uuid.uuid4().hex.encode()


# ---------------------------------------------------------------------------------------------
# Many requests in flight


def short(code: str, limit: int = 160) -> str:
    """repr of `code`, cut to `limit` characters with the full length noted."""
    if len(code) <= limit:
        return repr(code)
    return f"{code[:limit]!r}... ({len(code)} chars)"


class KernelHang(AssertionError):
    """A request got no reply in time (even after an interrupt, if tried), or the kernel died."""

    def __init__(self, message: str, index: int = -1, code: str = "", dead: bool = False) -> None:
        super().__init__(message)
        self.index = index
        self.code = code
        self.dead = dead


@dataclass
class Pending:
    """One request sent by `run_pipelined` and what came back for it."""

    index: int
    msg_id: str
    code: str
    sent: float
    reply: dict[str, Any] | None = None
    replied: float = 0.0
    iopub: list[dict[str, Any]] = field(default_factory=list)
    iopub_count: int = 0
    busy: bool = False
    idle: bool = False
    interrupted: bool = False


def run_pipelined(
    kc: BlockingKernelClient,
    cells: list[str],
    window: int = 32,
    timeout: float = 10.0,
    keep_iopub: bool = True,
    on_timeout: Any = None,
    execute_kwargs: Any = None,
    order: list[tuple[int, str]] | None = None,
    stray: Counter | None = None,
    is_alive: Any = None,
) -> list[Pending]:
    """Run `cells` with up to `window` execute_requests in flight, reading shell and IOPub together.

    Replies must come back in the order sent; a reply later than `timeout` seconds after the previous
    one calls `on_timeout(pending)` once (e.g. to interrupt) and raises KernelHang the second time.
    `execute_kwargs(i)` gives the execute arguments of cell i. IOPub messages are kept per request
    when `keep_iopub`; `order`, when given, receives (index, msg_type) for every IOPub message in
    arrival order. `stray`, when given, counts messages whose parent_header is not an object
    or whose parent msg_id is not a string (key: channel, type and parent). Returns after every request has its reply and its `idle`.
    """
    import zmq

    shell, iopub = kc.shell_channel, kc.iopub_channel
    poller = zmq.Poller()
    poller.register(shell.socket, zmq.POLLIN)
    poller.register(iopub.socket, zmq.POLLIN)
    records: list[Pending] = []
    by_id: dict[str, Pending] = {}
    in_flight: list[Pending] = []
    head = 0  # index into in_flight of the oldest request without reply
    next_cell = 0
    last_progress = time.monotonic()
    last_check = last_progress
    unfinished = 0  # requests without reply or without idle

    def drain_iopub() -> None:
        nonlocal unfinished, last_progress
        while True:
            try:
                msg = iopub.get_msg(timeout=0)
            except Empty:
                return
            pid = parent_id(msg)
            if pid is None and stray is not None and msg.get("parent_header") != {}:
                stray[f"iopub {msg['msg_type']} {describe_parent(msg)}"] += 1
            rec = by_id.get(pid or "")
            if rec is None:
                continue
            rec.iopub_count += 1
            if keep_iopub:
                rec.iopub.append(msg)
            if order is not None:
                order.append((rec.index, msg["msg_type"]))
            if msg["msg_type"] == "status":
                state = msg["content"]["execution_state"]
                if state == "busy":
                    rec.busy = True
                elif state == "idle" and not rec.idle:
                    rec.idle = True
                    last_progress = time.monotonic()
                    if rec.reply is not None:
                        unfinished -= 1

    def drain_shell() -> None:
        nonlocal head, unfinished, last_progress
        while True:
            try:
                msg = shell.get_msg(timeout=0)
            except Empty:
                return
            pid = parent_id(msg)
            if pid is None and stray is not None and msg.get("parent_header") != {}:
                stray[f"shell {msg['msg_type']} {describe_parent(msg)}"] += 1
            rec = by_id.get(pid or "")
            if rec is None or msg["msg_type"] != "execute_reply":
                continue
            expected = in_flight[head]
            if rec is not expected:
                raise AssertionError(
                    f"execute_reply out of order: got cell {rec.index}, expected cell {expected.index}: "
                    f"{short(expected.code)}"
                )
            rec.reply = msg
            rec.replied = time.monotonic()
            last_progress = rec.replied
            head += 1
            if rec.idle:
                unfinished -= 1

    while next_cell < len(cells) or unfinished > 0:
        while next_cell < len(cells) and (len(in_flight) - head) < window:
            kwargs = dict(execute_kwargs(next_cell)) if execute_kwargs else {}
            kwargs.setdefault("allow_stdin", False)
            msg_id = kc.execute(cells[next_cell], **kwargs)
            rec = Pending(next_cell, msg_id, cells[next_cell], time.monotonic())
            if head == len(in_flight):
                last_progress = rec.sent
            records.append(rec)
            by_id[msg_id] = rec
            in_flight.append(rec)
            unfinished += 1
            next_cell += 1
        events = dict(poller.poll(50))
        if iopub.socket in events:
            drain_iopub()
        if shell.socket in events:
            drain_shell()
            drain_iopub()
        waited = time.monotonic() - last_progress
        if unfinished > 0 and is_alive is not None and waited > 0.5 and time.monotonic() - last_check > 0.5:
            last_check = time.monotonic()
            if not is_alive():
                stuck = in_flight[head] if head < len(in_flight) else next(r for r in records if not r.idle)
                raise KernelHang(
                    f"kernel process died while running cell {stuck.index}: {short(stuck.code)}",
                    stuck.index, stuck.code, dead=True,
                )
        if unfinished > 0 and waited > timeout:
            stuck = in_flight[head] if head < len(in_flight) else next(r for r in records if not r.idle)
            if on_timeout is not None and not stuck.interrupted:
                stuck.interrupted = True
                on_timeout(stuck)
                last_progress = time.monotonic()
            else:
                what = "reply" if stuck.reply is None else "idle"
                raise KernelHang(
                    f"no {what} for cell {stuck.index} within {timeout} s: {short(stuck.code)}", stuck.index, stuck.code
                )
    return records
