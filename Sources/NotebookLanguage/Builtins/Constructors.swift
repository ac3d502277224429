#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The constructors behind builtin type objects (`int(...)`, `list(...)`, `zip(...)`...).
enum Constructors {
    static func int(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("int", ["x", "base"])
        guard let x = a[0] else { return .int(0) }
        if let baseValue = a[1] {
            guard case .str(let s) = x else { throw PyException(BuiltinTypes.typeError, "int() can't convert non-string with explicit base") }
            guard let base = baseValue.intValue, base == 0 || (2...36).contains(base) else {
                throw PyException(BuiltinTypes.valueError, "int() base must be >= 2 and <= 36, or 0")
            }
            return .int(try parseInt(s, base: Int(base)))
        }
        switch x {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return .int(try Checked.int(d))
        case .str(let s): return .int(try parseInt(s, base: 10))
        case .object(let o):
            if let f = try o.getAttribute("__int__", interpreter: interp) { return try interp.call(f, []) }
        default: break
        }
        throw PyException(BuiltinTypes.typeError, "int() argument must be a string or a real number, not '\(x.typeName)'")
    }

    static func parseInt(_ text: String, base: Int) throws -> Int64 {
        let bad = PyException(BuiltinTypes.valueError, "invalid literal for int() with base \(base): \(Value.quote(text))")
        var s = Substring(text.trimmingWhitespace())
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        var radix = base
        let lower = s.lowercased()
        for (prefix, r) in [("0x", 16), ("0o", 8), ("0b", 2)] where lower.hasPrefix(prefix) && (base == r || base == 0) {
            s = s.dropFirst(2)
            radix = r
        }
        if radix == 0 { radix = 10 }
        if s.hasPrefix("_") || s.hasSuffix("_") || s.contains("__") { throw bad }
        let digits = s.filter { $0 != "_" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { throw bad }
        guard let magnitude = UInt64(digits, radix: radix) else {
            if digits.allSatisfy({ $0.hexDigitValue.map { $0 < radix } ?? ($0.isLetter && radix > 16) }) {
                throw PyException(BuiltinTypes.overflowError, "int too large: \(text) does not fit in 64 bits")
            }
            throw bad
        }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return .min }
            guard let v = Int64(exactly: magnitude) else { throw PyException(BuiltinTypes.overflowError, "int too large: \(text) does not fit in 64 bits") }
            return -v
        }
        guard let v = Int64(exactly: magnitude) else { throw PyException(BuiltinTypes.overflowError, "int too large: \(text) does not fit in 64 bits") }
        return v
    }

    static func float(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("float", min: 0, max: 1)
        guard let x = args.positional.first else { return .float(0) }
        switch x {
        case .float(let d): return .float(d)
        case .int(let i): return .float(Double(i))
        case .bool(let b): return .float(b ? 1 : 0)
        case .str(let s):
            let t = s.trimmingWhitespace().lowercased().replacing("_", with: "")
            switch t {
            case "inf", "+inf", "infinity", "+infinity": return .float(.infinity)
            case "-inf", "-infinity": return .float(-.infinity)
            case "nan", "+nan", "-nan": return .float(.nan)
            default:
                if let d = Double(t), !t.isEmpty, !t.hasPrefix("0x"), t.allSatisfy({ "0123456789.e+-".contains($0) }) { return .float(d) }
                throw PyException(BuiltinTypes.valueError, "could not convert string to float: \(Value.quote(s))")
            }
        case .object(let o):
            if let f = try o.getAttribute("__float__", interpreter: interp) { return try interp.call(f, []) }
        default: break
        }
        throw PyException(BuiltinTypes.typeError, "float() argument must be a string or a real number, not '\(x.typeName)'")
    }

    static func str(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("str", ["object"])
        return .str(try a[0]?.str() ?? "")
    }

    static func bool(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("bool", min: 0, max: 1)
        return .bool(try args.positional.first.map { try interp.truth($0) } ?? false)
    }

    static func list(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("list", min: 0, max: 1)
        return .list(PyList(try args.positional.first.map { try interp.toArray($0) } ?? []))
    }

    static func tuple(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("tuple", min: 0, max: 1)
        return .tuple(try args.positional.first.map { try interp.toArray($0) } ?? [])
    }

    static func set(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("set", min: 0, max: 1)
        return .set(try PySet(try args.positional.first.map { try interp.toArray($0) } ?? []))
    }

    static func dict(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        if args.positional.count > 1 { throw PyException(BuiltinTypes.typeError, "dict expected at most 1 argument, got \(args.positional.count)") }
        let d = PyDict()
        if let src = args.positional.first { try update(d, src, interp) }
        for (k, v) in args.keywords { try d.set(.str(k), v) }
        return .dict(d)
    }

    static func update(_ d: PyDict, _ src: Value, _ interp: Interpreter) throws {
        if case .dict(let other) = src {
            for (k, v) in other.items { try d.set(k, v) }
            return
        }
        for (i, item) in try interp.toArray(src).enumerated() {
            let pair = try interp.toArray(item)
            guard pair.count == 2 else {
                throw PyException(BuiltinTypes.valueError, "dictionary update sequence element #\(i) has length \(pair.count); 2 is required")
            }
            try d.set(pair[0], pair[1])
            try Limits.checkCount(d.count)
        }
    }

    static func integer(_ v: Value, _ what: String = "") throws -> Int64 {
        guard let i = v.intValue else {
            throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object cannot be interpreted as an integer")
        }
        return i
    }

    static func range(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("range", min: 1, max: 3)
        let p = try args.positional.map { try integer($0) }
        switch p.count {
        case 1: return .range(PyRange(start: 0, stop: p[0], step: 1))
        case 2: return .range(PyRange(start: p[0], stop: p[1], step: 1))
        default:
            if p[2] == 0 { throw PyException(BuiltinTypes.valueError, "range() arg 3 must not be zero") }
            return .range(PyRange(start: p[0], stop: p[1], step: p[2]))
        }
    }

    static func slice(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("slice", min: 1, max: 3)
        let p = args.positional
        switch p.count {
        case 1: return .slice(PySlice(start: .none, stop: p[0], step: .none))
        case 2: return .slice(PySlice(start: p[0], stop: p[1], step: .none))
        default: return .slice(PySlice(start: p[0], stop: p[1], step: p[2]))
        }
    }

    static func type(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("type", min: 1, max: 1)
        return .type(args.positional[0].type)
    }

    static func map(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("map", min: 2, max: 64)
        let f = args.positional[0]
        let its = try args.positional.dropFirst().map { try interp.makeIterator($0) }
        try PyIterator.checkNesting(its)
        return .iterator(PyIterator(typeName: "map", wrapping: its) { [weak interp] in
            guard let interp else { return nil }
            var values: [Value] = []
            for it in its {
                guard let v = try it.next() else { return nil }
                values.append(v)
            }
            return try interp.call(f, values)
        })
    }

    static func filter(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("filter", min: 2, max: 2)
        let f = args.positional[0]
        let it = try interp.makeIterator(args.positional[1])
        try PyIterator.checkNesting([it])
        return .iterator(PyIterator(typeName: "filter", wrapping: [it]) { [weak interp] in
            guard let interp else { return nil }
            while let v = try it.next() {
                try interp.checkInterrupt()
                let keep: Bool
                if case .none = f { keep = try interp.truth(v) } else { keep = try interp.truth(interp.call(f, [v])) }
                if keep { return v }
            }
            return nil
        })
    }

    static func zip(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let strict = try args.bind("zip", ["strict"], extraPositional: true)[0].map { try interp.truth($0) } ?? false
        let its = try args.positional.map { try interp.makeIterator($0) }
        try PyIterator.checkNesting(its)
        return .iterator(PyIterator(typeName: "zip", wrapping: its) {
            if its.isEmpty { return nil }
            var values: [Value] = []
            for (i, it) in its.enumerated() {
                guard let v = try it.next() else {
                    if strict {
                        var uneven = i > 0
                        for other in its.dropFirst() where try other.next() != nil { uneven = true }
                        if uneven { throw PyException(BuiltinTypes.valueError, "zip() arguments have different lengths") }
                    }
                    return nil
                }
                values.append(v)
            }
            return .tuple(values)
        })
    }

    static func enumerate(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("enumerate", ["iterable", "start"], required: 1)
        let it = try interp.makeIterator(a[0]!)
        try PyIterator.checkNesting([it])
        var i = try a[1].map { try integer($0) } ?? 0
        return .iterator(PyIterator(typeName: "enumerate", wrapping: [it]) {
            guard let v = try it.next() else { return nil }
            defer { i = i &+ 1 }
            return .tuple([.int(i), v])
        })
    }

    static func reversed(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        try args.expectPositional("reversed", min: 1, max: 1)
        let v = args.positional[0]
        switch v {
        case .list, .tuple, .str, .range:
            if case .range(let r) = v, r.count < 0 { throw PyException(BuiltinTypes.overflowError, "range too large") }
            var items = try interp.toArray(v)
            if case .str(let s) = v { items = s.unicodeScalars.map { .str(String($0)) } }
            var i = items.count
            return .iterator(PyIterator(typeName: "reversed") {
                guard i > 0 else { return nil }
                i -= 1
                return items[i]
            })
        case .dict(let d):
            var keys = d.keys
            return .iterator(PyIterator(typeName: "reversed") { keys.popLast() })
        default:
            var items = try interp.toArray(v)
            return .iterator(PyIterator(typeName: "reversed") { items.popLast() })
        }
    }
}
