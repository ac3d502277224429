#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// A failed `evaluate(expression:)`: Python's `ename`, `evalue` and traceback lines.
public struct EvaluationError: Error, Sendable, Equatable {
    public var name: String
    public var value: String
    public var traceback: [String]
}

/// One notebook's interpreter: variables live across cells until the session is dropped.
///
/// All methods but `interrupt()` must be called from one thread at a time (the kernel's shell
/// thread); `interrupt()` may be called from any thread while `run` is executing.
public final class NotebookSession: @unchecked Sendable {
    /// The language name reported in `kernel_info` (not "python": this is a subset).
    public static let languageName = "swift-rnn-python"
    /// The language version: the Python version whose syntax it follows, and this subset's revision.
    public static let languageVersion = "3.12-subset.1"
    /// Where `import` looks; register native modules here before or between runs.
    public let modules: ModuleRegistry
    let interpreter: Interpreter

    public init(modules: ModuleRegistry = ModuleRegistry()) {
        self.modules = modules
        interpreter = Interpreter(modules: modules)
    }

    /// Binds a name in the session's globals (for wiring native objects from Swift).
    public func setGlobal(_ name: String, _ value: Value) {
        interpreter.globals.vars[name] = value
    }

    /// A global variable's value, if set.
    public func global(_ name: String) -> Value? {
        interpreter.globals.vars[name]
    }

    /// Asks a running cell to stop with KeyboardInterrupt. Thread-safe; the flag stays set until
    /// the cell ends (so `except:` cannot swallow it forever) and is cleared when the next run starts.
    public func interrupt() {
        interpreter.interruptFlag.set()
    }

    /// Runs one cell. The trailing expression's value (if not None) is returned as a bundle.
    public func run(_ code: String, output: CellOutput) -> CellResult {
        let code = MatplotlibMagic.remove(from: code)
        let interp = interpreter
        interp.interruptFlag.clear()
        interp.output = output
        interp.pages = []
        interp.frames = []
        interp.callDepth = 0
        interp.handling = []
        interp.stackLimit = StackBounds.limitForCurrentThread()
        StackGuard.setLimit(interp.stackLimit)
        defer {
            // Cell-end hooks (figures still open are shown, as with matplotlib's inline backend)
            // run whether the cell succeeded or not, while its output is still connected.
            for key in interp.cellEndHooks.keys.sorted() { interp.cellEndHooks[key]?(interp) }
            interp.output = NullOutput()
        }
        let source = SourceText(code)
        let body: [Stmt]
        do {
            body = try Parser.parse(code, source: source)
        } catch let e as SyntaxErrorInfo {
            return syntaxErrorResult(e, source)
        } catch {
            return .error(name: "SyntaxError", value: "\(error)", traceback: ["SyntaxError: \(error)"])
        }
        let frame = Frame(name: "<module>", line: 1, source: source)
        interp.frames = [frame]
        defer { interp.frames = [] }
        do {
            var value: [String: String]?
            let silenced = NotebookSession.endsWithSemicolon(code)
            for (i, stmt) in body.enumerated() {
                if i == body.count - 1, case .expression(let e) = stmt.kind {
                    try interp.checkInterrupt()
                    frame.line = stmt.location.line
                    let v: Value
                    do { v = try interp.eval(e, interp.globals) } catch let ex as PyException {
                        if !ex.tracebackCaptured {
                            ex.tracebackCaptured = true
                            ex.traceback = interp.frames.map { TraceFrame(function: $0.name, line: $0.line, source: $0.source) }
                        }
                        throw ex
                    }
                    value = silenced ? nil : try Value.displayBundle(of: v)
                    if case .none = v {} else { interp.globals.vars["_"] = v }
                } else {
                    _ = try interp.exec(stmt, interp.globals)
                }
            }
            return .ok(value: value, pages: interp.pages)
        } catch let e as PyException {
            if !e.tracebackCaptured {
                e.tracebackCaptured = true
                e.traceback = [TraceFrame(function: frame.name, line: frame.line, source: source)]
            }
            return errorResult(e)
        } catch {
            return .error(name: "RuntimeError", value: "\(error)", traceback: ["RuntimeError: \(error)"])
        }
    }

