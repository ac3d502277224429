import Foundation

@testable import JupyterKernel

/// A scripted interpreter: each line of a cell is a command (`print X`, `value X`, `fail`,
/// `sleep S`, `wait`, `input P`, `page X`, `display X`), so tests drive the kernel core
/// without a language.
final class FakeInterpreter: KernelInterpreter, @unchecked Sendable {
    private let lock = NSLock()
    private var interrupted = false
    private var executedCodes: [String] = []

    /// Every cell `execute` received, in order.
    var executed: [String] {
        lock.lock()
        defer { lock.unlock() }
        return executedCodes
    }

    var info: KernelInfo {
        KernelInfo(
            implementation: "fake", implementationVersion: "0.1", languageName: "fakelang", languageVersion: "1.0",
            mimetype: "text/x-fake", fileExtension: ".fake", pygmentsLexer: "python", codemirrorMode: "python",
            nbconvertExporter: "script", banner: "Fake kernel", helpLinks: [(text: "Docs", url: "https://example.com")])
    }

    func execute(_ request: ExecuteRequest, output: OutputPublisher) -> ExecuteOutcome {
        lock.lock()
        executedCodes.append(request.code)
        interrupted = false
        lock.unlock()
        var result: MimeBundle?
        var payloads: [Payload] = []
        for line in request.code.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            let command = parts.first.map(String.init) ?? ""
            let argument = parts.count > 1 ? String(parts[1]) : ""
            switch command {
            case "print":
                output.stream(name: "stdout", text: argument + "\n")
            case "value":
                result = ["text/plain": argument]
            case "json":
                result = ["text/plain": argument, "application/json": argument]
            case "fail":
                return .error(CellError(name: "ValueError", value: "boom", traceback: ["ValueError: boom"]))
            case "sleep":
                Thread.sleep(forTimeInterval: Double(argument) ?? 0.1)
            case "wait":
                // Stands for a long computation that checks its interrupt flag.
                let deadline = Date().addingTimeInterval(3)
                while Date() < deadline {
                    if isInterrupted {
                        return .error(
                            CellError(name: "KeyboardInterrupt", value: "", traceback: ["KeyboardInterrupt"]))
                    }
                    Thread.sleep(forTimeInterval: 0.01)
                }
                return .error(CellError(name: "Timeout", value: "never interrupted", traceback: []))
            case "input":
                do {
                    let value = try output.requestInput(prompt: argument, password: false)
                    output.stream(name: "stdout", text: "got \(value)\n")
                } catch is InputNotAllowed {
                    return .error(CellError(name: "StdinNotImplementedError", value: "", traceback: []))
                } catch {
                    return .error(CellError(name: "KeyboardInterrupt", value: "", traceback: []))
                }
            case "page":
                payloads.append(.page(["text/plain": argument], start: 0))
            case "display":
                output.display(["text/plain": argument], metadata: [:], displayID: "d1", update: false)
                output.display(["text/plain": argument + "!"], metadata: [:], displayID: "d1", update: true)
                output.clearOutput(wait: true)
            default:
                break
            }
        }
        return .ok(result: result, payloads: payloads)
    }

    private var isInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    func complete(code: String, cursorPosition: Int) -> CompletionResult {
        CompletionResult(matches: ["print", "pass"], cursorStart: max(cursorPosition - 1, 0), cursorEnd: cursorPosition)
    }

    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> MimeBundle? {
        code.hasPrefix("print") ? ["text/plain": "print(value) detail \(detailLevel)"] : nil
    }

    func isComplete(code: String) -> CompletenessResult {
        if code.hasSuffix(":") { return .incomplete(indent: "    ") }
        if code.hasPrefix(")") { return .invalid }
        return .complete
    }

    func evaluateUserExpression(_ expression: String) -> UserExpressionResult {
        expression == "bad"
            ? .error(CellError(name: "NameError", value: "bad", traceback: ["NameError: bad"]))
            : .ok(["text/plain": "<\(expression)>"])
    }

    func interrupt() {
        lock.lock()
        interrupted = true
        lock.unlock()
    }
}
