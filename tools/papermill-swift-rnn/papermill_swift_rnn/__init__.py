"""Papermill support for the Swift RNN kernel.

Papermill chooses how to write the injected ``parameters`` cell by the kernel's name or its
language (``kernel_info``'s ``language_info.name``): ``swift-rnn`` / ``swift-rnn-python`` for this
kernel, which papermill does not know. The cell language is a Python subset, so the values are
written as Python literals, exactly as ``swift-rnn-kernel execute -p NAME VALUE`` writes them.

Papermill has no entry point for translators; it does load every ``papermill.engine`` entry point
when ``papermill.engines`` is imported (which every papermill run does), so this package declares
one, ``swift-rnn``, and registers the translator on import. That engine runs notebooks with
papermill's own nbclient engine: ``--engine swift-rnn`` behaves exactly like the default.
"""

from __future__ import annotations

__all__ = ["SwiftRNNEngine", "SwiftRNNTranslator", "KERNEL_NAME", "LANGUAGE"]

#: The kernelspec name `swift-rnn-kernel install` uses by default.
KERNEL_NAME = "swift-rnn"
#: The kernel's `language_info.name` (NotebookSession.languageName in the Swift sources).
LANGUAGE = "swift-rnn-python"


class SwiftRNNEngine:
    """Papermill's nbclient engine under the entry point that makes papermill import this package.

    It is defined before anything from papermill is imported and delegates at call time: importing
    papermill loads this entry point, so whichever of the two is imported first, the other finds
    this class already defined (a subclass of NBClientEngine would need papermill.engines, which
    is still half-initialised while it loads its entry points).
    """

    @classmethod
    def execute_notebook(cls, *args, **kwargs):
        from papermill.engines import NBClientEngine

        return NBClientEngine.execute_notebook(*args, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb, name=None):
        from papermill.engines import NBClientEngine

        return NBClientEngine.nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb, language=None):
        from papermill.engines import NBClientEngine

        return NBClientEngine.nb_language(nb, language)


from papermill.translators import PythonTranslator, papermill_translators  # noqa: E402  (see SwiftRNNEngine)


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


papermill_translators.register(KERNEL_NAME, SwiftRNNTranslator)
papermill_translators.register(LANGUAGE, SwiftRNNTranslator)