    /// IPython's rule: a trailing `;` on the last line hides the cell's value.
    static func endsWithSemicolon(_ code: String) -> Bool {
        guard let last = code.split(separator: "\n").last(where: { !String($0).trimmingWhitespace().isEmpty }) else { return false }
        var line = String(last)
        if let hash = line.firstIndex(of: "#"), !line.contains("'"), !line.contains("\"") { line = String(line[..<hash]) }
        return line.trimmingWhitespace().hasSuffix(";")
    }

    /// Evaluates one expression (for `user_expressions`) without printing; output is dropped.
    public func evaluate(expression: String) -> Result<[String: String], EvaluationError> {
        let interp = interpreter
        let source = SourceText(expression)
        let savedOutput = interp.output
        interp.stackLimit = StackBounds.limitForCurrentThread()
        StackGuard.setLimit(interp.stackLimit)
        defer { interp.output = savedOutput; interp.frames = [] }
        do {
            let e = try Parser.parseExpression(expression, at: SourceLocation(line: 1, column: 1), source: source)
            interp.frames = [Frame(name: "<module>", line: 1, source: source)]
            let v = try interp.eval(e, interp.globals)
            return .success(try Value.displayBundle(of: v) ?? ["text/plain": "None"])
        } catch let e as SyntaxErrorInfo {
            guard case .error(let n, let v, let tb) = syntaxErrorResult(e, source) else { return .success([:]) }
            return .failure(EvaluationError(name: n, value: v, traceback: tb))
        } catch let e as PyException {
            guard case .error(let n, let v, let tb) = errorResult(e) else { return .success([:]) }
            return .failure(EvaluationError(name: n, value: v, traceback: tb))
        } catch {
            return .failure(EvaluationError(name: "RuntimeError", value: "\(error)", traceback: []))
        }
    }

    /// `is_complete`: what Enter should do in a console.
    public func isComplete(_ code: String) -> Completeness {
        CompletenessChecker.check(code)
    }

    /// Completions at a cursor (Unicode scalar offset); `start`/`end` delimit the replaced text.
    public func complete(code: String, cursorPosition: Int) -> (matches: [String], start: Int, end: Int) {
        Completer(interpreter: interpreter).complete(code: code, cursor: cursorPosition)
    }

    /// Help for the name at the cursor as a `text/plain` bundle, or nil when nothing is found.
    public func inspect(code: String, cursorPosition: Int, detailLevel: Int) -> [String: String]? {
        Inspector(interpreter: interpreter).inspect(code: code, cursor: cursorPosition, detail: detailLevel)
    }

    // MARK: Errors

    private func errorResult(_ e: PyException) -> CellResult {
        let name = e.type.name
        let value = e.message
        var tb = ["Traceback (most recent call last):"]
        for f in e.traceback {
            tb.append("  Cell line \(f.line), in \(f.function)")
            if let text = f.source.line(f.line)?.trimmingWhitespace(), !text.isEmpty { tb.append("    " + text) }
        }
        tb.append(value.isEmpty ? name : "\(name): \(value)")
        return .error(name: name, value: value, traceback: tb)
    }

    private func syntaxErrorResult(_ e: SyntaxErrorInfo, _ source: SourceText) -> CellResult {
        var tb = ["  Cell line \(e.location.line)"]
        if let line = source.line(e.location.line) {
            let trimmed = Substring(line).drop(while: { $0 == " " || $0 == "\t" })
            let removed = line.unicodeScalars.count - trimmed.unicodeScalars.count
            tb.append("    " + trimmed)
            let caretColumn = max(0, e.location.column - 1 - removed)
            tb.append("    " + String(repeating: " ", count: caretColumn) + "^")
        }
        tb.append("\(e.name): \(e.message)")
        return .error(name: e.name, value: e.message, traceback: tb)
    }
}
