import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import JupyterKernel

/// `swift-rnn-kernel execute NOTEBOOK`: runs a notebook in this process (no Jupyter, no sockets)
/// and writes what `jupyter execute` writes, with papermill's `-p NAME VALUE` parameters.
struct ExecuteNotebook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Run a notebook in-process and save its outputs as `jupyter execute` does.",
        discussion: """
            Like `jupyter execute`, the notebook is only run (and checked) unless --output or --inplace \
            says where to save it; --output is relative to the notebook's folder and gets the .ipynb \
            suffix. Cells run with the notebook's folder as working directory. The run stops at the \
            first cell that raises (unless it is tagged raises-exception or --allow-errors is given) \
            with exit code 1; unlike `jupyter execute`, the notebook is still saved, with the error \
            in that cell, as papermill does. -p NAME VALUE injects a parameters cell as papermill does.
            """
    )

    @Argument(help: ArgumentHelp("The notebook to run.", valueName: "NOTEBOOK.ipynb"))
    var notebook: String

    @Option(help: ArgumentHelp(
        "Save the executed notebook as OUT (relative to the notebook's folder, .ipynb suffix; {notebook_name} is replaced).",
        valueName: "OUT"))
    var output: String?

    @Flag(help: "Overwrite the input notebook with the executed one.")
    var inplace = false

    @Option(name: [.customShort("p"), .customLong("parameters")], help: ArgumentHelp(
        "A parameter as papermill takes it: -p NAME VALUE (True/False/None, ints and floats are typed; the rest are strings). Repeatable.",
        valueName: "NAME VALUE"))
    var parameters: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds each cell may run before it is interrupted and the run fails (-1: no limit).", valueName: "S"))
    var timeout: Double?

    @Flag(help: "Keep going after a cell raises (nbclient's --allow-errors); the exit code is still 0.")
    var allowErrors = false

    /// Rewrites each `-p NAME VALUE` / `--parameters NAME VALUE` after `execute` as one
    /// `--parameters=NAME=VALUE` word, so VALUE may start with `-` or be empty (papermill's click
    /// reads the two words unconditionally too). Arguments after `--` are left alone.
    static func rewritingParameterPairs(_ arguments: [String]) -> [String] {
        guard arguments.first == configuration.commandName else { return arguments }
        var out = [arguments[0]]
        var i = 1
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" { out += arguments[i...]; break }
            if (word == "-p" || word == "--parameters") && i + 2 < arguments.count {
                out.append("--parameters=" + arguments[i + 1] + "=" + arguments[i + 2])
                i += 3
            } else {
                out.append(word)
                i += 1
            }
        }
        return out
    }

    func validate() throws {
        if inplace && output != nil { throw ValidationError("Choose at most one of --output and --inplace.") }
        if let lone = parameters.first(where: { !$0.contains("=") }) { throw ValidationError("-p takes a NAME and a VALUE (got only '\(lone)').") }
        if let timeout, !(timeout > 0 || timeout == -1) { throw ValidationError("--timeout must be a positive number of seconds or -1.") }
    }

    func run() throws {
        let inputPath = absolutePath(notebook)
        let outputPath = destination(for: inputPath)
        var document: NotebookDocument
        do { document = try NotebookDocument(contentsOf: inputPath) } catch {
            fail("\(error)")
        }
        var injected = NotebookParameters()
        for pair in parameters {
            let name = String(pair.prefix { $0 != "=" })
            do { try injected.set(name, String(pair.dropFirst(name.count + 1))) } catch { throw ValidationError("\(error)") }
        }
        if !injected.isEmpty { injected.inject(into: &document) }

        // As Jupyter starts the kernel in the notebook's folder, relative paths in cells mean the same.
        let folder = directory(of: inputPath)
        guard chdir(folder) == 0 else { fail("cannot change to the notebook's folder \(folder)") }
        log("Executing \(notebook)")
        let runner = NotebookRunner()
        runner.timeout = timeout == -1 ? nil : timeout
        runner.allowErrors = allowErrors
        let failure = runner.run(&document, languageInfo: Self.languageInfo)

        if case .unresponsive(let index, let seconds) = failure {
            // The cell's thread still runs and owns the outputs: leave without saving.
            fail("cell \(index) did not stop within \(Int(runner.interruptGrace)) s of being interrupted at the \(seconds) s timeout; nothing was saved")
        }
        if let outputPath {
            log("Save executed results to \(outputPath)")
            do { try document.write(to: outputPath) } catch { fail("\(error)") }
        }
        guard let failure else { return }
        fputs(describe(failure, in: document), stderr)
        throw ExitCode(1)
    }

    /// Where to save, resolved before the working directory changes (nil: run only).
    private func destination(for inputPath: String) -> String? {
        if inplace { return inputPath }
        guard let output else { return nil }
        let name = output.replacing("{notebook_name}", with: stem(of: inputPath))
        let path = withIPYNBSuffix(name.hasPrefix("/") ? name : directory(of: inputPath) + "/" + name)
        var status = stat()
        guard stat(directory(of: path), &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            fail("Cannot write to directory=\(directory(of: path)) that does not exist")
        }
        return path
    }

    /// The kernel's `language_info`, which nbclient copies into the notebook from `kernel_info_reply`.
    static var languageInfo: JSONValue {
        let info = NotebookInterpreter.kernelInfo
        return [
            "name": .string(info.languageName), "version": .string(info.languageVersion),
            "mimetype": .string(info.mimetype), "file_extension": .string(info.fileExtension),
            "pygments_lexer": .string(info.pygmentsLexer), "codemirror_mode": .string(info.codemirrorMode),
            "nbconvert_exporter": .string(info.nbconvertExporter),
        ]
    }

    /// nbclient's CellExecutionError text, with which cell it was.
    private func describe(_ failure: NotebookRunner.Failure, in document: NotebookDocument) -> String {
        func header(_ index: Int, _ count: Int) -> String {
            let id = document.cells[index]["id"]?.stringValue.map { ", id \($0)" } ?? ""
            return "Cell \(index) (In [\(count)]\(id))"
        }
        func source(_ index: Int) -> String { document.cells[index]["source"]?.stringValue ?? "" }
        switch failure {
        case .cellError(let index, let count, let name, let value, let traceback):
            return """
                swift-rnn-kernel execute: \(header(index, count)) raised \(value.isEmpty ? name : "\(name): \(value)")
                An error occurred while executing the following cell:
                ------------------
                \(source(index))
                ------------------

                \(traceback.joined(separator: "\n"))

                """
        case .timeout(let index, let count, let seconds):
            return """
                swift-rnn-kernel execute: \(header(index, count)) timed out after \(NotebookJSON.pythonRepr(seconds)) s and was interrupted
                A cell timed out while it was being executed, after \(NotebookJSON.pythonRepr(seconds)) seconds.
                Here is a preview of the cell contents:
                -------------------
                \(source(index))
                -------------------

                """
        case .unresponsive: return ""
        }
    }

    // MARK: Paths (pathlib's rules, without Foundation's URL resolution)

    private func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        return String(cString: buffer) + "/" + path
    }

    private func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `Path.with_suffix(".ipynb")`: replaces the last suffix of the file name, or appends one.
    private func withIPYNBSuffix(_ path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        return String(path.dropLast(name.count)) + stem(of: name) + ".ipynb"
    }

    private func log(_ message: String) { fputs("[swift-rnn-kernel execute] \(message)\n", stderr) }

    private func fail(_ message: String) -> Never {
        fputs("swift-rnn-kernel execute: \(message)\n", stderr)
        Glibc.exit(1)
    }
}

/// A warning on stderr (papermill logs the same ones).
func warn(_ message: String) {
    fputs("[swift-rnn-kernel execute] warning: \(message)\n", stderr)
}
