"""jupyter_kernel_test 0.7.0 conformance suite for the swift-rnn kernel.

Every sample attribute of `KernelTests` is filled. The cells are valid Python, so the same class
runs against ipykernel with KERNEL_NAME=python3; the only differences are marked below (the pager
cell, and the language name which is read from the kernelspec).

What the suite demands of the kernel (jupyter_kernel_test 0.7.0 semantics):
- every message validates against its v5 schema (all content keys present; extra keys allowed
  only when header.version is newer than 5.1);
- after each shell reply the next IOPub message is `busy`, then output arrives with at most 0.1 s
  between messages until `idle`; `execute_input.code` equals the cell;
- `code_generate_error` produces exactly one IOPub output and it is `error`;
- `code_page_something` gives exactly one payload, source `page`, with text/plain;
- history: `tail` returns the last n inputs in order as [session, line, input] triples
  (`output=True`: [session, line, [input, output]]); `range` with that session and line returns
  that one entry; `search` matches `code_history_pattern` as a glob over the whole input
  (IPython's `GLOB`: `*` and `?`), `unique` de-duplicates, `n` keeps the last n matches.
"""

from __future__ import annotations

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))

import jupyter_kernel_test  # noqa: E402

import kernel_support as ks  # noqa: E402

OURS = ks.is_ours()


class SwiftRNNKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = ks.KERNEL_NAME

    # language_info.name must equal the kernelspec's `language` (ours is not "python").
    language_name = ks.spec_language() or ("python" if not OURS else "")
    file_extension = ".py"

    code_hello_world = "print('hello, world')"

    code_stderr = "import sys\nprint('to stderr', file=sys.stderr)"

    # `pri` has exactly one completion. `math.sq` (math imported in setUpClass) is only checked for
    # a well-formed reply here (matches may be `sqrt` from cursor_start 5 like ipykernel, or
    # `math.sqrt` from 0); tests/test_protocol.py checks that applying the match gives `math.sqrt`.
    completion_samples = [
        {"text": "pri", "matches": {"print"}},
        {"text": "math.sq"},
    ]

    complete_code_samples = ["print('a')", "x = 1", "1 + 2", "for i in range(3):\n    print(i)\n\n", "while True: pass"]
    incomplete_code_samples = ["for i in range(3):", "if True:", "print(1,", "x = [1, 2,"]
    invalid_code_samples = ["1 +* 2", ")"]

    # ipykernel's help() prints to stdout; its pager is `len?`. Ours pages from help().
    code_page_something = "help(len)" if OURS else "len?"

    code_generate_error = "undefined_name_for_error_test"

    # code_history_pattern "6?7" must match exactly one distinct input: "6*7".
    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "6*7", "result": "42"},
        {"code": "'abc'", "result": "'abc'"},
        {"code": "[1, 2, 3]", "result": "[1, 2, 3]"},
        {"code": "(3, 20)", "result": "(3, 20)"},
        {"code": "2.5", "result": "2.5"},
        {"code": "True", "result": "True"},
        {"code": "len('hello')", "result": "5"},
        {"code": "v = 5\nv * 2", "result": "10", "mime": "text/plain"},
    ]
    code_history_pattern = "6?7"
    # ipykernel answers `range` on the current session with session number 0 instead of the number
    # `tail` reported, which jupyter_kernel_test 0.7.0 rejects; ours must return the same number.
    supported_history_operations = ("tail", "range", "search") if OURS else ("tail", "search")

    code_display_data = [
        {"code": "from IPython.display import display, HTML\ndisplay(HTML('<b>x</b>'))", "mime": "text/html"},
        {"code": "from IPython.display import display\ndisplay(42)", "mime": "text/plain"},
        {
            "code": "from IPython.display import display, HTML\ndisplay(HTML('<i>d</i>'), display_id='suite1')",
            "mime": "text/html",
        },
    ]

    code_inspect_sample = "print"

    code_clear_output = "from IPython.display import clear_output\nprint('before')\nclear_output()"

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        # for the `math.sq` completion sample
        cls.kc.execute_interactive("import math", timeout=ks.DEFAULT_TIMEOUT, output_hook=lambda msg: None)


if __name__ == "__main__":
    unittest.main()
