/// `%matplotlib inline` (and `%matplotlib notebook`, `widget`...): the IPython line magic that
/// starts many course notebooks. Figures are always shown inline here, so the line is accepted
/// and does nothing; it becomes an empty line so error line numbers stay right.
enum MatplotlibMagic {
    static func remove(from code: String) -> String {
        guard code.contains("%matplotlib") else { return code }
        return code.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard trimmed.hasPrefix("%matplotlib"), trimmed.dropFirst("%matplotlib".count).first.map({ $0 == " " || $0 == "\t" || $0 == "\r" }) ?? true
            else { return line }
            return ""
        }.joined(separator: "\n")
    }
}
