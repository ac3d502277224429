import Foundation
import Testing
@testable import NotebookLanguage

/// Golden scripts (Crafting Interpreters style): `Golden/*.py` hold cells separated by `# %%`
/// with `# expect: line`, `# expect value: repr` and `# expect error: Name: message` comments.
@Suite struct GoldenTests {
    static var files: [URL] {
        guard let dir = Bundle.module.url(forResource: "Golden", withExtension: nil),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".py") }.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test func goldenDirectoryHasScripts() {
        #expect(GoldenTests.files.count >= 12)
    }

    @Test(arguments: GoldenTests.files.map(\.lastPathComponent))
    func golden(_ name: String) throws {
        let url = try #require(GoldenTests.files.first { $0.lastPathComponent == name })
        let text = try String(contentsOf: url, encoding: .utf8)
        var expected: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let r = line.range(of: "# expect") else { continue }
            let rest = line[r.upperBound...]
            if rest.hasPrefix(" error: ") { expected.append("error: " + rest.dropFirst(8)) }
            else if rest.hasPrefix(" value: ") { expected.append("value: " + rest.dropFirst(8)) }
            else if rest.hasPrefix(": ") { expected.append(String(rest.dropFirst(2))) }
            else if rest == ":" { expected.append("") }
        }
        let session = NotebookSession()
        var actual: [String] = []
        let cells = text.components(separatedBy: "\n# %%")
        for cell in cells {
            let out = TestOutput(inputs: [])
            let result = session.run(cell, output: out)
            if !out.text.isEmpty {
                var lines = out.text.components(separatedBy: "\n")
                if lines.last == "" { lines.removeLast() }
                actual += lines
            }
            switch result {
            case .ok(let v, _): if let v = v?["text/plain"] { actual.append("value: " + v) }
            case .error: actual.append("error: " + (result.errorLine ?? ""))
            }
        }
        #expect(actual == expected, "\(name)")
        if actual != expected {
            for i in 0..<max(actual.count, expected.count) {
                let a = i < actual.count ? actual[i] : "<missing>"
                let e = i < expected.count ? expected[i] : "<missing>"
                if a != e { Issue.record("\(name) line \(i): got \(a) expected \(e)"); break }
            }
        }
    }
}
