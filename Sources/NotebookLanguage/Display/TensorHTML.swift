import RNNRuntime

// The `text/html` view of an ndarray in a notebook: a one-line header (shape, dtype) and, for
// 1-D and 2-D arrays, a table with the axis indices; other ranks show NumPy's `str` under the
// header. Large arrays are summarised as NumPy prints them: above 1000 elements only the first
// and last 3 entries of each axis are shown, with an ellipsis row/column between, so the HTML
// stays a few kilobytes for any size. `text/plain` (NumPy's repr) is unchanged.

/// Renders a tensor as a compact HTML view.
enum TensorHTML {
    /// NumPy's print options: summarise above `threshold` elements, keeping `edgeItems` per side.
    static let threshold = 1000
    static let edgeItems = 3

    static func render(_ t: Tensor) -> String {
        let summarised = t.size > threshold
        var html = "<div class=\"swift-rnn-ndarray\">"
        html += "<div style=\"font-family: monospace\"><b>ndarray</b> shape \(escape(t.shapeDescription))"
        html += " · dtype \(escape(t.dtype.rawValue))"
        if summarised { html += " · \(t.size) elements, first and last \(edgeItems) of each axis shown" }
        html += "</div>"
        if (t.ndim == 1 || t.ndim == 2) && t.size > 0 {
            html += table(t, summarised: summarised)
        } else {
            html += "<pre>\(escape(t.description))</pre>"
        }
        return html + "</div>"
    }

    /// Indices shown along an axis of length `n`; nil marks the ellipsis between the two edges.
    static func shownIndices(_ n: Int, summarised: Bool) -> [Int?] {
        guard summarised && n > 2 * edgeItems else { return (0..<n).map { $0 } }
        return (0..<edgeItems).map { $0 } + [nil] + ((n - edgeItems)..<n).map { $0 }
    }

    /// A 1-D array is one row under its indices; a 2-D array has row and column indices.
    private static func table(_ t: Tensor, summarised: Bool) -> String {
        let rows: [Int?] = t.ndim == 1 ? [0] : shownIndices(t.shape[0], summarised: summarised)
        let columnCount = t.shape[t.ndim - 1]
        let columns = shownIndices(columnCount, summarised: summarised)
        let cell = "style=\"text-align: right; font-family: monospace\""
        var html = "<table><thead><tr>"
        if t.ndim == 2 { html += "<th></th>" }
        for column in columns { html += "<th \(cell)>\(column.map(String.init) ?? "…")</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            if t.ndim == 2 { html += "<th \(cell)>\(row.map(String.init) ?? "⋮")</th>" }
            for column in columns {
                guard let row, let column else {
                    html += "<td \(cell)>\(row == nil && column == nil ? "⋱" : row == nil ? "⋮" : "…")</td>"
                    continue
                }
                html += "<td \(cell)>\(escape(element(t, row * columnCount + column)))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// One element as NumPy's `str(a[i, j])` (`0.5488135`, `1e-05`, `3`, `True`).
    static func element(_ t: Tensor, _ index: Int) -> String {
        switch t.dtype {
        case .float32: return Tensor(t.floats[index]).description
        case .int64: return String(t.ints[index])
        case .bool: return t.ints[index] != 0 ? "True" : "False"
        }
    }

    /// Text safe inside HTML elements and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
