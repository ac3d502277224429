import JupyterKernel
import NotebookLanguage

/// Adapts the cell language (which knows no Jupyter) to the kernel core's interpreter hooks.
final class NotebookInterpreter: KernelInterpreter {
    private let session = NotebookSession()

    var info: KernelInfo { Self.kernelInfo }

    /// The facts `kernel_info_reply` reports (also written into notebooks by `execute`).
    static let kernelInfo = KernelInfo(
        implementation: "swift-rnn-kernel",
        implementationVersion: SwiftRNNKernel.version,
        languageName: NotebookSession.languageName,
        languageVersion: NotebookSession.languageVersion,
        mimetype: "text/x-python",
        fileExtension: ".py",
        pygmentsLexer: "python",
        codemirrorMode: "python",
        nbconvertExporter: "python",
        banner: "Swift RNN \(SwiftRNNKernel.version): a Python-flavoured language for RNN experiments, run by Swift.",
        helpLinks: []
    )

    func execute(_ request: ExecuteRequest, output: OutputPublisher) -> ExecuteOutcome {
        let sink = PublisherSink(output)
        switch session.run(request.code, output: sink) {
        case .ok(let value, let pages):
            return .ok(result: value, payloads: pages.map { .page($0, start: 0) })
        case .error(let name, let value, let traceback):
            return .error(CellError(name: name, value: value, traceback: traceback))
        }
    }

    func complete(code: String, cursorPosition: Int) -> CompletionResult {
        let completion = session.complete(code: code, cursorPosition: cursorPosition)
        return CompletionResult(matches: completion.matches, cursorStart: completion.start, cursorEnd: completion.end)
    }

    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> MimeBundle? {
        session.inspect(code: code, cursorPosition: cursorPosition, detailLevel: detailLevel)
    }

    func isComplete(code: String) -> CompletenessResult {
        switch session.isComplete(code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    func evaluateUserExpression(_ expression: String) -> UserExpressionResult {
        switch session.evaluate(expression: expression) {
        case .success(let bundle):
            return .ok(bundle)
        case .failure(let error):
            return .error(CellError(name: error.name, value: error.value, traceback: error.traceback))
        }
    }

    func interrupt() {
        session.interrupt()
    }
}

/// Forwards a cell's output to the kernel core's publisher.
private final class PublisherSink: CellOutput {
    private let publisher: OutputPublisher

    init(_ publisher: OutputPublisher) {
        self.publisher = publisher
    }

    func write(_ text: String, stream: String) {
        publisher.stream(name: stream, text: text)
    }

    func display(_ bundle: [String: String], displayID: String?, update: Bool) {
        publisher.display(bundle, metadata: [:], displayID: displayID, update: update)
    }

    func clearOutput(wait: Bool) {
        publisher.clearOutput(wait: wait)
    }

    func readLine(prompt: String, password: Bool) throws -> String {
        do {
            return try publisher.requestInput(prompt: prompt, password: password)
        } catch is InputNotAllowed {
            throw InputUnavailable.notAllowed
        } catch {
            throw InputUnavailable.interrupted
        }
    }
}
