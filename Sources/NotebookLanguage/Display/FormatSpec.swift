#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Python's format-spec mini-language: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ spec: String) throws {
        var chars = Array(spec)
        var i = 0
        func bad() -> PyException { PyException(BuiltinTypes.valueError, "Invalid format specifier '\(spec)'") }
        if chars.count >= 2, "<>=^".contains(chars[1]) {
            fill = chars[0]; align = chars[1]; i = 2
        } else if let c = chars.first, "<>=^".contains(c) {
            align = c; i = 1
        }
        if i < chars.count, "+- ".contains(chars[i]) { sign = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "#" { alternate = true; i += 1 }
        if i < chars.count, chars[i] == "0" {
            if align == nil { fill = "0"; align = "=" }
            i += 1
        }
        var w = 0
        while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
            w = w * 10 + d
            if w > Limits.maximumStringLength { throw PyException(BuiltinTypes.valueError, "Too many decimal digits in format string") }
            i += 1
        }
        width = w
        if i < chars.count, chars[i] == "," || chars[i] == "_" { grouping = chars[i]; i += 1 }
        if i < chars.count, chars[i] == "." {
            i += 1
            var p = 0
            var any = false
            while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII {
                p = p * 10 + d
                if p > 10_000 { throw PyException(BuiltinTypes.valueError, "precision too big") }
                i += 1; any = true
            }
            if !any { throw PyException(BuiltinTypes.valueError, "Format specifier missing precision") }
            precision = p
        }
        if i < chars.count { type = chars[i]; i += 1 }
        if i != chars.count { throw bad() }
        chars = []
    }

    /// Pads `body` (with its sign prefix kept separate for '=' alignment).
    func pad(_ body: String, signPrefix: String = "", defaultAlign: Character) -> String {
        let total = signPrefix.count + body.count
        guard width > total else { return signPrefix + body }
        let n = width - total
        let padding = String(repeating: fill, count: n)
        switch align ?? defaultAlign {
        case "<": return signPrefix + body + padding
        case "^":
            let left = n / 2
            return String(repeating: fill, count: left) + signPrefix + body + String(repeating: fill, count: n - left)
        case "=": return signPrefix + padding + body
        default: return padding + signPrefix + body
        }
    }

    static func group(_ digits: String, _ sep: Character) -> String {
        var out: [Character] = []
        for (i, c) in digits.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(sep) }
            out.append(c)
        }
        return String(out.reversed())
    }
}

extension Value {
    /// `format(value, spec)`, used by f-strings and `str.format`.
    public func format(_ spec: String) throws -> String {
        if spec.isEmpty { return try str() }
        let f = try FormatSpec(spec)
        switch self {
        case .str(let s):
            if let t = f.type, t != "s" { throw PyException(BuiltinTypes.valueError, "Unknown format code '\(t)' for object of type 'str'") }
            var body = s
            if let p = f.precision { body = String(s.unicodeScalars.prefix(p).map(Character.init)) }
            try Limits.checkLength(f.width)
            return f.pad(body, defaultAlign: "<")
        case .bool(let b) where f.type == nil:
            return f.pad(b ? "True" : "False", defaultAlign: "<")
        case .int(let i):
            if let t = f.type, "eEfFgG%".contains(t) { return try Value.float(Double(i)).format(spec) }
            try Limits.checkLength(f.width)
            var digits: String
            let magnitude = i.magnitude
            switch f.type {
            case nil, "d", "n": digits = String(magnitude)
            case "x": digits = String(magnitude, radix: 16); if f.alternate { digits = "0x" + digits }
            case "X": digits = String(magnitude, radix: 16).uppercased(); if f.alternate { digits = "0X" + digits }
            case "o": digits = String(magnitude, radix: 8); if f.alternate { digits = "0o" + digits }
            case "b": digits = String(magnitude, radix: 2); if f.alternate { digits = "0b" + digits }
            case "c":
                guard let u = Unicode.Scalar(UInt32(truncatingIfNeeded: i)), i >= 0, i <= 0x10FFFF else {
                    throw PyException(BuiltinTypes.overflowError, "%c arg not in range(0x110000)")
                }
                return f.pad(String(u), defaultAlign: ">")
            default:
                throw PyException(BuiltinTypes.valueError, "Unknown format code '\(f.type!)' for object of type 'int'")
            }
            if let g = f.grouping, f.type == nil || f.type == "d" { digits = FormatSpec.group(digits, g) }
            let sign = i < 0 ? "-" : f.sign == "+" ? "+" : f.sign == " " ? " " : ""
            return f.pad(digits, signPrefix: sign, defaultAlign: ">")
        case .bool(let b):
            return try Value.int(b ? 1 : 0).format(spec)
        case .float(let d):
            try Limits.checkLength(f.width)
            let negative = d.sign == .minus && !d.isNaN
            let x = abs(d)
            var body: String
            switch f.type {
            case nil:
                if let p = f.precision {
                    body = shortFormat(x, max(p, 1))
                } else {
                    body = FloatRepr.repr(x)
                }
            case "f", "F":
                body = cFormat(f.type == "F" ? "%.*F" : "%.*f", f.precision ?? 6, x)
            case "e", "E":
                body = cFormat(f.type == "E" ? "%.*E" : "%.*e", f.precision ?? 6, x)
            case "g", "G":
                body = cFormat(f.type == "G" ? "%.*G" : "%.*g", f.precision ?? 6, x)
            case "%":
                body = cFormat("%.*f", f.precision ?? 6, x * 100) + "%"
            default:
                throw PyException(BuiltinTypes.valueError, "Unknown format code '\(f.type!)' for object of type 'float'")
            }
            if let g = f.grouping, x.isFinite {
                let intEnd = body.firstIndex(where: { !$0.isNumber }) ?? body.endIndex
                body = FormatSpec.group(String(body[..<intEnd]), g) + body[intEnd...]
            }
            let sign = negative ? "-" : f.sign == "+" ? "+" : f.sign == " " ? " " : ""
            return f.pad(body, signPrefix: sign, defaultAlign: ">")
        case .none:
            throw PyException(BuiltinTypes.typeError, "unsupported format string passed to NoneType.__format__")
        default:
            if f.type == nil && f.precision == nil { return f.pad(try str(), defaultAlign: "<") }
            // NumPy formats a one-element array (and TF a scalar tensor) as its element: f"{loss:.4f}".
            if case .object(let o) = self, let t = try? Value.oneElementTensor(o) { return try NumPyBridge.scalar(t, at: 0).format(spec) }
            throw PyException(BuiltinTypes.typeError, "unsupported format string passed to \(typeName).__format__")
        }
    }

