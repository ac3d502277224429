/// The one interface between the Jupyter protocol and a language.
///
/// The kernel core owns sockets, signing, execution counts, busy/idle, `execute_input`,
/// history and reply shapes (as xeus' `xinterpreter` does); an interpreter only fills in
/// these hooks and never sees a socket. All hooks but `interrupt()` are called on the shell
/// thread, one at a time. `interrupt()` is called from the control thread or a signal
/// handler while `execute` may be running, so it must only set a flag.
public protocol KernelInterpreter: AnyObject {
    /// Static facts for `kernel_info_reply`.
    var info: KernelInfo { get }

    /// Runs one cell. Output goes through `output` before this returns.
    func execute(_ request: ExecuteRequest, output: OutputPublisher) -> ExecuteOutcome

    /// Completions at `cursorPosition` (Unicode code points into `code`).
    func complete(code: String, cursorPosition: Int) -> CompletionResult

    /// Shift-Tab help at `cursorPosition`; `nil` when nothing is found.
    func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> MimeBundle?

    /// Whether `code` is ready to run (for consoles deciding on Enter).
    func isComplete(code: String) -> CompletenessResult

    /// Evaluates one `user_expressions` entry after a cell; a failure is reported as an error.
    func evaluateUserExpression(_ expression: String) -> UserExpressionResult

    /// Asks a running `execute` to stop soon with `KeyboardInterrupt`. Thread-safe.
    func interrupt()
}

/// MIME type → data (`text/plain`, `text/html`, `image/svg+xml`, base64 `image/png`...).
public typealias MimeBundle = [String: String]

public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var languageName: String
    public var languageVersion: String
    public var mimetype: String
    public var fileExtension: String
    public var pygmentsLexer: String
    public var codemirrorMode: String
    public var nbconvertExporter: String
    public var banner: String
    public var helpLinks: [(text: String, url: String)]

    public init(
        implementation: String, implementationVersion: String, languageName: String,
        languageVersion: String, mimetype: String, fileExtension: String, pygmentsLexer: String,
        codemirrorMode: String, nbconvertExporter: String, banner: String,
        helpLinks: [(text: String, url: String)] = []
    ) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageName = languageName
        self.languageVersion = languageVersion
        self.mimetype = mimetype
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.nbconvertExporter = nbconvertExporter
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

public struct ExecuteRequest: Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    /// The number the cell will carry (already incremented by the core when storing history).
    public var executionCount: Int

    public init(code: String, silent: Bool, storeHistory: Bool, allowStdin: Bool, executionCount: Int) {
        self.code = code
        self.silent = silent
        self.storeHistory = storeHistory
        self.allowStdin = allowStdin
        self.executionCount = executionCount
    }
}

/// What a cell did. Output (streams, displays, the error's traceback) was already published
/// except for the value and the error, which the core publishes in the right order.
public enum ExecuteOutcome: Sendable {
    /// Finished; `result` is the value of a trailing expression (shown as `execute_result`).
    case ok(result: MimeBundle?, payloads: [Payload])
    /// Raised; the core publishes an `error` message and replies with status `error`.
    case error(CellError)
}

public struct CellError: Error, Sendable, Equatable {
    public var name: String        // ename, e.g. "NameError"
    public var value: String       // evalue, e.g. "name 'lstm' is not defined"
    public var traceback: [String] // lines shown to the user, last one "NameError: ..."

    public init(name: String, value: String, traceback: [String]) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }
}

/// An execute reply payload; the pager (`help(x)`) is the one clients show.
public enum Payload: Sendable, Equatable {
    case page(MimeBundle, start: Int)
}

public struct CompletionResult: Sendable, Equatable {
    public var matches: [String]
    public var cursorStart: Int
    public var cursorEnd: Int

    public init(matches: [String], cursorStart: Int, cursorEnd: Int) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
    }
}

public enum CompletenessResult: Sendable, Equatable {
    case complete
    case incomplete(indent: String)
    case invalid
    case unknown
}

public enum UserExpressionResult: Sendable, Equatable {
    case ok(MimeBundle)
    case error(CellError)
}

/// Where a running cell sends what it shows. Implemented by the kernel core (IOPub and
/// stdin sockets) and by anything else that runs cells (an in-process notebook runner).
public protocol OutputPublisher: AnyObject {
    /// `name` is "stdout" or "stderr".
    func stream(name: String, text: String)
    /// `display_data`, or `update_display_data` when `update` is true (needs a `displayID`).
    func display(_ data: MimeBundle, metadata: [String: String], displayID: String?, update: Bool)
    func clearOutput(wait: Bool)
    /// Asks the frontend for a line of input. Throws `InputNotAllowed` when the request did not
    /// allow stdin, or `InputInterrupted` when the kernel was interrupted while waiting.
    func requestInput(prompt: String, password: Bool) throws -> String
}

public struct InputNotAllowed: Error, Sendable {
    public init() {}
}

public struct InputInterrupted: Error, Sendable {
    public init() {}
}
