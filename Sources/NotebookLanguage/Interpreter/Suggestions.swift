/// "Did you mean" suggestions by edit distance, with Python 3.12's cut-off.
enum Suggestions {
    /// The closest candidate to `name`, if close enough to be a likely typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let a = Array(name.unicodeScalars)
        guard !a.isEmpty, a.count <= 40 else { return nil }
        var best: (String, Int)?
        for c in candidates where c != name {
            let b = Array(c.unicodeScalars)
            if b.count > 40 { continue }
            // Python: substitution costs 2, a case change 1; accept if cost <= (len(a)+len(b)+3)*2/6.
            let maxCost = (a.count + b.count + 3) * 2 / 6
            let d = distance(a, b, limit: maxCost)
            if d <= maxCost, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count * 2 }
        if b.isEmpty { return a.count * 2 }
        var previous = Array(stride(from: 0, through: b.count * 2, by: 2))
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i * 2
            for j in 1...b.count {
                let same = a[i - 1] == b[j - 1]
                let caseOnly = !same && a[i - 1].properties.lowercaseMapping == b[j - 1].properties.lowercaseMapping
                let sub = previous[j - 1] + (same ? 0 : caseOnly ? 1 : 2)
                current[j] = min(sub, previous[j] + 2, current[j - 1] + 2)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

/// printf-style `'%d items' % n` formatting (`%s %r %d %i %f %e %g %x %o %c %%`, flags, width, precision).
enum PercentFormat {
    static func format(_ template: String, _ arg: Value) throws -> String {
        var args: [Value]
        var mapping: PyDict?
        switch arg {
        case .tuple(let t): args = t
        case .dict(let d): args = []; mapping = d
        default: args = [arg]
        }
        var next = 0
        var out = ""
        let chars = Array(template)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c == "%" else { out.append(c); i += 1; continue }
            i += 1
            guard i < chars.count else { throw PyException(BuiltinTypes.valueError, "incomplete format") }
            if chars[i] == "%" { out.append("%"); i += 1; continue }
            var value: Value?
            if chars[i] == "(" {
                guard let close = chars[i...].firstIndex(of: ")") else { throw PyException(BuiltinTypes.valueError, "incomplete format key") }
                let key = String(chars[(i + 1)..<close])
                guard let m = mapping else { throw PyException(BuiltinTypes.typeError, "format requires a mapping") }
                guard let v = try m.get(.str(key)) else { throw PyException(BuiltinTypes.keyError, args: [.str(key)]) }
                value = v
                i = close + 1
            }
            var flags = ""
            while i < chars.count, "-+ 0#".contains(chars[i]) { flags.append(chars[i]); i += 1 }
            var width = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber { width.append(chars[i]); i += 1 }
            var precision: String?
            if i < chars.count, chars[i] == "." {
                i += 1
                var p = ""
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { p.append(chars[i]); i += 1 }
                precision = p
            }
            guard i < chars.count else { throw PyException(BuiltinTypes.valueError, "incomplete format") }
            let conv = chars[i]
            i += 1
            if value == nil {
                guard next < args.count else { throw PyException(BuiltinTypes.typeError, "not enough arguments for format string") }
                value = args[next]
                next += 1
            }
            let v = value ?? .none
            var align: String = flags.contains("-") ? "<" : ">"
            var spec = ""
            if flags.contains("0") && !flags.contains("-") { align = "="; spec = "0" }
            let sign = flags.contains("+") ? "+" : flags.contains(" ") ? " " : ""
            let prec = precision.map { "." + ($0.isEmpty ? "0" : $0) } ?? ""
            switch conv {
            case "s": out += try Value.str(try v.str()).format(align + width + prec)
            case "r", "a": out += try Value.str(try v.repr()).format(align + width + prec)
            case "d", "i", "u":
                guard let n = v.numeric else { throw PyException(BuiltinTypes.typeError, "%\(conv) format: a real number is required, not \(v.typeName)") }
                let iv: Int64
                switch n { case .int(let x): iv = x; case .float(let d): iv = try Checked.int(d) }
                out += try Value.int(iv).format((spec.isEmpty ? align : "0=") + sign + width)
            case "f", "F", "e", "E", "g", "G":
                guard let d = v.doubleValue else { throw PyException(BuiltinTypes.typeError, "must be real number, not \(v.typeName)") }
                out += try Value.float(d).format((spec.isEmpty ? align : "0=") + sign + width + (precision == nil ? ".6" : prec) + String(conv))
            case "x", "X", "o":
                guard let n = v.intValue else { throw PyException(BuiltinTypes.typeError, "%\(conv) format: an integer is required, not \(v.typeName)") }
                out += try Value.int(n).format((spec.isEmpty ? align : "0=") + (flags.contains("#") ? "#" : "") + width + String(conv))
            case "c":
                if case .str(let s) = v { out += s } else if let n = v.intValue { out += try Value.int(n).format("c") }
            default:
                throw PyException(BuiltinTypes.valueError, "unsupported format character '\(conv)'")
            }
            try Limits.checkLength(out.utf8.count)
        }
        if next < args.count && mapping == nil {
            throw PyException(BuiltinTypes.typeError, "not all arguments converted during string formatting")
        }
        return out
    }
}
