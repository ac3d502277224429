"""Fuzz one live kernel with random and mutated cells and malformed messages.

- FUZZ_CELLS (default 10000) cells: token soup over the language's keywords, operators, literals
  and names; mutations of valid snippets (deletion, duplication, bracket/quote insertion, huge
  numbers, deep nesting, unicode, truncation, splicing); a few hostile snippets (deep nesting,
  runaway recursion, huge literals). Every execute must get a reply with status ok or error within
  FUZZ_CELL_TIMEOUT seconds (default 10); a cell that times out is interrupted once and must then
  answer (reported, not a failure), a second silence fails the test and names the cell.
  FUZZ_KEEP_GOING=1 restarts the kernel after a crash or hang and lists every such cell at the end.
- FUZZ_MESSAGES (default 300) malformed messages on shell/control/stdin/heartbeat (bad JSON in each
  frame, wrong content types, missing header fields, random bytes), interleaved with the cells,
  plus a few hundred complete/inspect/is_complete requests with random code and cursor positions.
- At the end the kernel answers kernel_info, a variable defined before the fuzzing still holds its
  value, and `x = 1` then `x` gives 1.
- Our kernel only: no message may carry a malformed parent_header (a request whose header is not
  an object or whose msg_id is not a string must be dropped, not executed; ipykernel echoes it).

Deterministic: FUZZ_SEED (default 20240611). Cells never contain `while`, `sleep`, `exit`, ...
and loops/allocations with big numbers are filtered out, so no cell legitimately runs long.
Preview the cells with:  python tests/test_fuzz.py [count]; one cell in full: --cell N
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
from collections import Counter
from typing import Any, Callable

import pytest

sys.path.insert(0, os.path.dirname(__file__))

import kernel_support as ks  # noqa: E402

FUZZ_CELLS = int(os.environ.get("FUZZ_CELLS", "10000"))
FUZZ_MESSAGES = int(os.environ.get("FUZZ_MESSAGES", "300"))
FUZZ_SEED = int(os.environ.get("FUZZ_SEED", "20240611"))
CELL_TIMEOUT = float(os.environ.get("FUZZ_CELL_TIMEOUT", "10"))
WINDOW = int(os.environ.get("FUZZ_WINDOW", "16"))
KEEP_GOING = os.environ.get("FUZZ_KEEP_GOING", "") not in ("", "0")
SENTINEL = "fuzz_sentinel_kept"

# ---------------------------------------------------------------------------------------------
# vocabulary

KEYWORDS = [
    "if", "elif", "else", "for", "in", "not", "and", "or", "is", "def", "return", "lambda",
    "import", "from", "as", "pass", "break", "continue", "None", "True", "False", "class", "try",
    "except", "finally", "raise", "with", "global", "nonlocal", "del", "assert", "yield", "async",
    "await",
]
OPERATORS = [
    "+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", ">", "<=", ">=", "=", "+=", "-=", "*=",
    "/=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "&", "|", "^", "~", "<<", ">>",
    "->", ":=", "...",
]
LITERALS = [
    "0", "1", "2", "3", "7", "10", "42", "-1", "0.5", "3.14", "1e3", "1e-9", "0x1f", "0b101",
    "0o17", "1_000", "'a'", '"b"', "''", '""', "'''t'''", '"""u"""', "'\\n'", "'\\x41'", "r'\\d'",
    "f'{a}'", "b'x'", "None", "True", "False", "'h\u00e9'", "'\u4e2d'", "'\U0001f600'",
]
NAMES = [
    "a", "b", "x", "y", "i", "n", "s", "f", "g", "lst", "d", "t", "np", "tf", "math", "print",
    "len", "range", "str", "int", "float", "list", "dict", "tuple", "abs", "min", "max", "sum",
    "sorted", "enumerate", "zip", "isinstance", "type", "repr", "bool", "round", "display", "HTML",
    "clear_output", "update_display", "sys", "time", "shape", "append", "keys", "items", "sqrt",
    "zeros", "ones", "randn", "random", "reshape", "sum", "mean", "layers", "LSTM", "Dense", "keras",
    "help", "input", "\u00e9t\u00e9", "\u53d8\u91cf", "_", "__name__",
]
WHITESPACE = [" ", " ", " ", "\n", "\n    ", "\t", "    "]

SNIPPETS = [
    "a = 1",
    "b = [1, 2, 3]\nb",
    "print('hello', 'world', sep=', ', end='!\\n')",
    "import sys\nprint('err', file=sys.stderr)",
    "x = 5\ny = x * 2 + 1\ny",
    "s = 'abc' + \"def\"\nlen(s)",
    "t = (1, 2.5, None, True, False)\nt",
    "d = {'k': 1, 'j': [1, 2]}\nd['j']",
    "for i in range(3):\n    print(i)",
    "if x > 3:\n    print('big')\nelif x == 3:\n    print('three')\nelse:\n    print('small')",
    "def f(n):\n    return n + 1\nf(41)",
    "def g(a, b=2):\n    if a:\n        return a * b\n    return b\ng(3)",
    "lst = [i * 2 for i in range(5)]\nlst[1:3]",
    "lst.append(7)\nlst[-1]",
    "import math\nmath.sqrt(16) + math.pi",
    "abs(-3), min(1, 2), max([4, 5]), sum([1, 2, 3])",
    "sorted([3, 1, 2], reverse=True)",
    "str(12) + repr('q') + str(1.5)",
    "int('42') + float('1.5')",
    "1 / 0",
    "undefined_name_here",
    "[1, 2, 3][10]",
    "'abc'.upper().lower()",
    "not True or (1 < 2 <= 3)",
    "x if x else y",
    "lambda q: q + 1",
    "help(len)",
    "from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))",
    "from IPython.display import display\ndisplay(42, display_id='fz')",
    "from IPython.display import update_display\nupdate_display(43, display_id='fz')",
    "from IPython.display import clear_output\nclear_output(wait=True)",
    "import numpy as np\nnp.zeros((2, 3)).shape",
    "import numpy as np\na = np.random.randn(3, 2, 10)\na.shape",
    "import numpy as np\n(np.ones((2, 2)) @ np.ones((2, 2))).sum()",
    "import tensorflow as tf\nlstm = tf.keras.layers.LSTM(4)\nlstm",
    "import tensorflow as tf\nimport numpy as np\nh = tf.keras.layers.LSTM(3)(np.random.randn(2, 2, 4))\nh.shape",
    "import time\nt0 = time.time()\nt0 > 0",
    "value = input('prompt: ')",
    "print(*[1, 2, 3])",
    "a, b = 1, 2\na + b",
    "x += 1\nx",
    "del a",
    "assert 1 == 2, 'nope'",
    "raise ValueError('bad')",
    "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught', e)",
    "class C:\n    pass\nC()",
    "# only a comment",
    "",
    "   ",
    "\n\n\n",
    "pass",
    "1; 2; 3",
    "print('\u00e9\u00e8\u4e2d\U0001f600')",
    "'\\u00e9'",
    "len('\U0001f600')",
]

HOSTILE = [
    "(" * 5000 + "1" + ")" * 5000,
    "[" * 3000 + "]" * 3000,
    "abs(" * 2000 + "1" + ")" * 2000,
    "x = " + "[" * 1000 + "1" + "]" * 1000,
    "".join("    " * k + "if True:\n" for k in range(120)) + "    " * 120 + "pass",
    "'" + "a" * 100000 + "'",
    "print('" + "z" * 200000 + "')",
    "9" * 5000,
    "-" + "9" * 400 + ".5e-999",
    "1e999",
    "-1e999 * 0",
    "123456789012345678901234567890 + 1",
    "0x" + "f" * 64,
    "def r(n):\n    return r(n + 1)\nr(0)",
    "def r2(n):\n    return [r2(n + 1)]\nr2(0)",
    "lst2 = [1]\nfor _ in range(30):\n    lst2 = [lst2]\nlst2",
    "print(" + ", ".join(["1"] * 5000) + ")",
    "f(" + "a=1, " * 3000 + ")",
    "\x00",
    "print('\\x00')",
    "\ufeffprint(1)",
    "print(1)\r\nprint(2)\rprint(3)",
    "\u202eprint('rtl')",
    "x\u200b = 1",
    "\t\tprint(1)",
    "if True:\n\tprint(1)\n        print(2)",
    "\\",
    "'''",
    '"""' + "never closed",
    "#" * 10000,
    "\n" * 10000 + "1",
]

