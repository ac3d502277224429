"""Protocol end-to-end tests for the swift-rnn kernel (ours, beyond jupyter_kernel_test).

Runs against the installed kernelspec KERNEL_NAME (default swift-rnn); KERNEL_NAME=python3 runs the
same file against ipykernel, except for the tests marked `swift_rnn_only`.
Time budget: the whole file well under a minute for our kernel.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from queue import Empty
from typing import Any

import pytest
import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session
from jupyter_kernel_test.msgspec_v5 import validate_message

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402
from kernel_support import execute, execute_ok  # noqa: E402

INTERRUPT_BOUND = 1.0  # seconds from the interrupt to the cell's idle
CONTROL_BOUND = 1.0  # seconds for control / heartbeat answers while a cell runs
SHUTDOWN_BOUND = 3.0 if ks.is_ours() else 10.0  # seconds from shutdown_request to exit (ipykernel: rare slow exits)


# ---------------------------------------------------------------------------------------------
# helpers


def raw_socket(km: Any, channel: str = "shell") -> zmq.Socket:
    """A DEALER (REQ for hb) of our own on `channel`, with its own identity."""
    connect = getattr(km, f"connect_{channel}")
    sock = connect(identity=ks.new_identity()) if channel != "hb" else connect()
    sock.setsockopt(zmq.LINGER, 0)
    return sock


def signed_frames(session: Session, msg_type: str, content: Any) -> list[bytes]:
    """[DELIM, signature, header, parent, metadata, content] for a fresh message."""
    msg = session.msg(msg_type, content if isinstance(content, dict) else {})
    frames = session.serialize(msg)
    if not isinstance(content, dict):
        frames[5] = session.pack(content)
        frames[1] = session.sign(frames[2:6])
    return frames


def resign(session: Session, frames: list[bytes]) -> list[bytes]:
    """Recompute the signature over whatever the four dict frames now hold."""
    frames = list(frames)
    frames[1] = session.sign(frames[2:6])
    return frames


def recv_all(sock: zmq.Socket, wait: float) -> list[list[bytes]]:
    """Every multipart message arriving on `sock` within `wait` seconds."""
    got = []
    deadline = time.monotonic() + wait
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not sock.poll(int(remaining * 1000)):
            return got
        got.append(sock.recv_multipart())


def heartbeat_rtt(km: Any, payload: bytes = b"ping", timeout: float = 2.0) -> float:
    sock = raw_socket(km, "hb")
    try:
        start = time.perf_counter()
        sock.send(payload)
        assert sock.poll(int(timeout * 1000)), "heartbeat not answered"
        assert sock.recv() == payload
        return time.perf_counter() - start
    finally:
        sock.close()


def error_name(ex: ks.Execution) -> str:
    return ex.content.get("ename", "")


def apply_completion(code: str, content: dict[str, Any], match: str) -> str:
    return code[: content["cursor_start"]] + match + code[content["cursor_end"] :]


# ---------------------------------------------------------------------------------------------
# kernel_info, basics


def test_kernel_info_shell_and_control(kc: Any) -> None:
    shell = ks.shell_request(kc, "kernel_info_request")
    validate_message(shell, "kernel_info_reply")
    control = ks.control_request(kc, "kernel_info_request")
    validate_message(control, "kernel_info_reply")
    content = shell["content"]
    assert content["status"] == "ok"
    assert content["protocol_version"].startswith("5.")
    assert content["implementation"]
    info = content["language_info"]
    assert info == control["content"]["language_info"]
    for key in ("name", "version", "mimetype", "file_extension"):
        assert isinstance(info.get(key), str) and info[key], key
    assert info["file_extension"] == ".py"
    assert info.get("pygments_lexer") in ("python", "ipython3")
    mode = info.get("codemirror_mode")
    assert mode == "python" or (isinstance(mode, dict) and mode.get("name") in ("python", "ipython"))
    assert isinstance(content.get("banner"), str)
    assert isinstance(content.get("help_links", []), list)
    if ks.is_ours():
        assert info["name"] != "python", "language_info.name must not claim to be python"
        assert info["pygments_lexer"] == "python" and mode in ("python", {"name": "python"})
    if ks.spec_language():
        assert info["name"] == ks.spec_language(), "kernelspec language differs from language_info.name"


def test_streams_and_result(kc: Any) -> None:
    ex = execute_ok(kc, "import sys\nprint('a', 'b', sep='-', end='!\\n')\nprint('e', file=sys.stderr)\n40 + 2")
    assert ex.stream("stdout") == "a-b!\n"
    assert ex.stream("stderr") == "e\n"
    assert ex.result_text() == "42"
    types = ex.msg_types()
    assert types[0] == "status" and types[-1] == "status"
    assert "execute_input" in types
    results = ex.outputs("execute_result")
    assert results[0]["content"]["execution_count"] == ex.content["execution_count"]


def test_error_reply_python_names(kc: Any) -> None:
    ex = execute(kc, "no_such_name_xyz")
    assert ex.status == "error"
    assert ex.content["ename"] == "NameError"
    assert ex.content["evalue"] == "name 'no_such_name_xyz' is not defined"
    errors = ex.outputs("error")
    assert len(errors) == 1
    assert errors[0]["content"]["ename"] == "NameError"
    tb = errors[0]["content"]["traceback"]
    assert isinstance(tb, list) and tb and all(isinstance(line, str) for line in tb)


def test_bad_signature_is_not_executed(km: Any, kc: Any) -> None:
    session = kc.session
    content = {
        "code": "bad_sig_marker = 1",
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    sock = raw_socket(km, "shell")
    control = raw_socket(km, "control")
    try:
        wrong = signed_frames(session, "execute_request", content)
        wrong[1] = b"0" * len(wrong[1])
        sock.send_multipart(wrong)

        empty = signed_frames(session, "execute_request", content)
        empty[1] = b""
        sock.send_multipart(empty)

        # signed for harmless code, then the content swapped
        tampered = signed_frames(session, "execute_request", dict(content, code="1"))
        tampered[5] = session.pack(content)
        sock.send_multipart(tampered)

        other_key = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
        sock.send_multipart(signed_frames(other_key, "execute_request", content))

        control_wrong = signed_frames(session, "kernel_info_request", {})
        control_wrong[1] = b"f" * len(control_wrong[1])
        control.send_multipart(control_wrong)

        answers = recv_all(sock, 0.3) + recv_all(control, 0.1)
        for frames in answers:
            idx = frames.index(b"<IDS|MSG>")
            header = json.loads(frames[idx + 2])
            assert header["msg_type"] not in ("execute_reply", "kernel_info_reply"), header
    finally:
        sock.close()
        control.close()
    ex = execute(kc, "bad_sig_marker")
    assert ex.status == "error" and error_name(ex) == "NameError"
    assert ks.alive(kc)


# ---------------------------------------------------------------------------------------------
# interrupts


@pytest.mark.parametrize("how", ["interrupt_request", "kernel_manager", "sigint"])
def test_interrupt_busy_loop(km: Any, kc: Any, how: str, record_timing: Any) -> None:
    execute_ok(kc, f"kept_{how} = 41")
    msg_id = kc.execute("while True: pass", allow_stdin=False)
    ks.wait_for_execute_input(kc, msg_id)
    time.sleep(0.05)

    if how == "interrupt_request":
        # control stays responsive while the interpreter spins
        t = time.perf_counter()
        info = ks.control_request(kc, "kernel_info_request", timeout=CONTROL_BOUND)
        record_timing("kernel_info on control during while-loop", time.perf_counter() - t)
        assert info["content"]["status"] == "ok"

    start = time.perf_counter()
    if how == "interrupt_request":
        msg = kc.session.msg("interrupt_request", {})
        kc.control_channel.send(msg)
    elif how == "kernel_manager":
        km.interrupt_kernel()
    else:
        os.kill(ks.kernel_pid(km), signal.SIGINT)
    reply = ks.wait_reply(kc.shell_channel, msg_id, timeout=5)
    replied = time.perf_counter() - start
    ks.collect_iopub(kc, msg_id, timeout=5)
    elapsed = time.perf_counter() - start
    record_timing(f"interrupt via {how}: reply / idle", f"{replied * 1000:7.1f} / {elapsed * 1000:7.1f} ms")
    if how == "interrupt_request":
        ireply = ks.wait_reply(kc.control_channel, msg["header"]["msg_id"], timeout=2)
        validate_message(ireply, "interrupt_reply")
        assert ireply["content"]["status"] == "ok"
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"
    assert elapsed < INTERRUPT_BOUND, f"interrupt took {elapsed:.3f} s"
    ex = execute_ok(kc, f"kept_{how} + 1")
    assert ex.result_text() == "42"


def test_sigint_when_idle_is_harmless(km: Any, kc: Any) -> None:
    execute_ok(kc, "idle_kept = 7")
    os.kill(ks.kernel_pid(km), signal.SIGINT)
    time.sleep(0.2)
    assert km.is_alive()
    assert execute_ok(kc, "idle_kept").result_text() == "7"


def test_control_and_heartbeat_while_sleeping(km: Any, kc: Any, record_timing: Any) -> None:
    msg_id = kc.execute("import time\ntime.sleep(2)", allow_stdin=False)
    ks.wait_for_execute_input(kc, msg_id)
    time.sleep(0.1)
    t = time.perf_counter()
    info = ks.control_request(kc, "kernel_info_request", timeout=CONTROL_BOUND)
    control_time = time.perf_counter() - t
    hb_time = heartbeat_rtt(km, b"busy-ping", timeout=CONTROL_BOUND)
    record_timing("kernel_info on control during sleep", control_time)
    record_timing("heartbeat during sleep", hb_time)
    assert info["content"]["status"] == "ok"
    assert control_time < CONTROL_BOUND and hb_time < CONTROL_BOUND
    reply = ks.wait_reply(kc.shell_channel, msg_id, timeout=10)
    assert reply["content"]["status"] == "ok"
    ks.collect_iopub(kc, msg_id)


def test_heartbeat_echoes_bytes(km: Any) -> None:
    for payload in (b"x", bytes(range(256)), b"\x00" * 1000):
        heartbeat_rtt(km, payload)


# ---------------------------------------------------------------------------------------------
# shutdown and restart


def test_shutdown_request(fresh_kernel: Any, record_timing: Any) -> None:
    km, kc = fresh_kernel
    process = km.provisioner.process
    start = time.perf_counter()
    reply = ks.control_request(kc, "shutdown_request", {"restart": False})
    validate_message(reply, "shutdown_reply")
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["restart"] is False
    try:
        code = process.wait(timeout=SHUTDOWN_BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"kernel still running {SHUTDOWN_BOUND} s after shutdown_request")
    record_timing("shutdown_request to process exit", time.perf_counter() - start)
    assert code == 0


def test_restart_gives_fresh_state(fresh_kernel: Any, record_timing: Any) -> None:
    km, kc = fresh_kernel
    execute_ok(kc, "restart_marker = 5")
    old_pid = ks.kernel_pid(km)
    start = time.perf_counter()
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=60)
    record_timing("restart_kernel until ready", time.perf_counter() - start)
    ks.flush(kc)
    assert ks.kernel_pid(km) != old_pid
    first = execute_ok(kc, "1 + 1")
    assert first.result_text() == "2"
    assert first.content["execution_count"] == 1
    ex = execute(kc, "restart_marker")
    assert ex.status == "error" and error_name(ex) == "NameError"


# ---------------------------------------------------------------------------------------------
# stdin


def test_input_round_trip(kc: Any) -> None:
    msg_id = kc.execute("name = input('Name: ')\nprint('got ' + name)", allow_stdin=True)
    request = kc.get_stdin_msg(timeout=5)
    # (jupyter_kernel_test's schema wants a number for `password`; the spec and ipykernel use a bool)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"]["prompt"] == "Name: "
    assert not request["content"]["password"]
    kc.input("Ada Lovelace")
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    assert reply["content"]["status"] == "ok"
    out = "".join(
        m["content"]["text"] for m in ks.collect_iopub(kc, msg_id) if m["msg_type"] == "stream"
    )
    assert "got Ada Lovelace" in out
    assert execute_ok(kc, "name").result_text() == "'Ada Lovelace'"


def test_input_without_stdin_is_an_error(kc: Any) -> None:
    ex = execute(kc, "value = input('x: ')", allow_stdin=False)
    assert ex.status == "error"
    with pytest.raises(Empty):
        kc.get_stdin_msg(timeout=0.3)
    assert ks.alive(kc)


# ---------------------------------------------------------------------------------------------
# execution order, counters, stop_on_error


def test_thousand_executes_in_order(kc: Any, record_timing: Any) -> None:
    n = 1000
    order: list[tuple[int, str]] = []
    start = time.perf_counter()
    records = ks.run_pipelined(kc, [f"print({i})" for i in range(n)], window=64, timeout=10, order=order)
    elapsed = time.perf_counter() - start
    record_timing(f"{n} executes pipelined (per cell)", elapsed / n)
    counts = []
    for i, rec in enumerate(records):
        assert rec.reply is not None and rec.reply["content"]["status"] == "ok", i
        counts.append(rec.reply["content"]["execution_count"])
        text = "".join(
            m["content"]["text"] for m in rec.iopub if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
        )
        assert text == f"{i}\n", (i, text)
        types = [m["msg_type"] for m in rec.iopub]
        assert types[0] == "status" and rec.iopub[0]["content"]["execution_state"] == "busy", (i, types)
        assert types[-1] == "status" and rec.iopub[-1]["content"]["execution_state"] == "idle", (i, types)
        for m in rec.iopub[::97]:
            validate_message(m, m["msg_type"], rec.msg_id)
    assert counts == list(range(counts[0], counts[0] + n)), "execution counts not consecutive"
    # IOPub in request order: no message of cell i after one of cell i+1
    indices = [i for i, _ in order]
    assert indices == sorted(indices), "IOPub messages of different cells interleaved"


def test_stop_on_error_aborts_queued(kc: Any) -> None:
    # The sleep makes sure the next three requests are queued when the cell fails: "queued" is
    # what the kernel has received by then, and a cell failing in microseconds would race them.
    failing = kc.execute("import time\ntime.sleep(0.3)\nundefined_name_abort_test", stop_on_error=True, allow_stdin=False)
    queued = [kc.execute(f"abort_marker_{k} = 1", allow_stdin=False) for k in range(3)]
    assert ks.wait_reply(kc.shell_channel, failing)["content"]["status"] == "error"
    for msg_id in queued:
        reply = ks.wait_reply(kc.shell_channel, msg_id)
        assert reply["content"]["status"] in ("aborted", "error"), reply["content"]
    for msg_id in [failing, *queued]:
        ks.collect_iopub(kc, msg_id, validate=False)
    ex = execute(kc, "abort_marker_0")
    assert ex.status == "error" and error_name(ex) == "NameError"
    # the abort does not stick: later requests run
    assert execute_ok(kc, "after_abort = 3\nafter_abort").result_text() == "3"


def test_no_stop_on_error_runs_queued(kc: Any) -> None:
    failing = kc.execute("undefined_name_no_abort", stop_on_error=False, allow_stdin=False)
    queued = kc.execute("queued_ran = 1", allow_stdin=False)
    assert ks.wait_reply(kc.shell_channel, failing)["content"]["status"] == "error"
    assert ks.wait_reply(kc.shell_channel, queued)["content"]["status"] == "ok"
    ks.collect_iopub(kc, queued)
    assert execute_ok(kc, "queued_ran").result_text() == "1"


def test_execution_count_only_with_store_history(kc: Any) -> None:
    first = execute_ok(kc, "'a'").content["execution_count"]
    execute_ok(kc, "'b'", store_history=False)
    silent = execute_ok(kc, "silent_var = 9\nsilent_var", silent=True)
    assert "execute_input" not in silent.msg_types()
    assert "execute_result" not in silent.msg_types()
    nxt = execute_ok(kc, "'c'").content["execution_count"]
    assert nxt == first + 1
    assert execute_ok(kc, "silent_var").result_text() == "9"


def test_user_expressions(kc: Any) -> None:
    ex = execute_ok(kc, "ue_base = 21", user_expressions={"double": "ue_base * 2", "bad": "undefined_ue"})
    exprs = ex.content["user_expressions"]
    assert exprs["double"]["status"] == "ok"
    assert exprs["double"]["data"]["text/plain"] == "42"
    assert exprs["bad"]["status"] == "error"
    assert exprs["bad"]["ename"] == "NameError"


# ---------------------------------------------------------------------------------------------
# display


def test_display_update_and_clear(kc: Any) -> None:
    ex = execute_ok(
        kc,
        "from IPython.display import display, update_display, clear_output, HTML\n"
        "display(HTML('<b>v1</b>'), display_id='d1')",
    )
    shown = ex.outputs("display_data")
    assert len(shown) == 1
    assert shown[0]["content"]["data"]["text/html"] == "<b>v1</b>"
    assert "text/plain" in shown[0]["content"]["data"]
    assert shown[0]["content"]["transient"]["display_id"] == "d1"

    ex = execute_ok(kc, "update_display(HTML('<b>v2</b>'), display_id='d1')")
    updates = ex.outputs("update_display_data")
    assert len(updates) == 1
    validate_message(updates[0], "update_display_data")
    assert updates[0]["content"]["data"]["text/html"] == "<b>v2</b>"
    assert updates[0]["content"]["transient"]["display_id"] == "d1"

    ex = execute_ok(kc, "print('x')\nclear_output(wait=True)\nprint('y')")
    types = [m["msg_type"] for m in ex.outputs()]
    assert "clear_output" in types
    clear = ex.outputs("clear_output")[0]
    assert clear["content"]["wait"] is True


def test_pager_payload(kc: Any) -> None:
    code = "help(len)" if ks.is_ours() else "len?"
    ex = execute_ok(kc, code)
    payload = ex.content["payload"]
    assert len(payload) == 1
    assert payload[0]["source"] == "page"
    assert payload[0]["data"]["text/plain"]
    assert payload[0].get("start", 0) == 0


# ---------------------------------------------------------------------------------------------
# complete, inspect, is_complete, history, comms


def complete(kc: Any, code: str, cursor_pos: int | None = None) -> dict[str, Any]:
    msg_id = kc.complete(code, cursor_pos)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "complete_reply", msg_id)
    return reply["content"]


def test_complete(kc: Any) -> None:
    content = complete(kc, "pri")
    assert "print" in content["matches"]
    assert (content["cursor_start"], content["cursor_end"]) == (0, 3)

    execute_ok(kc, "import math\nmy_long_variable_name = 1")
    code = "math.sq"
    content = complete(kc, code)
    assert "math.sqrt" in {apply_completion(code, content, m) for m in content["matches"]}, content

    code = "my_long"
    content = complete(kc, code)
    assert "my_long_variable_name" in {apply_completion(code, content, m) for m in content["matches"]}

    # cursor in the middle of the code
    code = "pri\nx = 1"
    content = complete(kc, code, 3)
    assert "print\nx = 1" in {apply_completion(code, content, m) for m in content["matches"]}


def test_complete_cursor_counts_code_points(kc: Any) -> None:
    code = "s = 'h\u00e9llo \U0001f600'\npri"
    content = complete(kc, code, len(code))
    assert content["cursor_end"] == len(code)
    assert content["cursor_start"] == len(code) - 3
    assert "print" in content["matches"]


def test_inspect(kc: Any) -> None:
    msg_id = kc.inspect("print", 5, 0)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "inspect_reply", msg_id)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["found"] is True
    assert reply["content"]["data"]["text/plain"]

    msg_id = kc.inspect("print(1)", 2, 0)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    assert reply["content"]["found"] is True

    msg_id = kc.inspect("nothing_called_like_this", 10, 0)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "inspect_reply", msg_id)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["found"] is False


@pytest.mark.parametrize(
    "code,status",
    [
        ("print('a')", "complete"),
        ("x = 1", "complete"),
        ("for i in range(3):", "incomplete"),
        ("if True:", "incomplete"),
        ("print(1,", "incomplete"),
        ("1 +* 2", "invalid"),
        (")", "invalid"),
    ],
)
def test_is_complete(kc: Any, code: str, status: str) -> None:
    msg_id = kc.is_complete(code)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "is_complete_reply", msg_id)
    assert reply["content"]["status"] == status
    if status == "incomplete":
        assert isinstance(reply["content"].get("indent"), str)
    if code.endswith(":"):
        assert reply["content"]["indent"].strip() == "" and len(reply["content"]["indent"]) > 0


def test_history_tail_and_search(kc: Any) -> None:
    execute_ok(kc, "hist_a = 'history-one'")
    execute_ok(kc, "hist_b = 'history-two'")
    msg_id = kc.history(hist_access_type="tail", n=2, output=False, raw=True)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "history_reply", msg_id)
    history = reply["content"]["history"]
    assert [h[2] for h in history] == ["hist_a = 'history-one'", "hist_b = 'history-two'"]
    assert history[1][1] == history[0][1] + 1
    msg_id = kc.history(hist_access_type="search", pattern="hist_? = 'history-*'", output=False, raw=True, unique=True)
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    inputs = [h[2] for h in reply["content"]["history"]]
    assert inputs == ["hist_a = 'history-one'", "hist_b = 'history-two'"]


def test_comm_info_and_unknown_comm_open(kc: Any) -> None:
    msg_id = kc.comm_info()
    reply = ks.wait_reply(kc.shell_channel, msg_id)
    validate_message(reply, "comm_info_reply", msg_id)
    assert reply["content"]["comms"] == {}

    comm_id = uuid.uuid4().hex
    msg = kc.session.msg("comm_open", {"comm_id": comm_id, "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + 3
    closed = False
    while time.monotonic() < deadline and not closed:
        try:
            m = kc.get_iopub_msg(timeout=0.5)
        except Empty:
            continue
        closed = m["msg_type"] == "comm_close" and m["content"].get("comm_id") == comm_id
    assert closed, "no comm_close for a comm_open to an unknown target"
    assert ks.alive(kc)


# ---------------------------------------------------------------------------------------------
# robustness


def test_unknown_message_types(kc: Any) -> None:
    for channel in (kc.shell_channel, kc.control_channel):
        channel.send(kc.session.msg("no_such_request", {"x": 1}))
    time.sleep(0.1)
    assert ks.alive(kc)
    assert ks.control_request(kc, "kernel_info_request")["content"]["status"] == "ok"


def malformed_messages(session: Session) -> list[tuple[str, list[bytes]]]:
    good = signed_frames(session, "kernel_info_request", {})
    cases: list[tuple[str, list[bytes]]] = []
    for i, name in zip(range(2, 6), ("header", "parent_header", "metadata", "content")):
        for junk in (b"{not json", b"", b"[1, 2]", b'"text"', b"null", b"\xff\xfe\x00", b"{" * 5000):
            frames = list(good)
            frames[i] = junk
            cases.append((f"{name}={junk[:12]!r}", resign(session, frames)))
    header = json.loads(good[2])
    for drop in ("msg_type", "msg_id", "session", "version", "date", "username"):
        h = {k: v for k, v in header.items() if k != drop}
        frames = list(good)
        frames[2] = json.dumps(h).encode()
        cases.append((f"header without {drop}", resign(session, frames)))
    for key, value in (("msg_type", 42), ("msg_type", None), ("msg_id", 7), ("msg_type", "")):
        h = dict(header, **{key: value})
        frames = list(good)
        frames[2] = json.dumps(h).encode()
        cases.append((f"header {key}={value!r}", resign(session, frames)))
    cases.append(("only delimiter", [b"<IDS|MSG>"]))
    cases.append(("delimiter and signature", good[:2]))
    cases.append(("three dict frames", resign(session, good[:5] + [b"{}"])[:5]))
    cases.append(("no delimiter", good[2:]))
    cases.append(("empty frame", [b""]))
    cases.append(("random bytes", [os.urandom(64) for _ in range(6)]))
    cases.append(("extra buffers", good + [b"buffer1", os.urandom(100)]))
    for code in (123, None, ["print(1)"], {"a": 1}, 1.5):
        cases.append((f"execute code={code!r}", signed_frames(session, "execute_request", {"code": code, "silent": False})))
    cases.append(("execute no content keys", signed_frames(session, "execute_request", {})))
    cases.append(("execute content list", signed_frames(session, "execute_request", [1, 2])))
    cases.append(("complete cursor=str", signed_frames(session, "complete_request", {"code": "pri", "cursor_pos": "3"})))
    cases.append(("complete cursor huge", signed_frames(session, "complete_request", {"code": "pri", "cursor_pos": 10**20})))
    cases.append(("complete cursor negative", signed_frames(session, "complete_request", {"code": "pri", "cursor_pos": -4})))
    cases.append(("inspect no code", signed_frames(session, "inspect_request", {"cursor_pos": 1})))
    cases.append(("history bogus", signed_frames(session, "history_request", {"hist_access_type": "bogus", "n": "x"})))
    cases.append(("is_complete code=1", signed_frames(session, "is_complete_request", {"code": 1})))
    return cases


@pytest.mark.parametrize("channel", ["shell", "control"])
def test_malformed_frames_leave_kernel_alive(km: Any, kc: Any, channel: str) -> None:
    sock = raw_socket(km, channel)
    try:
        for name, frames in malformed_messages(kc.session):
            sock.send_multipart(frames)
            recv_all(sock, 0.0)
        recv_all(sock, 0.2)
        assert ks.alive(kc, timeout=5), "kernel stopped answering after malformed messages"
        assert km.is_alive()
    finally:
        sock.close()
    execute_ok(kc, "after_malformed = 1")


def test_garbage_on_stdin_and_heartbeat(km: Any, kc: Any) -> None:
    sock = raw_socket(km, "stdin")
    try:
        sock.send_multipart([os.urandom(32), b"<IDS|MSG>", b"", b"{", b"}"])
        sock.send_multipart([b"random"])
    finally:
        sock.close()
    heartbeat_rtt(km, os.urandom(100))
    assert ks.alive(kc)


# ---------------------------------------------------------------------------------------------
# the binary itself


def run_binary(args: list[str]) -> subprocess.CompletedProcess:
    binary = ks.kernel_binary()
    if not os.path.exists(binary):
        pytest.fail(f"kernel binary not found: {binary} (set SWIFT_RNN_KERNEL or install the kernelspec)")
    return subprocess.run([binary, *args], capture_output=True, text=True, timeout=10)


def connection_info(**overrides: Any) -> dict[str, Any]:
    info = {
        "transport": "tcp",
        "ip": "127.0.0.1",
        "shell_port": 0,
        "iopub_port": 0,
        "stdin_port": 0,
        "control_port": 0,
        "hb_port": 0,
        "signature_scheme": "hmac-sha256",
        "key": uuid.uuid4().hex,
        "kernel_name": "swift-rnn",
    }
    info.update(overrides)
    return info


@pytest.mark.swift_rnn_only
@pytest.mark.parametrize("case", ["missing", "bad_json", "hmac_md5"])
def test_connection_file_errors_exit_2(tmp_path: Any, case: str) -> None:
    path = tmp_path / "connection.json"
    if case == "bad_json":
        path.write_text("{ this is not json")
    elif case == "hmac_md5":
        path.write_text(json.dumps(connection_info(signature_scheme="hmac-md5")))
    result = run_binary(["--connection-file", str(path)])
    assert result.returncode == 2, (result.returncode, result.stderr)
    message = result.stderr.strip()
    assert message, "no message on stderr"
    assert "\n" not in message, f"expected one line on stderr, got:\n{result.stderr}"


def test_status_starting_published(tmp_path: Any) -> None:
    """Best effort: a SUB connected before the kernel starts may still miss `starting`."""
    key = uuid.uuid4().hex.encode()
    fname, info = write_connection_file(str(tmp_path / "kernel.json"), ip="127.0.0.1", key=key)
    session = Session(key=key, signature_scheme="hmac-sha256")
    ctx = zmq.Context.instance()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"")
    sub.setsockopt(zmq.RECONNECT_IVL, 1)
    sub.setsockopt(zmq.LINGER, 0)
    sub.connect(f"tcp://127.0.0.1:{info['iopub_port']}")
    shell = ctx.socket(zmq.DEALER)
    shell.setsockopt(zmq.RECONNECT_IVL, 1)
    shell.setsockopt(zmq.LINGER, 0)
    shell.connect(f"tcp://127.0.0.1:{info['shell_port']}")
    control = ctx.socket(zmq.DEALER)
    control.setsockopt(zmq.LINGER, 0)
    control.connect(f"tcp://127.0.0.1:{info['control_port']}")
    spec = ks.kernel_spec()
    argv = [a.replace("{connection_file}", fname) for a in spec.argv]
    if argv[0] in ("python", "python3"):
        argv[0] = sys.executable
    proc = subprocess.Popen(argv, env={**os.environ, **spec.env}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    states: list[str] = []
    try:
        session.send(shell, "kernel_info_request", {})
        replied = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if replied and time.monotonic() - replied > 0.5:
                break
            if shell.poll(0):
                shell.recv_multipart()
                replied = replied or time.monotonic()
            if sub.poll(20):
                _, frames = session.feed_identities(sub.recv_multipart())
                msg = session.deserialize(frames)
                if msg["msg_type"] == "status":
                    states.append(msg["content"]["execution_state"])
        assert replied, "kernel never answered kernel_info"
    finally:
        session.send(control, "shutdown_request", {"restart": False})
        try:
            proc.wait(timeout=SHUTDOWN_BOUND)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        for sock in (sub, shell, control):
            sock.close()
    if "starting" not in states:
        pytest.skip(f"status 'starting' not observed (slow joiner); saw {states}")
