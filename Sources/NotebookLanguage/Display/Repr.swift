/// `repr()` and `str()` as Python writes them.
extension Value {
    public func repr() throws -> String {
        var seen: [ObjectIdentifier] = []
        return try repr(&seen, depth: 0)
    }

    public func str() throws -> String {
        switch self {
        case .str(let s): return s
        case .exception(let e): return e.message
        case .object(let o): return try o.str()
        default: return try repr()
        }
    }

    private func repr(_ seen: inout [ObjectIdentifier], depth: Int) throws -> String {
        if depth > 500 {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded while getting the repr of an object")
        }
        func items(_ values: [Value], _ open: String, _ close: String, _ id: ObjectIdentifier?) throws -> String {
            if let id {
                if seen.contains(id) { return open + "..." + close }
                seen.append(id)
            }
            defer { if id != nil { seen.removeLast() } }
            var parts: [String] = []
            parts.reserveCapacity(values.count)
            var total = 0
            for v in values {
                let r = try v.repr(&seen, depth: depth + 1)
                total += r.utf8.count
                if total > Limits.maximumStringLength {
                    throw PyException(BuiltinTypes.memoryError, "repr is longer than \(Limits.maximumStringLength) characters")
                }
                parts.append(r)
            }
            return open + parts.joined(separator: ", ") + close
        }
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return FloatRepr.repr(d)
        case .str(let s): return Value.quote(s)
        case .list(let l): return try items(l.items, "[", "]", ObjectIdentifier(l))
        case .tuple(let t):
            if t.count == 1 { return "(" + (try t[0].repr(&seen, depth: depth + 1)) + ",)" }
            return try items(t, "(", ")", nil)
        case .set(let s):
            if s.count == 0 { return "set()" }
            return try items(s.items, "{", "}", ObjectIdentifier(s))
        case .dict(let d):
            let id = ObjectIdentifier(d)
            if seen.contains(id) { return "{...}" }
            seen.append(id)
            defer { seen.removeLast() }
            var parts: [String] = []
            for (k, v) in d.items {
                parts.append(try k.repr(&seen, depth: depth + 1) + ": " + (try v.repr(&seen, depth: depth + 1)))
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .range(let r):
            return r.step == 1 ? "range(\(r.start), \(r.stop))" : "range(\(r.start), \(r.stop), \(r.step))"
        case .slice(let s):
            return "slice(\(try s.start.repr()), \(try s.stop.repr()), \(try s.step.repr()))"
        case .function(let f):
            return "<function \(f.qualifiedName) at \(addressText)>"
        case .builtin(let b):
            if let r = b.receiverTypeName { return "<built-in method \(b.name) of \(r) object>" }
            return "<built-in function \(b.name)>"
        case .type(let t):
            return "<class '\(t.qualifiedName)'>"
        case .module(let m):
            return "<module '\(m.name)' (built-in)>"
        case .exception(let e):
            if e.type.isUserClass, e.type.lookupUserAttribute("__repr__") != nil { return try e.userString("__repr__") }
            return e.type.name + (try items(e.args, "(", ")", nil))
        case .iterator(let it):
            return "<\(it.type.name) object>"
        case .object(let o):
            return try o.repr()
        case .ellipsis:
            return "Ellipsis"
        }
    }

    /// A string literal as Python's repr writes it.
    static func quote(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let q: Character = useDouble ? "\"" : "'"
        var out = String(q)
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'" where !useDouble: out += "\\'"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\x" + (u.value < 16 ? "0" : "") + String(u.value, radix: 16)
                } else if u.value >= 0x80 && u.value < 0xA0 {
                    out += "\\x" + String(u.value, radix: 16)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out.append(q)
        return out
    }
}

/// Python's shortest round-trip float repr (`0.1`, `1.0`, `1e-05`, `1e+16`, `inf`, `nan`).
enum FloatRepr {
    static func repr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, decpt) = shortestDigits(d)
        var out = negative ? "-" : ""
        let n = digits.count
        if decpt > -4 && decpt <= 16 {
            if decpt <= 0 {
                out += "0." + String(repeating: "0", count: -decpt) + digits
            } else if decpt >= n {
                out += digits + String(repeating: "0", count: decpt - n) + ".0"
            } else {
                let i = digits.index(digits.startIndex, offsetBy: decpt)
                out += digits[..<i] + "." + digits[i...]
            }
        } else {
            let exp = decpt - 1
            out += String(digits.prefix(1))
            if n > 1 { out += "." + digits.dropFirst() }
            out += "e" + (exp < 0 ? "-" : "+") + (abs(exp) < 10 ? "0" : "") + String(abs(exp))
        }
        return out
    }

    /// Digits of Swift's shortest representation and the decimal point position:
    /// value = 0.DIGITS × 10^decpt.
    static func shortestDigits(_ d: Double) -> (Bool, String, Int) {
        var text = d.description
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        var intPart = text
        var fracPart = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = String(text[..<dot])
            fracPart = String(text[text.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var decpt = intPart.count + exponent
        while digits.hasPrefix("0") && digits.count > 1 { digits.removeFirst(); decpt -= 1 }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (negative, digits, decpt)
    }
}

/// Size limits that keep huge requests from allocating forever.
public enum Limits {
    /// Most elements a list, tuple, dict or set may hold (MemoryError past it).
    public static let maximumCollectionCount = 20_000_000
    /// Most UTF-8 bytes a string may hold.
    public static let maximumStringLength = 200_000_000
    /// Most Python call levels before RecursionError.
    public static let maximumCallDepth = 1000

    static func checkCount(_ n: Int) throws {
        if n > maximumCollectionCount || n < 0 {
            throw PyException(BuiltinTypes.memoryError, "cannot create a sequence of \(n) elements (limit \(maximumCollectionCount))")
        }
    }

    static func checkCount(_ a: Int, times b: Int) throws {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PyException(BuiltinTypes.overflowError, "cannot fit 'int' into an index-sized integer") }
        try checkCount(p)
    }

    static func checkLength(_ n: Int) throws {
        if n > maximumStringLength || n < 0 {
            throw PyException(BuiltinTypes.memoryError, "cannot create a string of \(n) characters (limit \(maximumStringLength))")
        }
    }

    static func checkLength(_ a: Int, times b: Int) throws {
        let (p, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PyException(BuiltinTypes.overflowError, "cannot fit 'int' into an index-sized integer") }
        try checkLength(p)
    }
}