# Long operator chains: ipykernel 7.4 sends no execute_reply at all for these (a RecursionError
# escapes its handler), so they only run against our kernel, which must answer (ok or error).
HOSTILE_CHAINS = [
    "-" * 5000 + "1",
    "not " * 3000 + "True",
    "1" + " + 1" * 20000,
    "x = 0\nx" + " - x" * 20000,
    "[" + "[1], " * 20000 + "]",
]
if ks.is_ours():
    HOSTILE += HOSTILE_CHAINS

UNICODE = [
    "\u00e9", "\u00df", "\u4e2d", "\U0001f600", "\u200b", "\u202e", "\ufeff", "\x00", "\t", "\r",
    "\x0b", "\x0c", "\u2028", "\u0301", "\ufb01", "\u0663", "\uff08", "\uff09", "\u00a0", "\x7f",
    "\U00010348", "\u2603", "\x1b[31m",
]
BRACKETS = ["(", ")", "[", "]", "{", "}", "'", '"', "'''", '"""', ":", ",", ".", "\\", "#", "\n", "    "]
HUGE = [
    "9" * 40, "1" + "0" * 400, "1e308", "1e999", "-1e-999", "0x" + "f" * 40, "1_" * 20 + "0",
    "18446744073709551616", "9223372036854775807", "-9223372036854775808", "4294967296",
    "0.1e-400", "1." + "3" * 200, "00", "-0", "0b" + "1" * 100, "0o" + "7" * 40,
]

