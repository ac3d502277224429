#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import JupyterKernel

/// Why a notebook file could not be read or written.
struct NotebookFileError: Error, CustomStringConvertible {
    let description: String
}

/// An nbformat 4 notebook as nbformat's reader holds it: multi-line strings joined (the file
/// stores them as lists of lines), transient fields dropped. Everything the runner does not
/// touch (metadata, attachments, unknown keys) is kept as read.
struct NotebookDocument {
    /// Top-level members other than `cells`.
    var root: [String: JSONValue]
    var cells: [[String: JSONValue]]

    /// Mime types nbformat splits into lines besides `text/*`.
    static let splitMimeTypes: Set<String> = ["application/javascript", "image/svg+xml"]

    init(parsing data: Data) throws {
        let parsed: JSONValue
        do { parsed = try JSONValue.parse(data) } catch { throw NotebookFileError(description: "not a JSON notebook: \(error)") }
        guard var root = parsed.objectValue else { throw NotebookFileError(description: "not a notebook: the top level is not a JSON object") }
        guard let major = root["nbformat"]?.intValue else { throw NotebookFileError(description: "not a notebook: no nbformat version") }
        guard major == 4 else {
            throw NotebookFileError(description: "nbformat \(major) notebooks are not supported; convert to version 4 first (jupyter nbconvert --to notebook)")
        }
        guard let cellValues = root.removeValue(forKey: "cells")?.arrayValue else {
            throw NotebookFileError(description: "not a notebook: no cells list")
        }
        cells = try cellValues.enumerated().map { index, value in
            guard var cell = value.objectValue, cell["cell_type"]?.stringValue != nil else {
                throw NotebookFileError(description: "cell \(index) is not a cell object")
            }
            Self.rejoinLines(&cell)
            return cell
        }
        self.root = root
        Self.stripTransient(&self.root, &cells)
    }

    init(contentsOf path: String) throws {
        guard let file = fopen(path, "rb") else { throw NotebookFileError(description: "cannot read \(path): \(Self.reason())") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            bytes.append(contentsOf: chunk[0..<count])
            if count < chunk.count { break }
        }
        guard ferror(file) == 0 else { throw NotebookFileError(description: "cannot read \(path): \(Self.reason())") }
        try self.init(parsing: Data(bytes))
    }

    var metadata: [String: JSONValue] {
        get { root["metadata"]?.objectValue ?? [:] }
        set { root["metadata"] = .object(newValue) }
    }

    /// The file's text as `nbformat.write` produces it (lines split, trailing newline).
    func serialized() -> String {
        var root = self.root
        var cells = self.cells
        Self.stripTransient(&root, &cells)
        root["cells"] = .array(cells.map { cell in
            var cell = cell
            Self.splitLines(&cell)
            return .object(cell)
        })
        return NotebookJSON.serialize(.object(root)) + "\n"
    }

    func write(to path: String) throws {
        guard let file = fopen(path, "wb") else { throw NotebookFileError(description: "cannot write \(path): \(Self.reason())") }
        let bytes = Array(serialized().utf8)
        let written = fwrite(bytes, 1, bytes.count, file)
        let closed = fclose(file)
        guard written == bytes.count, closed == 0 else { throw NotebookFileError(description: "cannot write \(path): \(Self.reason())") }
    }

    /// The last C library error, as `strerror` words it.
    private static func reason() -> String { strerror(errno).map { String(cString: $0) } ?? "error \(errno)" }

    // MARK: nbformat's rejoin_lines / split_lines / strip_transient

    private static func rejoinLines(_ cell: inout [String: JSONValue]) {
        if let joined = joined(cell["source"]) { cell["source"] = .string(joined) }
        if let attachments = cell["attachments"]?.objectValue {
            cell["attachments"] = .object(attachments.mapValues { mapBundle($0, rejoinBundle) })
        }
        guard let outputs = cell["outputs"]?.arrayValue else { return }
        cell["outputs"] = .array(outputs.map { output in
            guard var output = output.objectValue else { return output }
            if let text = joined(output["text"]) { output["text"] = .string(text) }
            if let data = output["data"] { output["data"] = mapBundle(data, rejoinBundle) }
            return .object(output)
        })
    }

    private static func splitLines(_ cell: inout [String: JSONValue]) {
        if case .string(let source)? = cell["source"] { cell["source"] = lines(source) }
        if let attachments = cell["attachments"]?.objectValue {
            cell["attachments"] = .object(attachments.mapValues { mapBundle($0, splitBundle) })
        }
        guard cell["cell_type"]?.stringValue == "code", let outputs = cell["outputs"]?.arrayValue else { return }
        cell["outputs"] = .array(outputs.map { output in
            guard var output = output.objectValue else { return output }
            switch output["output_type"]?.stringValue {
            case "execute_result", "display_data":
                if let data = output["data"] { output["data"] = mapBundle(data, splitBundle) }
            case "stream":
                if case .string(let text)? = output["text"] { output["text"] = lines(text) }
            default: break
            }
            return .object(output)
        })
    }

    private static func stripTransient(_ root: inout [String: JSONValue], _ cells: inout [[String: JSONValue]]) {
        if var metadata = root["metadata"]?.objectValue {
            for key in ["orig_nbformat", "orig_nbformat_minor", "signature"] { metadata.removeValue(forKey: key) }
            root["metadata"] = .object(metadata)
        }
        for i in cells.indices {
            if var metadata = cells[i]["metadata"]?.objectValue, metadata.removeValue(forKey: "trusted") != nil {
                cells[i]["metadata"] = .object(metadata)
            }
        }
    }

    private static func isJSONMime(_ key: String) -> Bool { key == "application/json" || key.hasSuffix("+json") }

    private static func rejoinBundle(_ key: String, _ value: JSONValue) -> JSONValue {
        guard !isJSONMime(key), let text = joined(value) else { return value }
        return .string(text)
    }

    private static func splitBundle(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value, key.hasPrefix("text/") || splitMimeTypes.contains(key) else { return value }
        return lines(text)
    }

    private static func mapBundle(_ bundle: JSONValue, _ transform: (String, JSONValue) -> JSONValue) -> JSONValue {
        guard let members = bundle.objectValue else { return bundle }
        var out: [String: JSONValue] = [:]
        for (key, value) in members { out[key] = transform(key, value) }
        return .object(out)
    }

    /// A list of strings joined; nil for anything else.
    private static func joined(_ value: JSONValue?) -> String? {
        guard let items = value?.arrayValue else { return nil }
        var text = ""
        for item in items {
            guard let line = item.stringValue else { return nil }
            text += line
        }
        return text
    }

    private static func lines(_ text: String) -> JSONValue {
        .array(NotebookJSON.splitLines(text).map(JSONValue.string))
    }
}
