/// Shift-Tab help and `help(x)`: signature, docstring, type and value summary.
struct Inspector {
    let interpreter: Interpreter

    func inspect(code: String, cursor: Int, detail: Int) -> [String: String]? {
        let s = Array(code.unicodeScalars)
        let cursor = max(0, min(cursor, s.count))
        var end = cursor
        while end < s.count, CursorText.isIdentifier(s[end]) { end += 1 }
        var (path, _) = CursorText.dottedPath(s, end: end)
        while path.hasSuffix(".") { path.removeLast() }
        var value: Value?
        if !path.isEmpty, !Parser.keywords.contains(path) { value = interpreter.resolve(path: path) }
        if value == nil, let callee = CursorText.enclosingCallee(s, before: cursor) {
            path = callee
            value = interpreter.resolve(path: callee)
        }
        guard let v = value else { return nil }
        // Shift-Tab shows what is known without running cell code (a `__repr__` could hang).
        let saved = interpreter.forbidsUserCode
        interpreter.forbidsUserCode = true
        defer { interpreter.forbidsUserCode = saved }
        return ["text/plain": Inspector.helpText(for: v, name: path, interpreter, detail: detail)]
    }

    static func helpText(for v: Value, name: String?, _ interp: Interpreter, detail: Int) -> String {
        var lines: [String] = []
        switch v {
        case .builtin(let b):
            lines.append("Signature: \(b.signature)")
            lines.append("Docstring: \(b.doc.isEmpty ? "<no docstring>" : b.doc)")
            lines.append("Type:      builtin_function_or_method")
        case .function(let f):
            lines.append("Signature: \(f.signature)")
            lines.append("Docstring: \(f.doc ?? "<no docstring>")")
            lines.append("Type:      function (defined at cell line \(f.definition.location.line))")
            if detail > 0 {
                let start = f.definition.location.line
                let src = f.definition.source
                var body: [String] = []
                if let first = src.line(start) {
                    body.append(first)
                    let indent = first.prefix(while: { $0 == " " }).count
                    var n = start + 1
                    while let l = src.line(n), l.trimmingWhitespace().isEmpty || l.prefix(while: { $0 == " " }).count > indent {
                        body.append(l); n += 1
                    }
                    while body.last?.trimmingWhitespace().isEmpty == true { body.removeLast() }
                }
                lines.append("Source:\n" + body.joined(separator: "\n"))
            }
        case .type(let t):
            if let sig = t.signature { lines.append("Init signature: \(sig)") }
            lines.append("Docstring: \(t.doc.isEmpty ? "<no docstring>" : t.doc)")
            lines.append("Type:      type")
            let userMethods = t.userAttributeNames.filter { name in
                guard !name.hasPrefix("_") || name == "__init__", let v = t.lookupUserAttribute(name)?.value else { return false }
                if case .function = v { return true }
                return false
            }
            let methods = t.allMethodNames + userMethods
            if detail > 0, !methods.isEmpty { lines.append("Methods:   " + methods.joined(separator: ", ")) }
        case .module(let m):
            lines.append("Type:      module")
            lines.append("Docstring: \(m.doc.isEmpty ? "<no docstring>" : m.doc)")
            lines.append("Members:   " + m.memberOrder.filter { !$0.hasPrefix("_") }.joined(separator: ", "))
        case .object(let o):
            lines.append("Type:        \(o.typeName)")
            if let r = try? o.repr() { lines.append("String form: \(truncate(r))") }
            if let sig = o.signature { lines.append("Signature:   \(sig)") }
            if let doc = o.doc { lines.append("Docstring:   \(doc)") }
        default:
            lines.append("Type:        \(v.typeName)")
            if let r = try? v.repr() { lines.append("String form: \(truncate(r))") }
            if let n = try? Builtins.length(v), v.isSizedBuiltin { lines.append("Length:      \(n)") }
            if !v.type.doc.isEmpty { lines.append("Docstring:   \(v.type.doc)") }
        }
        return lines.joined(separator: "\n")
    }

    private static func truncate(_ s: String) -> String {
        s.count > 200 ? String(s.prefix(200)) + "..." : s
    }
}

extension Value {
    var isSizedBuiltin: Bool {
        switch self {
        case .str, .list, .tuple, .dict, .set, .range: return true
        default: return false
        }
    }
}
