/// Completion inside import statements: `import tensorflow.ke|`, `from tensorflow.keras.layers import LS|`.
extension Completer {
    /// Candidate names when the cursor's line is an import statement, nil otherwise. `lineBefore`
    /// is the line's text up to the start of the word being completed.
    func importCandidates(lineBefore: String) -> [String]? {
        let words = lineBefore.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, first == "import" || first == "from" else { return nil }
        let endsWithSpace = lineBefore.last == " " || lineBefore.last == "\t"
        // `from a.b import x, y|`: members of a.b.
        if first == "from", words.count >= 3, words[2] == "import" {
            guard let module = try? interpreter.importModule(words[1].split(separator: ".").map(String.init)) else { return [] }
            return module.memberOrder
        }
        // `import a.b|` / `from a.b|`: the module path being typed (the word after the keyword).
        guard words.count == 1 && endsWithSpace || words.count == 2 && !endsWithSpace else { return nil }
        let typed = words.count == 2 ? words[1] : ""
        guard typed.hasSuffix(".") || typed.isEmpty else { return nil }
        if typed.isEmpty { return interpreter.modules.names.filter { !$0.contains(".") } }
        let path = typed.dropLast().split(separator: ".").map(String.init)
        guard let module = try? interpreter.importModule(path) else { return [] }
        return module.memberOrder.filter { if case .module? = module[$0] { return true }; return false }
    }
}
