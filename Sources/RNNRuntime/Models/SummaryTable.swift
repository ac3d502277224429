// Renders the table of Keras 3's `model.summary()` as rich draws it without a terminal:
// keras/src/utils/summary_utils.py (column positions, texts) and rich's table layout
// (rich/table.py `_calculate_column_widths`, rich/_ratio.py `ratio_reduce`, rich/_wrap.py
// `divide_line`), so the text equals Keras' character for character.

/// A box-drawn table with fixed column positions and word wrapping, as `rich.table.Table`.
public enum SummaryTable {
    /// The widest table rendered.
    public static let maxLineLength = 10_000

    /// Column alignment.
    public enum Alignment { case left, right }

    /// The table's lines: `positions` are fractions of `lineLength` where each column ends.
    public static func render(header: [String], rows: [[String]], alignments: [Alignment],
                              positions: [Double], lineLength: Int) throws -> [String] {
        // Wider tables only waste memory (and int(pos * huge) would overflow).
        guard lineLength <= maxLineLength else {
            throw TensorError(.valueError, "summary line_length=\(lineLength) is too large; the most is \(maxLineLength) characters")
        }
        // Keras: width_i = int(pos_i * line_length) - previous end, at least 4.
        var columnWidths: [Int] = []
        var current = 0
        for p in positions {
            let w = Int(p * Double(lineLength)) - current
            guard w >= 4 else { throw TensorError(.valueError, "Insufficient console width to print summary.") }
            columnWidths.append(w)
            current += w
        }
        // rich: fixed columns get 1 cell of padding each side; what exceeds the table width
        // (minus its n+1 borders) is taken evenly from all columns.
        var cells = columnWidths.map { $0 + 2 }
        let available = lineLength - (columnWidths.count + 1)
        let excess = cells.reduce(0, +) - available
        if excess > 0 { cells = ratioReduce(excess, cells) }
        let contentWidths = cells.map { Swift.max($0 - 2, 0) }

        func border(_ left: String, _ fill: String, _ mid: String, _ right: String) -> String {
            left + cells.map { String(repeating: fill, count: $0) }.joined(separator: mid) + right
        }
        func rowLines(_ texts: [String], _ edge: String) -> [String] {
            let wrapped = zip(texts, contentWidths).map { wrap($0, width: $1) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { li in
                let parts = wrapped.indices.map { c -> String in
                    let text = li < wrapped[c].count ? wrapped[c][li] : ""
                    return " " + justify(text, contentWidths[c], alignments[c]) + " "
                }
                return edge + parts.joined(separator: edge) + edge
            }
        }
        var lines = [border("┏", "━", "┳", "┓")]
        lines += rowLines(header, "┃")
        lines.append(border("┡", "━", "╇", "┩"))
        for (i, row) in rows.enumerated() {
            if i > 0 { lines.append(border("├", "─", "┼", "┤")) }
            lines += rowLines(row, "│")
        }
        lines.append(border("└", "─", "┴", "┘"))
        return lines
    }

    /// rich's `ratio_reduce(total, [1]*n, values, values)`: takes `total` from `values` evenly,
    /// rounding each share half to even as Python's `round` does.
    static func ratioReduce(_ total: Int, _ values: [Int]) -> [Int] {
        var remaining = total, ratioLeft = values.filter { $0 > 0 }.count
        var out: [Int] = []
        for v in values {
            guard v > 0, ratioLeft > 0 else { out.append(v); continue }
            let share = (Double(remaining) / Double(ratioLeft)).rounded(.toNearestOrEven)
            let d = Swift.min(v, Int(share))
            out.append(v - d)
            remaining -= d
            ratioLeft -= 1
        }
        return out
    }

    /// rich's `divide_line` + rstrip: greedy word wrap, folding words longer than `width`.
    static func wrap(_ text: String, width: Int) -> [String] {
        let chars = Array(text)
        guard width > 0 else { return [text] }
        // Words as rich's regex \s*\S+\s* finds them: (start, characters).
        var words: [(start: Int, word: [Character])] = []
        var i = 0
        while i < chars.count {
            let start = i
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            guard i < chars.count else { break }
            while i < chars.count, !chars[i].isWhitespace { i += 1 }
            while i < chars.count, chars[i].isWhitespace { i += 1 }
            words.append((start, Array(chars[start..<i])))
        }
        var breaks: [Int] = []
        var offset = 0
        for (wordStart, word) in words {
            var start = wordStart
            var trimmed = word.count
            while trimmed > 0, word[trimmed - 1].isWhitespace { trimmed -= 1 }
            if width - offset >= trimmed {
                offset += word.count
            } else if trimmed > width {
                let chunks = stride(from: 0, to: word.count, by: width).map { Array(word[$0..<Swift.min($0 + width, word.count)]) }
                for (k, chunk) in chunks.enumerated() {
                    if start > 0 { breaks.append(start) }
                    if k == chunks.count - 1 { offset = chunk.count } else { start += chunk.count }
                }
            } else if offset > 0 && start > 0 {
                breaks.append(start)
                offset = word.count
            }
        }
        var lines: [String] = []
        var from = 0
        for b in breaks + [chars.count] where b >= from {
            var line = Array(chars[from..<b])
            while let last = line.last, last.isWhitespace { line.removeLast() }
            lines.append(String(line))
            from = b
        }
        return lines.isEmpty ? [""] : lines
    }

    /// Pads (or crops) `text` to `width` cells.
    static func justify(_ text: String, _ width: Int, _ alignment: Alignment) -> String {
        let t = text.count > width ? String(text.prefix(width)) : text
        let pad = String(repeating: " ", count: width - t.count)
        return alignment == .left ? t + pad : pad + t
    }
}
