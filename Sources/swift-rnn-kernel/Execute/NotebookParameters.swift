import JupyterKernel

/// Papermill's parameters: `-p NAME VALUE` typed as papermill's CLI types them (True/False/None,
/// int, float, else str), written as a `# Parameters` cell of Python literals, and injected as
/// papermill does: replacing an `injected-parameters` cell, else after the first cell tagged
/// `parameters`, else at the top.
struct NotebookParameters {
    enum Value: Equatable {
        case none
        case bool(Bool)
        /// The canonical decimal text (Python ints are unbounded, so no Int64 here).
        case int(String)
        case float(Double)
        case string(String)
    }

    private(set) var entries: [(name: String, value: Value)] = []

    var isEmpty: Bool { entries.isEmpty }

    /// Adds a parameter; a later value for the same name replaces the earlier one (a dict, as in papermill).
    mutating func set(_ name: String, _ text: String) throws {
        guard NotebookParameters.isIdentifier(name) else {
            throw NotebookFileError(description: "parameter name '\(name)' is not a valid identifier")
        }
        let value = NotebookParameters.resolve(text)
        if let i = entries.firstIndex(where: { $0.name == name }) { entries[i].value = value } else { entries.append((name, value)) }
    }

    // MARK: Typing (papermill's cli._resolve_type)

    static func resolve(_ text: String) -> Value {
        switch text {
        case "True": return .bool(true)
        case "False": return .bool(false)
        case "None": return .none
        default:
            if let int = pythonInt(text) { return .int(int) }
            if let float = pythonFloat(text) { return .float(float) }
            return .string(text)
        }
    }

    /// `int(text)` in Python: surrounding whitespace, a sign, digits with single underscores between.
    static func pythonInt(_ text: String) -> String? {
        var body = Substring(text.trimmingWhitespace())
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" { negative = sign == "-"; body = body.dropFirst() }
        guard let first = body.first, let last = body.last, first.isASCIIDigit, last.isASCIIDigit,
              !body.contains("__"), body.allSatisfy({ $0.isASCIIDigit || $0 == "_" }) else { return nil }
        let digits = body.filter { $0 != "_" }.drop { $0 == "0" }
        if digits.isEmpty { return "0" }
        return (negative ? "-" : "") + digits
    }

    /// `float(text)` in Python: decimal or exponent forms, `inf`/`infinity`/`nan` in any case.
    static func pythonFloat(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        var body = Substring(trimmed.lowercased())
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" { negative = sign == "-"; body = body.dropFirst() }
        if body == "inf" || body == "infinity" { return negative ? -.infinity : .infinity }
        if body == "nan" { return .nan }
        // Underscores are allowed only between digits; Swift's parser knows none, and no hex/words.
        guard !body.isEmpty, body.allSatisfy({ $0.isASCIIDigit || "._e+-".contains($0) }),
              !body.hasPrefix("_"), !body.hasSuffix("_"), !body.contains("__") else { return nil }
        let characters = Array(body)
        for (i, c) in characters.enumerated() where c == "_" {
            guard characters[i - 1].isASCIIDigit, characters[i + 1].isASCIIDigit else { return nil }
        }
        guard let value = Double(String(body.filter { $0 != "_" })) else { return nil }
        return negative ? -value : value
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isXIDStart else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
    }

    // MARK: The injected cell (papermill's PythonTranslator, without black)

    /// `# Parameters\nname = literal\n...`
    var source: String {
        var text = "# Parameters\n"
        for (name, value) in entries { text += "\(name) = \(NotebookParameters.literal(value))\n" }
        return text
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let digits): return digits
        case .float(let d):
            if d.isNaN { return "float('nan')" }
            if d.isInfinite { return d < 0 ? "float('-inf')" : "float('inf')" }
            return NotebookJSON.pythonRepr(d)
        case .string(let s): return stringLiteral(s)
        }
    }

    /// Papermill's `translate_escaped_str`: `s.encode('unicode_escape')`, then `"` escaped, in double quotes.
    static func stringLiteral(_ s: String) -> String {
        func hex(_ value: UInt32, _ width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x5C: out += "\\\\"
            case 0x22: out += "\\\""
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0..<0x100: out += "\\x" + hex(scalar.value, 2)
            case 0x100..<0x10000: out += "\\u" + hex(scalar.value, 4)
            default: out += "\\U" + hex(scalar.value, 8)
            }
        }
        return out + "\""
    }

    /// `metadata.papermill.parameters`: the typed values as JSON.
    var json: JSONValue {
        var members: [String: JSONValue] = [:]
        for (name, value) in entries {
            switch value {
            case .none: members[name] = .null
            case .bool(let b): members[name] = .bool(b)
            case .int(let digits): members[name] = Int(digits).map(JSONValue.int) ?? .double(Double(digits) ?? 0)
            case .float(let d): members[name] = .double(d)
            case .string(let s): members[name] = .string(s)
            }
        }
        return .object(members)
    }

    // MARK: Injection (papermill's parameterize_notebook)

    /// Inserts the parameters cell; notebooks older than nbformat 4.5 get cell ids first, as
    /// papermill's `nbformat.v4.upgrade` gives them.
    func inject(into notebook: inout NotebookDocument) {
        if (notebook.root["nbformat_minor"]?.intValue ?? 0) < 5 {
            for i in notebook.cells.indices { notebook.cells[i]["id"] = .string(NotebookParameters.randomCellID()) }
            notebook.root["nbformat_minor"] = 5
        }
        let cell: [String: JSONValue] = [
            "cell_type": "code", "execution_count": .null, "id": .string(NotebookParameters.randomCellID()),
            "metadata": ["tags": ["injected-parameters"]], "outputs": [], "source": .string(source),
        ]
        func firstTagged(_ tag: String) -> Int? {
            notebook.cells.firstIndex { $0["metadata"]?["tags"]?.arrayValue?.contains(.string(tag)) ?? false }
        }
        if let injected = firstTagged("injected-parameters") {
            notebook.cells[injected] = cell
        } else if let parameters = firstTagged("parameters") {
            notebook.cells.insert(cell, at: parameters + 1)
        } else {
            warn("Input notebook does not contain a cell with tag 'parameters'")
            notebook.cells.insert(cell, at: 0)
        }
        var metadata = notebook.metadata
        var papermill = metadata["papermill"]?.objectValue ?? [:]
        papermill["parameters"] = json
        metadata["papermill"] = .object(papermill)
        notebook.metadata = metadata
    }

    /// nbformat's `random_cell_id`: 8 hex digits of a random UUID.
    static func randomCellID() -> String {
        let digits = String(UInt32.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