DENY = re.compile(
    r"\b(while|sleep|exit|quit|os|open|eval|exec|compile|__import__|globals|locals|vars|setattr|"
    r"getattr|delattr|breakpoint|memoryview|subprocess|shutil|signal|ctypes|gc|setrecursionlimit|"
    r"reset|system|%s)\b" % SENTINEL
)
NUMBER = re.compile(r"\d+")
HEAVY = re.compile(  # things that loop or allocate in proportion to a number
    r"range|np\.|tf\.|zeros|ones|rand|full|empty|arange|repeat|LSTM|Dense|GRU|RNN|Embedding|"
    r"\*|<<|pow|\bfor\b|%|format|f'|f\"|just|center|zfill|expandtabs|\{"
)


def is_safe(cell: str) -> bool:
    """Reject cells that could legitimately run for a long time or allocate gigabytes."""
    if DENY.search(cell) or re.search(r"help\s*\(\s*\)", cell) or "%" in cell.lstrip()[:1]:
        return False
    if "!" in cell.lstrip()[:1] or cell.rstrip().endswith("?"):
        return False  # IPython shell escapes / pagers when validating against ipykernel
    numbers = NUMBER.findall(cell)
    big = any(len(n) > 2 for n in numbers)
    if big and HEAVY.search(cell):
        return False
    powers = cell.count("**") + cell.count("<<") + cell.count("pow")
    if powers > 1 or (powers and big):
        return False
    if cell.count("for") >= 2 or (cell.count("*") - 2 * cell.count("**")) > 3:
        return False
    if "yield" in cell or "lambda" in cell and cell.count("(") > 3:
        return False  # generators/lambdas applied to themselves
    if re.search(r"\bdef\b", cell) and not cell.startswith("def r"):
        # user functions may recurse; keep them, but never together with loops or big numbers
        if "for" in cell or big:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# generators


def token_soup(rng: random.Random) -> str:
    n = rng.randint(1, 25)
    parts = []
    for _ in range(n):
        pool = rng.choices([KEYWORDS, OPERATORS, LITERALS, NAMES, WHITESPACE], weights=[3, 5, 4, 6, 2])[0]
        parts.append(rng.choice(pool))
        if rng.random() < 0.7:
            parts.append(" ")
    return "".join(parts).strip(" ")


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(9)
        n = len(text)
        pos = rng.randint(0, n)
        if op == 0 and n:  # delete a span
            end = min(n, pos + rng.randint(1, 6))
            text = text[:pos] + text[end:]
        elif op == 1 and n:  # duplicate a span
            end = min(n, pos + rng.randint(1, 12))
            text = text[:pos] + text[pos:end] * rng.randint(2, 4) + text[end:]
        elif op == 2:  # bracket / quote / structure insertion
            text = text[:pos] + rng.choice(BRACKETS) + text[pos:]
        elif op == 3:  # huge number
            if NUMBER.search(text) and rng.random() < 0.7:
                text = NUMBER.sub(lambda m: rng.choice(HUGE) if rng.random() < 0.5 else m.group(0), text, count=1)
            else:
                text = text[:pos] + rng.choice(HUGE) + text[pos:]
        elif op == 4:  # deep nesting
            depth = rng.choice([10, 50, 100, 300, 1000])
            kind = rng.randrange(4)
            if kind == 0:
                text = "(" * depth + text + ")" * depth
            elif kind == 1:
                text = "[" * depth + text + "]" * depth
            elif kind == 2:
                text = "-" * depth + text
            else:
                text = "".join("    " * k + "if True:\n" for k in range(min(depth, 60))) + "    " * min(depth, 60) + text
        elif op == 5:  # unicode
            text = text[:pos] + rng.choice(UNICODE) + text[pos:]
        elif op == 6:  # truncate
            text = text[:pos]
        elif op == 7:  # splice with another snippet
            other = rng.choice(SNIPPETS)
            text = text[:pos] + rng.choice(["", "\n", "; ", " "]) + other + text[pos:]
        else:  # swap two characters / re-indent
            if n >= 2:
                i, j = sorted(rng.sample(range(n), 2))
                text = text[:i] + text[j] + text[i + 1 : j] + text[i] + text[j + 1 :]
            else:
                text = "    " + text
    return text


