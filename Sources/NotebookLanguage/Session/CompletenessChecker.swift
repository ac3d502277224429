/// `is_complete` from the parser's incomplete-input errors (as starlark's REPL does).
enum CompletenessChecker {
    static func check(_ code: String) -> Completeness {
        if code.trimmingWhitespace().isEmpty { return .complete }
        var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        let lastLine = lines.last(where: { !$0.trimmingWhitespace().isEmpty }) ?? ""
        let lastIndent = String(lastLine.prefix(while: { $0 == " " || $0 == "\t" }))
        do {
            let body = try Parser.parse(code)
            // An indented block stays open until an empty line closes it; a compound statement
            // whose body sits on its header line (`while True: pass`) is complete (IPython's rule).
            if let last = body.last, last.isCompound, !lastIndent.isEmpty,
               let final = lines.last, !final.trimmingWhitespace().isEmpty {
                return .incomplete(indent: lastIndent)
            }
            return .complete
        } catch let e as SyntaxErrorInfo {
            guard e.incomplete else { return .invalid }
            var code = lastLine
            if let hash = code.firstIndex(of: "#") { code = String(code[..<hash]) }
            if code.trimmingWhitespace().hasSuffix(":") { return .incomplete(indent: lastIndent + "    ") }
            return .incomplete(indent: lastIndent)
        } catch {
            return .invalid
        }
    }
}

/// Text scanning shared by completion and inspection.
enum CursorText {
    static func isIdentifier(_ u: Unicode.Scalar) -> Bool {
        u == "_" || u.properties.isAlphabetic || ("0"..."9").contains(u)
    }

    /// The dotted path (`a.b.c`) ending at `end`, and where it starts.
    static func dottedPath(_ s: [Unicode.Scalar], end: Int) -> (String, Int) {
        var i = end
        while i > 0, isIdentifier(s[i - 1]) || s[i - 1] == "." { i -= 1 }
        return (String(String.UnicodeScalarView(s[i..<end])), i)
    }

    /// The dotted name of the call whose parentheses enclose `position`, if any.
    static func enclosingCallee(_ s: [Unicode.Scalar], before position: Int) -> String? {
        var depth = 0
        var i = position - 1
        while i >= 0 {
            let c = s[i]
            if c == ")" || c == "]" || c == "}" { depth += 1 }
            if c == "[" || c == "{" { if depth == 0 { return nil }; depth -= 1 }
            if c == "(" {
                if depth == 0 {
                    let (path, _) = dottedPath(s, end: i)
                    return path.isEmpty ? nil : path
                }
                depth -= 1
            }
            i -= 1
        }
        return nil
    }
}

extension Interpreter {
    /// Resolves `a.b.c` against globals and builtins without running calls; nil when unknown.
    func resolve(path: String) -> Value? {
        let saved = forbidsUserCode
        forbidsUserCode = true
        defer { forbidsUserCode = saved }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let first = parts.first, !first.isEmpty else { return nil }
        var v: Value
        if let g = globals.vars[first] { v = g } else if let b = builtins[first] { v = b } else { return nil }
        for p in parts.dropFirst() {
            guard !p.isEmpty, let next = try? getAttribute(v, p) else { return nil }
            v = next
        }
        return v
    }

    /// Parameter names of a callable, for `name=` completions.
    func parameterNames(of v: Value) -> [String] {
        switch v {
        case .builtin(let b): return b.parameterNames
        case .function(let f):
            return f.definition.parameters.filter { $0.kind == .positional || $0.kind == .keywordOnly }.map(\.name)
        case .type(let t): return BuiltinFunction.parameterNames(of: t.signature ?? "")
        case .object(let o): return BuiltinFunction.parameterNames(of: o.signature ?? "")
        default: return []
        }
    }
}
