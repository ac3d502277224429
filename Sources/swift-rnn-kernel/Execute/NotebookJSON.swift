import JupyterKernel

/// Writes JSON byte for byte as nbformat does (`json.dumps(nb, indent=1, sort_keys=True,
/// separators=(",", ": "), ensure_ascii=False)`), so a notebook executed here diffs cleanly
/// against one executed by `jupyter execute`: one-space indents, keys in code-point order, non-ASCII
/// text kept, floats spelled as Python's `repr`. `JSONEncoder` cannot produce this layout.
enum NotebookJSON {
    static func serialize(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += pythonRepr(d)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: " ", count: indent + 1)
                write(item, indent: indent + 1, into: &out)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            // Python sorts str keys by code point; Swift's `<` on String does not.
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (i, key) in keys.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += String(repeating: " ", count: indent + 1)
                writeString(key, into: &out)
                out += ": "
                write(members[key] ?? .null, indent: indent + 1, into: &out)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        }
    }

    /// Python's `encode_basestring` (ensure_ascii=False): only `"`, `\` and C0 controls are escaped.
    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// `repr(float)` in Python: the shortest round-trip digits, positional when the decimal exponent
    /// is in [-4, 16), else `1e-05` / `1.5e+16`; non-finite values as `json.dumps` writes them.
    static func pythonRepr(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        let (negative, digits, point) = shortestDigits(d)
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }
        // value = 0.d1d2... × 10^point, as Python's float_repr_style 'short' reasons.
        if point > -4 && point <= 16 {
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            let cut = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<cut] + "." + digits[cut...]
        }
        let exponent = point - 1
        let magnitude = String(abs(exponent))
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }

    /// Swift's `description` is also shortest round-trip: read its digits and decimal point.
    private static func shortestDigits(_ d: Double) -> (negative: Bool, digits: String, point: Int) {
        var text = Substring(d.description)
        let negative = text.first == "-"
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = parts.first.map(String.init) ?? ""
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = Substring(integer + fraction)
        var point = integer.count + exponent
        while digits.first == "0" { digits = digits.dropFirst(); point -= 1 }
        while digits.last == "0" { digits = digits.dropLast() }
        return (negative, String(digits), digits.isEmpty ? 0 : point)
    }

    /// Python's `str.splitlines(keepends=True)`: every line boundary Python knows, `\r\n` as one.
    static func splitLines(_ s: String) -> [String] {
        let boundaries: Set<UInt32> = [0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029]
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var scalars = s.unicodeScalars.makeIterator()
        var pending = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            current.append(scalar)
            guard boundaries.contains(scalar.value) else { continue }
            if scalar == "\r", pending == "\n" {
                current.append("\n")
                pending = scalars.next()
            }
            lines.append(String(current))
            current = String.UnicodeScalarView()
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }
}