def generate_cells(count: int, seed: int = FUZZ_SEED) -> list[str]:
    """`count` cells: token soup, mutated snippets, plain snippets, and the hostile cells once each."""
    rng = random.Random(seed)
    hostile = HOSTILE[: max(0, min(len(HOSTILE), count // 50))]
    cells: list[str] = []
    while len(cells) < count - len(hostile):
        r = rng.random()
        if r < 0.40:
            cell = token_soup(rng)
        elif r < 0.90:
            cell = mutate(rng, rng.choice(SNIPPETS))
        elif r < 0.96:
            cell = rng.choice(SNIPPETS)
        else:
            cell = mutate(rng, token_soup(rng))
        if is_safe(cell):
            cells.append(cell)
    for cell in hostile:
        cells.insert(rng.randint(0, len(cells)), cell)
    return cells


def execute_flags(seed: int) -> Callable[[int], dict[str, Any]]:
    rng = random.Random(seed + 1)

    def flags(i: int) -> dict[str, Any]:
        r = rng.random()
        return {
            "silent": r < 0.05,
            "store_history": r >= 0.10,
            "stop_on_error": False,
            "allow_stdin": False,
            "user_expressions": {"ue": rng.choice(["a", "x + 1", "len(lst)", ")("])} if r > 0.97 else None,
        }

    return flags


# ---------------------------------------------------------------------------------------------
# malformed messages


def malformed_message(rng: random.Random, session: Any) -> tuple[str, list[bytes]]:
    """(channel, frames) for one malformed or hostile message."""
    channel = rng.choices(["shell", "control", "stdin", "hb"], weights=[6, 3, 1, 1])[0]
    if channel == "hb":
        return channel, [bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))]
    msg_type = rng.choice(
        ["execute_request", "kernel_info_request", "complete_request", "inspect_request",
         "is_complete_request", "history_request", "comm_info_request", "comm_open", "comm_msg",
         "comm_close", "input_reply", "no_such_request", "debug_request"]
    )
    weird_values = [123, -1, 10**20, 1.5, None, True, "str", "", [], [1, "a"], {}, {"a": {"b": [None]}}, "\u00e9\U0001f600"]
    content: Any = {}
    if msg_type == "execute_request":
        content = {"code": "1", "silent": False, "store_history": True, "user_expressions": {},
                   "allow_stdin": False, "stop_on_error": False}
    elif msg_type in ("complete_request", "inspect_request"):
        content = {"code": "pri", "cursor_pos": 3, "detail_level": 0}
    elif msg_type == "is_complete_request":
        content = {"code": "for i in x:"}
    elif msg_type == "history_request":
        content = {"hist_access_type": "tail", "n": 3, "output": False, "raw": True}
    elif msg_type.startswith("comm_"):
        content = {"comm_id": "c" + str(rng.random()), "target_name": "nope", "data": {}}
    elif msg_type == "input_reply":
        content = {"value": "x"}
    for key in list(content):
        if rng.random() < 0.4:
            content[key] = rng.choice(weird_values)
        elif rng.random() < 0.1:
            del content[key]
    if msg_type == "execute_request" and isinstance(content.get("code"), str):
        content["code"] = rng.choice(["1", "", "x = 2", "print('m')"])  # no input(), no loops
    if msg_type == "execute_request":
        content["allow_stdin"] = False  # never make the kernel wait for our raw socket
        content["stop_on_error"] = False  # never abort the fuzz cells queued behind it
    if rng.random() < 0.1 and msg_type != "execute_request":
        content = rng.choice([[1, 2], "content", 5, None])
    msg = session.msg(msg_type, {})
    frames = session.serialize(msg)
    frames[5] = json.dumps(content).encode()
    kind = rng.randrange(8)
    if kind == 0:  # bad JSON in one frame
        i = rng.randint(2, 5)
        frames[i] = rng.choice([b"{", b"{'a': 1}", b"nan", b"\xff\xfe", b"[" * 1000, b"", b'{"a":}'])
    elif kind == 1:  # header field missing or mistyped
        header = json.loads(frames[2])
        field = rng.choice(list(header))
        if rng.random() < 0.5:
            del header[field]
        else:
            header[field] = rng.choice(weird_values)
        frames[2] = json.dumps(header).encode()
    elif kind == 2:  # parent/metadata not objects
        frames[rng.choice([3, 4])] = json.dumps(rng.choice(weird_values)).encode()
    elif kind == 3:  # random bytes everywhere, maybe no delimiter
        frames = [bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 64))) for _ in range(rng.randint(1, 8))]
        if rng.random() < 0.5:
            frames.insert(rng.randint(0, len(frames)), b"<IDS|MSG>")
        return channel, frames
    elif kind == 4:  # truncated
        frames = frames[: rng.randint(1, 5)]
    elif kind == 5:  # bad signature
        frames[1] = bytes(rng.getrandbits(8) for _ in range(64))
        return channel, frames
    elif kind == 6:  # extra buffers
        frames += [bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 50))) for _ in range(rng.randint(1, 3))]
    # kind 7: only content types are off
    if len(frames) >= 6:
        frames[1] = session.sign(frames[2:6])
    return channel, frames


