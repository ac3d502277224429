import JupyterKernel
import NotebookLanguage

/// Runs a notebook's code cells in one `NotebookSession` and records what nbclient records: the
/// outputs, `execution_count` (1, 2, ... over the cells that ran), `metadata.execution` timing and
/// the notebook's `language_info`. Cells that nbclient skips are left untouched: non-code cells,
/// blank ones and those tagged `skip-execution`.
final class NotebookRunner {
    /// Why the run stopped early.
    enum Failure {
        /// A cell raised and neither `allowErrors` nor its `raises-exception` tag allowed it.
        case cellError(index: Int, executionCount: Int, name: String, value: String, traceback: [String])
        /// A cell ran past the timeout and was interrupted.
        case timeout(index: Int, executionCount: Int, seconds: Double)
        /// A cell ran past the timeout and did not stop when interrupted; outputs cannot be read safely.
        case unresponsive(index: Int, seconds: Double)
    }

    /// Seconds per cell (nil: no limit), as nbclient's `timeout`.
    var timeout: Double?
    /// Go on after a failing cell (nbclient's `allow_errors`).
    var allowErrors = false
    /// How long an interrupted cell may take to stop before the run is abandoned.
    var interruptGrace = 10.0
    /// Called before each cell runs (index, execution count), for progress logs.
    var willRun: (Int, Int) -> Void = { _, _ in }

    private let session = NotebookSession()
    private let outputs = NotebookOutputs()

    /// Runs every executable cell in order; stops at the first failure, which is returned.
    func run(_ notebook: inout NotebookDocument, languageInfo: JSONValue) -> Failure? {
        var metadata = notebook.metadata
        metadata["language_info"] = languageInfo
        notebook.metadata = metadata
        var executionCount = 0
        defer { apply(to: &notebook) }
        for index in notebook.cells.indices {
            let cell = notebook.cells[index]
            let tags = cell["metadata"]?["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard cell["cell_type"]?.stringValue == "code", let source = cell["source"]?.stringValue,
                  source.contains(where: { !$0.isWhitespace }), !tags.contains("skip-execution") else { continue }
            executionCount += 1
            willRun(index, executionCount)
            let run = execute(source, index: index)
            guard run.finished else { return .unresponsive(index: index, seconds: timeout ?? 0) }
            var updated = notebook.cells[index]
            var cellMetadata = updated["metadata"]?.objectValue ?? [:]
            cellMetadata["execution"] = .object(run.timing)
            updated["metadata"] = .object(cellMetadata)
            updated["execution_count"] = .int(executionCount)
            notebook.cells[index] = updated
            switch run.result {
            case .ok(let value, _):
                // Pager payloads (help()) are dropped: nbclient does not keep payloads either.
                if let value { outputs.executeResult(value, executionCount: executionCount) }
            case .error(let name, let value, let traceback):
                outputs.error(name: name, value: value, traceback: traceback)
                if run.timedOut {
                    return .timeout(index: index, executionCount: executionCount, seconds: timeout ?? 0)
                }
                if !allowErrors && !tags.contains("raises-exception") {
                    return .cellError(index: index, executionCount: executionCount, name: name, value: value, traceback: traceback)
                }
            }
        }
        return nil
    }

    /// How one cell ended.
    private struct CellRun {
        var result: CellResult
        /// nbclient's keys: when the kernel would publish busy, execute_input, the reply and idle.
        var timing: [String: JSONValue]
        var timedOut = false
        /// False when the cell ignored the interrupt: its thread still runs.
        var finished = true
    }

    /// One cell on its own thread, interrupted at the timeout (as nbclient's `interrupt_on_timeout`).
    private func execute(_ source: String, index: Int) -> CellRun {
        outputs.begin(cell: index)
        var run = CellRun(result: .ok(value: nil, pages: []), timing: ["iopub.status.busy": .string(Timestamp.now())])
        run.timing["iopub.execute_input"] = .string(Timestamp.now())
        final class Box: @unchecked Sendable { var result: CellResult = .ok(value: nil, pages: []) }
        let box = Box()
        let session = self.session, outputs = self.outputs
        guard let thread = CellThread({ box.result = session.run(source, output: outputs) }) else {
            run.result = .error(name: "RuntimeError", value: "cannot start a thread for the cell", traceback: ["RuntimeError: cannot start a thread for the cell"])
            return run
        }
        if !thread.wait(seconds: timeout) {
            run.timedOut = true
            session.interrupt()
            guard thread.wait(seconds: interruptGrace) else {
                run.finished = false
                return run
            }
        }
        thread.join()
        run.timing["shell.execute_reply"] = .string(Timestamp.now())
        run.timing["iopub.status.idle"] = .string(Timestamp.now())
        run.result = box.result
        // A cell that caught the KeyboardInterrupt still ran past its time.
        if run.timedOut, case .ok = run.result {
            run.result = .error(name: "KeyboardInterrupt", value: "", traceback: ["KeyboardInterrupt"])
        }
        return run
    }

    /// Copies the collected outputs into the cells (display updates may have changed earlier cells).
    private func apply(to notebook: inout NotebookDocument) {
        for (index, list) in outputs.outputs where notebook.cells.indices.contains(index) {
            notebook.cells[index]["outputs"] = .array(list)
        }
    }
}
