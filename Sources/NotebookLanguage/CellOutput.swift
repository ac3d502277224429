/// Where a running cell sends what it shows: text streams and MIME bundles.
///
/// The language knows nothing of Jupyter; the kernel executable adapts this to IOPub and stdin,
/// and a notebook runner or a test can collect it directly.
public protocol CellOutput: AnyObject {
    /// `stream` is "stdout" or "stderr".
    func write(_ text: String, stream: String)
    /// A rich display; `update` replaces an earlier display with the same `displayID`.
    func display(_ bundle: [String: String], displayID: String?, update: Bool)
    func clearOutput(wait: Bool)
    /// A line typed by the user for `input(prompt)`. Throws when input is not possible.
    func readLine(prompt: String, password: Bool) throws -> String
}

/// The reason `readLine` could not deliver a line.
public enum InputUnavailable: Error, Sendable {
    /// The frontend does not accept input for this cell (`allow_stdin` false).
    case notAllowed
    /// The kernel was interrupted while waiting.
    case interrupted
}

/// How a cell ended.
public enum CellResult: Sendable, Equatable {
    /// `value` is the trailing expression's display bundle (nil when there is none or it is None);
    /// `pages` are pager payloads (from `help(x)`).
    case ok(value: [String: String]?, pages: [[String: String]])
    /// `name`/`value` as Python's `ename`/`evalue`; `traceback` lines end with "name: value".
    case error(name: String, value: String, traceback: [String])
}

/// `is_complete` for a console deciding what Enter does.
public enum Completeness: Sendable, Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
}
