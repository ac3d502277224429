/// Tab completion: names in scope, builtins, keywords, attributes after a dot, `name=` in calls.
struct Completer {
    let interpreter: Interpreter

    func complete(code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        let s = Array(code.unicodeScalars)
        let cursor = max(0, min(cursor, s.count))
        var start = cursor
        while start > 0, CursorText.isIdentifier(s[start - 1]) { start -= 1 }
        let prefix = String(String.UnicodeScalarView(s[start..<cursor]))
        if let first = prefix.unicodeScalars.first, ("0"..."9").contains(first) { return ([], cursor, cursor) }
        let showPrivate = prefix.hasPrefix("_")
        var lineStart = start
        while lineStart > 0, s[lineStart - 1] != "\n" { lineStart -= 1 }
        if let names = importCandidates(lineBefore: String(String.UnicodeScalarView(s[lineStart..<start]))) {
            return (names.filter { $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_")) }.sorted(), start, cursor)
        }
        if start > 0, s[start - 1] == "." {
            var value: Value?
            if start > 1, s[start - 2] == "'" || s[start - 2] == "\"" {
                value = .str("")
            } else if start > 1, s[start - 2] == "]" {
                value = .list(PyList())
            } else {
                let (path, _) = CursorText.dottedPath(s, end: start - 1)
                value = interpreter.resolve(path: path)
            }
            guard let v = value else { return ([], start, cursor) }
            let names = Set(interpreter.attributeNames(of: v)).filter {
                $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_"))
            }
            return (names.sorted(), start, cursor)
        }
        var matches: [String] = []
        if let callee = CursorText.enclosingCallee(s, before: start), let f = interpreter.resolve(path: callee) {
            matches += interpreter.parameterNames(of: f).filter { $0.hasPrefix(prefix) }.map { $0 + "=" }
        }
        var names = Set(interpreter.globals.vars.keys)
        names.formUnion(interpreter.builtins.keys)
        names.formUnion(Parser.keywords)
        matches += names.filter { $0.hasPrefix(prefix) && (showPrivate || !$0.hasPrefix("_")) }.sorted()
        return (matches, start, cursor)
    }
}