    private func cFormat(_ format: String, _ precision: Int, _ x: Double) -> String {
        CFormat.double(format, precision: Int32(clamping: precision), x)
    }

    /// Python's float format with a precision and no type: like 'g', but scientific from
    /// exponent p-1 on, and at least one digit after the point in fixed notation.
    private func shortFormat(_ x: Double, _ p: Int) -> String {
        guard x.isFinite else { return cFormat("%.*g", p, x) }
        let sci = cFormat("%.*e", p - 1, x)
        let exp = sci.split(separator: "e").last.flatMap { Int($0) } ?? 0
        func stripZeros(_ s: Substring) -> String {
            guard s.contains(".") else { return String(s) }
            var t = s
            while t.hasSuffix("0") { t.removeLast() }
            if t.hasSuffix(".") { t.removeLast() }
            return String(t)
        }
        if exp < -4 || exp >= p - 1 {
            let parts = sci.split(separator: "e")
            return stripZeros(parts[0]) + "e" + (parts.count > 1 ? String(parts[1]) : "+00")
        }
        var fixed = stripZeros(Substring(cFormat("%.*f", max(0, p - 1 - exp), x)))
        if !fixed.contains(".") { fixed += ".0" }
        return fixed
    }
}

/// `str.format(*args, **kwargs)`: `{}`, `{0}`, `{name}`, `{name!r:spec}`, `{{`/`}}`.
enum StringFormatter {
    static func format(_ template: String, _ args: Arguments, _ interp: Interpreter) throws -> String {
        var out = ""
        let chars = Array(template)
        var i = 0
        var auto = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" { out.append("{"); i += 2; continue }
                var j = i + 1
                var depth = 0
                while j < chars.count {
                    if chars[j] == "{" { depth += 1 }
                    if chars[j] == "}" { if depth == 0 { break }; depth -= 1 }
                    j += 1
                }
                guard j < chars.count else { throw PyException(BuiltinTypes.valueError, "Single '{' encountered in format string") }
                var field = String(chars[(i + 1)..<j])
                var spec = ""
                var conversion: Character?
                if let colon = field.firstIndex(of: ":") {
                    spec = String(field[field.index(after: colon)...])
                    field = String(field[..<colon])
                }
                if let bang = field.firstIndex(of: "!") {
                    conversion = field[field.index(after: bang)...].first
                    field = String(field[..<bang])
                }
                if spec.contains("{") { spec = try format(spec, args, interp) }
                var value: Value
                var nameEnd = field.firstIndex(where: { $0 == "." || $0 == "[" }) ?? field.endIndex
                let head = String(field[..<nameEnd])
                if head.isEmpty {
                    guard auto < args.positional.count else {
                        throw PyException(BuiltinTypes.indexError, "Replacement index \(auto) out of range for positional args tuple")
                    }
                    value = args.positional[auto]
                    auto += 1
                } else if let n = Int(head) {
                    guard n >= 0 && n < args.positional.count else {
                        throw PyException(BuiltinTypes.indexError, "Replacement index \(n) out of range for positional args tuple")
                    }
                    value = args.positional[n]
                } else {
                    guard let v = args.keyword(head) else { throw PyException(BuiltinTypes.keyError, args: [.str(head)]) }
                    value = v
                }
                // `{0[1]}` and `{p.x}` lookups on dict/list/objects.
                while nameEnd < field.endIndex {
                    if field[nameEnd] == "[" {
                        guard let close = field[nameEnd...].firstIndex(of: "]") else {
                            throw PyException(BuiltinTypes.valueError, "Missing ']' in format string")
                        }
                        let key = String(field[field.index(after: nameEnd)..<close])
                        let k: Value = Int64(key).map { .int($0) } ?? .str(key)
                        value = try interp.getItem(value, k)
                        nameEnd = field.index(after: close)
                    } else {
                        let rest = field[field.index(after: nameEnd)...]
                        let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? field.endIndex
                        let attr = String(field[field.index(after: nameEnd)..<end])
                        value = try interp.getAttribute(value, attr)
                        nameEnd = end
                    }
                }
                switch conversion {
                case "r", "a": value = .str(try value.repr())
                case "s": value = .str(try value.str())
                default: break
                }
                let s = try value.format(spec)
                try Limits.checkLength(out.utf8.count + s.utf8.count)
                out += s
                i = j + 1
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" { out.append("}"); i += 2; continue }
                throw PyException(BuiltinTypes.valueError, "Single '}' encountered in format string")
            } else {
                out.append(c)
                i += 1
            }
        }
        return out
    }
}
