import Foundation
import Testing
@testable import NotebookLanguage

/// Runs the cells of the file named by SCRATCH (a development aid; skipped otherwise).
@Test(.enabled(if: ProcessInfo.processInfo.environment["SCRATCH"] != nil))
func scratch() throws {
    let path = ProcessInfo.processInfo.environment["SCRATCH"] ?? ""
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let session = NotebookSession()
    for cell in text.components(separatedBy: "\n# %%") {
        let out = TestOutput(inputs: [])
        let r = session.run(cell, output: out)
        print(out.text, terminator: "")
        switch r {
        case .ok(let v, let pages): if let v { print("Out:", v["text/plain"] ?? "") }; for p in pages { print("PAGE:", p["text/plain"] ?? "") }
        case .error(_, _, let tb): print(tb.joined(separator: "\n"))
        }
    }
}
