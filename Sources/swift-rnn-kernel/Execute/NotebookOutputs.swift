#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import JupyterKernel
import NotebookLanguage

/// The outputs of the notebook's cells, built the way nbclient builds them from the IOPub
/// messages the kernel would publish: one `stream` output per write (nbclient does not merge
/// them), `display_data` with `metadata {}`, `update_display_data` rewriting every earlier output
/// with that display id (in any cell), and `clear_output(wait=True)` deferred to the next output.
final class NotebookOutputs: CellOutput {
    /// Outputs of each cell, by cell index (only cells that ran have an entry).
    private(set) var outputs: [Int: [JSONValue]] = [:]
    /// The cell being run.
    var cellIndex = 0
    private var clearBeforeNextOutput = false
    /// Where each display id was shown: cell index → output positions (nbclient's `_display_id_map`).
    private var displayLocations: [String: [Int: [Int]]] = [:]

    /// Starts a cell: its output list is emptied, as nbclient does before executing.
    func begin(cell index: Int) {
        cellIndex = index
        outputs[index] = []
        clearBeforeNextOutput = false
    }

    // MARK: CellOutput

    func write(_ text: String, stream: String) {
        // The kernel publishes nothing for empty text.
        guard !text.isEmpty else { return }
        append(["name": .string(stream), "output_type": "stream", "text": .string(text)], displayID: nil)
    }

    func display(_ bundle: [String: String], displayID: String?, update: Bool) {
        let data = NotebookOutputs.data(bundle)
        if let displayID { updateDisplays(displayID, data: data) }
        // The kernel sends an update without an id as plain display_data.
        guard !update || displayID == nil else { return }
        append(["data": data, "metadata": [:], "output_type": "display_data"], displayID: displayID)
    }

    func clearOutput(wait: Bool) {
        if wait {
            clearBeforeNextOutput = true
        } else {
            outputs[cellIndex] = []
            forgetDisplays(in: cellIndex)
        }
    }

    /// nbclient runs with `allow_stdin=False`: `input()` raises StdinNotImplementedError, as in the kernel.
    func readLine(prompt: String, password: Bool) throws -> String {
        throw InputUnavailable.notAllowed
    }

    // MARK: Results and errors

    func executeResult(_ bundle: [String: String], executionCount: Int) {
        append(["data": NotebookOutputs.data(bundle), "execution_count": .int(executionCount), "metadata": [:],
                "output_type": "execute_result"], displayID: nil)
    }

    func error(name: String, value: String, traceback: [String]) {
        append(["ename": .string(name), "evalue": .string(value), "output_type": "error",
                "traceback": .array(traceback.map(JSONValue.string))], displayID: nil)
    }

    // MARK: nbclient's bookkeeping

    private func append(_ output: JSONValue, displayID: String?) {
        if clearBeforeNextOutput {
            outputs[cellIndex] = []
            forgetDisplays(in: cellIndex)
            clearBeforeNextOutput = false
        }
        var list = outputs[cellIndex] ?? []
        if let displayID { displayLocations[displayID, default: [:]][cellIndex, default: []].append(list.count) }
        list.append(output)
        outputs[cellIndex] = list
    }

    private func updateDisplays(_ displayID: String, data: JSONValue) {
        guard let locations = displayLocations[displayID] else { return }
        for (cell, positions) in locations {
            guard var list = outputs[cell] else { continue }
            for position in positions where list.indices.contains(position) {
                guard var output = list[position].objectValue else { continue }
                output["data"] = data
                output["metadata"] = [:]
                list[position] = .object(output)
            }
            outputs[cell] = list
        }
    }

    private func forgetDisplays(in cell: Int) {
        for id in displayLocations.keys where displayLocations[id]?[cell] != nil {
            displayLocations[id]?[cell] = []
        }
    }

    /// A MIME bundle as the kernel puts it on the wire: JSON types embedded parsed, the rest as strings.
    static func data(_ bundle: [String: String]) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (mimeType, text) in bundle {
            if mimeType == "application/json" || mimeType.hasSuffix("+json"), let parsed = try? JSONValue.parse(Data(text.utf8)) {
                members[mimeType] = parsed
            } else {
                members[mimeType] = .string(text)
            }
        }
        return .object(members)
    }
}
