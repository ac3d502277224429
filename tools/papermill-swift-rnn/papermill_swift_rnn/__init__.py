"""Papermill support for the Swift RNN kernel.

Papermill chooses how to write the injected ``parameters`` cell by the kernel's name or its
language (``kernel_info``'s ``language_info.name``): ``swift-rnn`` / ``swift-rnn-python`` for this
kernel, which papermill does not know. The cell language is a Python subset, so the values are
written as Python literals, exactly as ``swift-rnn-kernel execute -p NAME VALUE`` writes them.

Papermill has no entry point for translators; it does load every ``papermill.engine`` entry point
when ``papermill.engines`` is imported (which every papermill run does), so this package declares
one, ``swift-rnn``, and registers the translator on import. That engine is papermill's own nbclient
engine under another name: ``--engine swift-rnn`` behaves exactly like the default.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine
from papermill.translators import PythonTranslator, papermill_translators

__all__ = ["SwiftRNNEngine", "SwiftRNNTranslator", "KERNEL_NAME", "LANGUAGE"]

#: The kernelspec name `swift-rnn-kernel install` uses by default.
KERNEL_NAME = "swift-rnn"
#: The kernel's `language_info.name` (NotebookSession.languageName in the Swift sources).
LANGUAGE = "swift-rnn-python"


class SwiftRNNTranslator(PythonTranslator):
    """Python literals (`epochs = 3`, `name = "x"`, `rate = float('inf')`), never reformatted.

    PythonTranslator runs the cell through black when black is installed; the Swift RNN language
    is not Python, and the same parameters must give the same cell with or without black.
    """

    @classmethod
    def codify(cls, parameters, comment="Parameters"):
        content = f"{cls.comment(comment)}\n"
        for name, value in parameters.items():
            content += f"{cls.assign(name, cls.translate(value))}\n"
        return content


class SwiftRNNEngine(NBClientEngine):
    """Papermill's nbclient engine; declared so that papermill imports this package."""


papermill_translators.register(KERNEL_NAME, SwiftRNNTranslator)
papermill_translators.register(LANGUAGE, SwiftRNNTranslator)
