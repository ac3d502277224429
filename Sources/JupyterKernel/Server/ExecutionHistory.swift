/// The inputs (and text outputs) of cells run with `store_history`, answering `history_request`.
///
/// Kept in memory only: the kernel has one session per process, numbered `currentSession`.
struct ExecutionHistory: Sendable {
    /// One stored cell.
    struct Entry: Sendable, Equatable {
        var session: Int
        var line: Int
        var input: String
        /// The `text/plain` of the cell's result, if it had one.
        var output: String?
    }

    /// IPython numbers sessions from 1 in its database; this kernel only ever has one.
    static let currentSession = 1

    private(set) var entries: [Entry] = []

    /// Records a cell before it runs (IPython does too, so failing cells appear in history).
    mutating func append(line: Int, input: String) {
        entries.append(Entry(session: Self.currentSession, line: line, input: input, output: nil))
    }

    /// Attaches the result text to the cell numbered `line`.
    mutating func recordOutput(line: Int, output: String) {
        if let index = entries.lastIndex(where: { $0.line == line }) { entries[index].output = output }
    }

    /// The last `n` entries.
    func tail(_ n: Int) -> [Entry] {
        Array(entries.suffix(max(n, 0)))
    }

    /// Lines `start ..< stop` (`stop` nil: to the end) of `session`; 0 means the current
    /// session and negative values count back from it (IPython's convention).
    func range(session: Int, start: Int, stop: Int?) -> [Entry] {
        let resolved = session <= 0 ? Self.currentSession + session : session
        guard resolved == Self.currentSession else { return [] }
        return entries.filter { entry in entry.line >= start && (stop.map { entry.line < $0 } ?? true) }
    }

    /// Entries whose input matches the glob `pattern` (`*`, `?`; whole input, case-sensitive,
    /// as SQLite's GLOB in IPython). `n`: only the last `n` matches. `unique`: one entry per
    /// distinct input, the latest.
    func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        var matches = entries.filter { Self.glob(pattern, matches: $0.input) }
        if unique {
            var seen = Set<String>()
            matches = matches.reversed().filter { seen.insert($0.input).inserted }.reversed()
        }
        if let n { matches = Array(matches.suffix(max(n, 0))) }
        return matches
    }

    /// The `history` list of a `history_request` reply for `content`.
    func reply(to content: [String: JSONValue]) -> [JSONValue] {
        let found: [Entry]
        switch content["hist_access_type"]?.stringValue ?? "range" {
        case "tail":
            found = tail(content["n"]?.intValue ?? 10)
        case "search":
            found = search(
                pattern: content["pattern"]?.stringValue ?? "*", n: content["n"]?.intValue,
                unique: content["unique"]?.boolValue ?? false)
        default:  // "range", and unknown kinds answer like IPython's default
            found = range(
                session: content["session"]?.intValue ?? 0, start: content["start"]?.intValue ?? 0,
                stop: content["stop"]?.intValue)
        }
        let withOutput = content["output"]?.boolValue ?? false
        return found.map { entry in
            let text: JSONValue = withOutput
                ? [.string(entry.input), entry.output.map(JSONValue.string) ?? .null]
                : .string(entry.input)
            return [.int(entry.session), .int(entry.line), text]
        }
    }

    /// Glob match over Unicode scalars: `*` any run, `?` any one scalar, everything else literal.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern.unicodeScalars)
        let text = Array(text.unicodeScalars)
        // Greedy matching with one backtrack point (the last `*`): linear for typical patterns.
        var p = 0, t = 0
        var starP = -1, starT = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || (pattern[p] != "*" && pattern[p] == text[t])) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                starP = p
                starT = t
                p += 1
            } else if starP >= 0 {
                p = starP + 1
                starT += 1
                t = starT
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
