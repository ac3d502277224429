// `repr(a)` and `str(a)` as NumPy 2 prints them; see ArrayFormatter for the element rules.
// The layout below is arrayprint.py's _formatArray / _extendLine, for the non-legacy mode.

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    private static let lineWidth = 75
    private static let threshold = 1000
    private static let edgeItems = 3

    /// NumPy's `str(a)` / `print(a)`: `[[1. 2.]\n [3. 4.]]`; a 0-d tensor prints as its scalar.
    public var description: String {
        if ndim == 0 {
            switch dtype {
            case .float32: return ArrayFormatter.scalarString(floats[0])
            case .int64: return String(ints[0])
            case .bool: return ints[0] != 0 ? "True" : "False"
            }
        }
        return arrayString(separator: " ", prefix: "", suffix: "")
    }

    /// NumPy's `repr(a)`: `array([1., 2.], dtype=float32)`, with `shape=` when summarised or empty.
    public var debugDescription: String { repr }

    /// NumPy's `repr(a)`.
    public var repr: String {
        let prefix = "array("
        let list = arrayString(separator: ", ", prefix: prefix, suffix: ")")
        var extras: [String] = []
        if (size == 0 && shape != [0]) || size > Tensor.threshold { extras.append("shape=\(shapeDescription)") }
        // int64 and bool are NumPy's implied dtypes; float32 (not float64) always shows.
        if dtype == .float32 || size == 0 { extras.append("dtype=\(dtype)") }
        if extras.isEmpty { return prefix + list + ")" }
        let arrayPart = prefix + list + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = arrayPart.split(separator: "\n", omittingEmptySubsequences: false).last!.count
        let spacer = lastLine + extra.count + 1 > Tensor.lineWidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return arrayPart + spacer + extra
    }

    /// NumPy's `array2string(a, separator=..., prefix=..., suffix=...)`.
    func arrayString(separator: String, prefix: String, suffix: String) -> String {
        if size == 0 { return "[]" }
        let summarize = size > Tensor.threshold
        let strides = Shape.strides(shape)
        let formatter = ArrayFormatter(tensor: self, shown: shownElements(summarize: summarize, strides: strides))
        let width = Tensor.lineWidth - suffix.count
        let nextLinePrefix = " " + String(repeating: " ", count: prefix.count)

        func recurse(axis: Int, base: Int, hangingIndent: String, currentWidth: Int) -> String {
            if axis == ndim { return formatter.format(self, base) }
            let nextHangingIndent = hangingIndent + " "
            let nextWidth = currentWidth - 1
            let length = shape[axis]
            let showSummary = summarize && 2 * Tensor.edgeItems < length
            let leading = showSummary ? Tensor.edgeItems : 0
            let trailing = showSummary ? Tensor.edgeItems : length
            func element(_ i: Int) -> String {
                recurse(axis: axis + 1, base: base + i * strides[axis], hangingIndent: nextHangingIndent, currentWidth: nextWidth)
            }
            var s = ""
            if ndim - axis == 1 {
                let trimmedSeparator = String(separator.reversed().drop { $0 == " " }.reversed())
                let elementWidth = currentWidth - Swift.max(trimmedSeparator.count, 1)
                var line = hangingIndent
                func extend(_ word: String) {
                    // Don't wrap when it would not help (the line holds only the indent).
                    if line.count + word.count > elementWidth && line.count > hangingIndent.count {
                        s += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
                        line = hangingIndent
                    }
                    line += word
                }
                for i in 0..<leading { extend(element(i)); line += separator }
                if showSummary { extend("..."); line += separator }
                for i in stride(from: trailing, to: 1, by: -1) { extend(element(length - i)); line += separator }
                extend(element(length - 1))
                s += line
            } else {
                let trimmedSeparator = String(separator.reversed().drop { $0 == " " }.reversed())
                let lineSeparator = trimmedSeparator + String(repeating: "\n", count: ndim - axis - 1)
                for i in 0..<leading { s += hangingIndent + element(i) + lineSeparator }
                if showSummary { s += hangingIndent + "..." + lineSeparator }
                for i in stride(from: trailing, to: 1, by: -1) { s += hangingIndent + element(length - i) + lineSeparator }
                s += hangingIndent + element(length - 1)
            }
            return "[" + s.dropFirst(hangingIndent.count) + "]"
        }
        return recurse(axis: 0, base: 0, hangingIndent: nextLinePrefix, currentWidth: width)
    }

    /// Row-major positions of the elements that will be printed (edge items only when summarising).
    private func shownElements(summarize: Bool, strides: [Int]) -> [Int] {
        var positions = [0]
        for axis in 0..<ndim {
            let n = shape[axis]
            let picks = summarize && n > 2 * Tensor.edgeItems
                ? Array(0..<Tensor.edgeItems) + Array((n - Tensor.edgeItems)..<n)
                : Array(0..<n)
            positions = positions.flatMap { p in picks.map { p + $0 * strides[axis] } }
        }
        return positions
    }
}