# ---------------------------------------------------------------------------------------------
# the test


def send_malformed_burst(rng: random.Random, kc: Any, sockets: dict[str, Any], count: int) -> None:
    for _ in range(count):
        channel, frames = malformed_message(rng, kc.session)
        sock = sockets[channel]
        if channel == "hb":
            sock.send(frames[0])
            assert sock.poll(2000), "heartbeat stopped answering"
            assert sock.recv() == frames[0]
        else:
            sock.send_multipart(frames)
    for channel in ("shell", "control", "stdin"):
        while sockets[channel].poll(0):
            sockets[channel].recv_multipart()


def open_raw_sockets(km: Any) -> dict[str, Any]:
    import zmq

    sockets = {}
    for channel in ("shell", "control", "stdin"):
        sock = getattr(km, f"connect_{channel}")(identity=ks.new_identity())
        sock.setsockopt(zmq.LINGER, 0)
        sockets[channel] = sock
    sockets["hb"] = km.connect_hb()
    sockets["hb"].setsockopt(zmq.LINGER, 0)
    return sockets


@pytest.mark.fuzz
def test_fuzz_one_kernel(record_timing: Any) -> None:
    km, kc = ks.start_kernel()
    sockets = open_raw_sockets(km)
    try:
        ks.execute_ok(kc, f"{SENTINEL} = 1")
        cells = generate_cells(FUZZ_CELLS)
        rng = random.Random(FUZZ_SEED + 2)
        # malformed messages are sent between chunks of cells, so they hit a busy kernel too
        chunk = max(1, FUZZ_CELLS // max(1, FUZZ_MESSAGES // 5)) if FUZZ_MESSAGES else FUZZ_CELLS
        flags = execute_flags(FUZZ_SEED)
        outcomes: Counter[str] = Counter()
        stray: Counter[str] = Counter()
        malformed_sent = 0
        interrupted: list[str] = []
        crashes: list[str] = []  # with FUZZ_KEEP_GOING=1
        start = time.perf_counter()
        cell_time = 0.0

        def on_timeout(pending: ks.Pending) -> None:
            interrupted.append(pending.code)
            km.interrupt_kernel()

        pos = 0
        while pos < len(cells):
            part = cells[pos : pos + chunk]
            t = time.perf_counter()
            try:
                records = ks.run_pipelined(
                    kc, part, window=WINDOW, timeout=CELL_TIMEOUT, keep_iopub=False, on_timeout=on_timeout,
                    execute_kwargs=lambda i, o=pos: flags(o + i), stray=stray, is_alive=km.is_alive,
                )
            except ks.KernelHang as hang:
                where = f"fuzz cell {pos + hang.index} (show it: python tests/test_fuzz.py --cell {pos + hang.index})"
                if not KEEP_GOING:
                    pytest.fail(f"{hang}\n{where}")
                crashes.append(f"{where}: {'died' if hang.dead else 'hung'}: {ks.short(hang.code, 100)}")
                km.restart_kernel(now=True)
                kc.wait_for_ready(timeout=60)
                ks.flush(kc)
                for sock in sockets.values():
                    sock.close()
                sockets = open_raw_sockets(km)
                ks.execute_ok(kc, f"{SENTINEL} = 1")
                pos += hang.index + 1
                continue
            cell_time += time.perf_counter() - t
            for rec in records:
                status = rec.reply["content"]["status"] if rec.reply else "none"
                outcomes[status] += 1
                assert status in ("ok", "error"), f"cell {pos + rec.index}: status {status!r}: {ks.short(rec.code)}"
                assert rec.busy and rec.idle, f"cell {pos + rec.index}: busy/idle missing: {ks.short(rec.code)}"
            burst = min(5, FUZZ_MESSAGES - malformed_sent)
            if burst > 0:
                send_malformed_burst(rng, kc, sockets, burst)
                malformed_sent += burst
                if not ks.alive(kc, timeout=CELL_TIMEOUT):
                    pytest.fail(
                        f"kernel stopped answering after cells {pos}..{pos + len(part)} and malformed "
                        f"messages (process alive: {km.is_alive()})"
                    )
            pos += len(part)

        # complete / inspect / is_complete with random code and cursor positions
        requests = 0
        for i in range(min(300, max(30, FUZZ_CELLS // 30))):
            code = cells[rng.randrange(len(cells))][:2000]
            cursor = rng.randint(0, len(code))
            kind = i % 3
            if kind == 0:
                msg_id = kc.complete(code, cursor)
            elif kind == 1:
                msg_id = kc.inspect(code, cursor, rng.choice([0, 1]))
            else:
                msg_id = kc.is_complete(code)
            try:
                reply = ks.wait_reply(kc.shell_channel, msg_id, timeout=CELL_TIMEOUT)
            except TimeoutError:
                request = ["complete", "inspect", "is_complete"][kind]
                pytest.fail(f"no {request} reply (cursor {cursor}, kernel alive: {km.is_alive()}) for {ks.short(code)}")
            assert reply["content"]["status"] in ("ok", "error", "complete", "incomplete", "invalid", "unknown"), (
                ks.short(code), reply["content"])
            requests += 1
        elapsed = time.perf_counter() - start

        # the kernel is alive and has kept its state
        assert ks.alive(kc, timeout=10)
        assert ks.control_request(kc, "kernel_info_request")["content"]["status"] == "ok"
        assert ks.execute_ok(kc, SENTINEL).result_text() == "1"
        ks.execute_ok(kc, "x = 1")
        assert ks.execute_ok(kc, "x").result_text() == "1"

        n = len(cells)
        record_timing("fuzz cells", f"{n} ({dict(outcomes)}), {len(interrupted)} interrupted")
        record_timing("fuzz malformed messages / other requests", f"{malformed_sent} / {requests}")
        record_timing("fuzz replies with a malformed parent_header", str(dict(stray)))
        record_timing("fuzz time per cell", cell_time / n)
        record_timing("fuzz total", elapsed)
        if interrupted:
            print("cells interrupted after timeout:", *[ks.short(c, 200) for c in interrupted], sep="\n  ")
        if crashes:
            pytest.fail(f"{len(crashes)} cells killed or hung the kernel:\n  " + "\n  ".join(crashes), pytrace=False)
        if ks.is_ours():
            # ipykernel echoes a malformed header (not an object, msg_id not a string) as parent; ours must not
            if stray:
                pytest.fail(f"messages sent with a malformed parent_header: {dict(stray)}", pytrace=False)
    finally:
        for sock in sockets.values():
            sock.close()
        ks.stop_kernel(km, kc)


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="print generated fuzz cells")
    parser.add_argument("count", nargs="?", type=int, default=40, help="print the first COUNT cells (cut)")
    parser.add_argument("--cell", type=int, help="print cell CELL of a FUZZ_CELLS run in full")
    args = parser.parse_args()
    if args.cell is not None:
        print(generate_cells(FUZZ_CELLS)[args.cell])
    else:
        for cell in generate_cells(args.count):
            print(ks.short(cell, 300))
