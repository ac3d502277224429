import Foundation
@testable import NotebookLanguage

/// Collects what a cell writes, and answers `input()` from a queue.
final class TestOutput: CellOutput, @unchecked Sendable {
    var text = ""
    var stderr = ""
    var displays: [[String: String]] = []
    var inputs: [String]?

    init(inputs: [String]? = nil) { self.inputs = inputs }

    func write(_ text: String, stream: String) {
        if stream == "stderr" { stderr += text } else { self.text += text }
    }
    func display(_ bundle: [String: String], displayID: String?, update: Bool) { displays.append(bundle) }
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String {
        guard var queue = inputs else { throw InputUnavailable.notAllowed }
        text += prompt
        guard !queue.isEmpty else { throw InputUnavailable.interrupted }
        let line = queue.removeFirst()
        inputs = queue
        return line
    }
}

/// Runs `code` in `session` and returns (printed text, result).
func run(_ code: String, in session: NotebookSession = NotebookSession()) -> (String, CellResult) {
    let out = TestOutput()
    let result = session.run(code, output: out)
    return (out.text, result)
}

extension CellResult {
    var errorLine: String? {
        if case .error(let n, let v, _) = self { return v.isEmpty ? n : "\(n): \(v)" }
        return nil
    }
    var valueText: String? {
        if case .ok(let v, _) = self { return v?["text/plain"] }
        return nil
    }
    var traceback: [String] {
        if case .error(_, _, let tb) = self { return tb }
        return []
    }
}
