import XCTest

@testable import JupyterKernel

/// History queries (tail, range, search) without sockets.
final class ExecutionHistoryTests: XCTestCase {
    private func sample() -> ExecutionHistory {
        var history = ExecutionHistory()
        for (line, input) in ["a = 1", "print(a)", "a = 1", "b = a + 1", "print(b)"].enumerated() {
            history.append(line: line + 1, input: input)
        }
        history.recordOutput(line: 4, output: "2")
        return history
    }

    func testTail() {
        XCTAssertEqual(sample().tail(2).map(\.line), [4, 5])
        XCTAssertEqual(sample().tail(99).count, 5)
        XCTAssertEqual(sample().tail(-1).count, 0)
    }

    func testRange() {
        let history = sample()
        XCTAssertEqual(history.range(session: 0, start: 2, stop: 4).map(\.line), [2, 3])
        XCTAssertEqual(history.range(session: 0, start: 0, stop: nil).count, 5)
        XCTAssertEqual(history.range(session: ExecutionHistory.currentSession, start: 5, stop: nil).map(\.line), [5])
        XCTAssertEqual(history.range(session: -1, start: 0, stop: nil).count, 0, "no earlier session exists")
        XCTAssertEqual(history.range(session: 7, start: 0, stop: nil).count, 0)
    }

    func testSearchGlobUniqueAndN() {
        let history = sample()
        XCTAssertEqual(history.search(pattern: "print*", n: nil, unique: false).map(\.line), [2, 5])
        XCTAssertEqual(history.search(pattern: "a = ?", n: nil, unique: false).map(\.line), [1, 3])
        XCTAssertEqual(history.search(pattern: "a = ?", n: nil, unique: true).map(\.line), [3])
        XCTAssertEqual(history.search(pattern: "*", n: 2, unique: false).map(\.line), [4, 5])
        XCTAssertEqual(history.search(pattern: "print", n: nil, unique: false).count, 0, "globs match the whole input")
    }

    func testGlob() {
        XCTAssertTrue(ExecutionHistory.glob("*", matches: ""))
        XCTAssertTrue(ExecutionHistory.glob("a*b*c", matches: "aXXbYYc"))
        XCTAssertTrue(ExecutionHistory.glob("1?2*", matches: "1+2 == 3"))
        XCTAssertFalse(ExecutionHistory.glob("a*b", matches: "abc"))
        XCTAssertFalse(ExecutionHistory.glob("?", matches: ""))
        XCTAssertTrue(ExecutionHistory.glob("h?llo", matches: "hällo"))
    }

    func testReplyShapes() {
        let history = sample()
        XCTAssertEqual(history.reply(to: ["hist_access_type": "tail", "n": 1]), [[1, 5, "print(b)"]])
        XCTAssertEqual(
            history.reply(to: ["hist_access_type": "range", "start": 3, "stop": 5, "output": true]),
            [[1, 3, ["a = 1", nil]], [1, 4, ["b = a + 1", "2"]]])
        XCTAssertEqual(history.reply(to: ["hist_access_type": "search", "pattern": "b*"]), [[1, 4, "b = a + 1"]])
        // Wrong types fall back to defaults instead of failing.
        XCTAssertEqual(history.reply(to: ["hist_access_type": 3, "n": "x"]).count, 5)
    }
}
