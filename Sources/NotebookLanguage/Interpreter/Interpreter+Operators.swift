#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Python equality (deep for containers, numeric across int/float/bool).
func pyEquals(_ a: Value, _ b: Value, depth: Int = 0) throws -> Bool {
    if depth > 500 { throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded in comparison") }
    if let ia = a.identity, let ib = b.identity, ia == ib { return true }
    switch (a, b) {
    case (.none, .none): return true
    case (.ellipsis, .ellipsis): return true
    case (.str(let x), .str(let y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
    case (.list(let x), .list(let y)): return try sequenceEquals(x.items, y.items, depth)
    case (.tuple(let x), .tuple(let y)): return try sequenceEquals(x, y, depth)
    case (.dict(let x), .dict(let y)):
        guard x.count == y.count else { return false }
        for (k, v) in x.items {
            guard let w = try y.get(k), try pyEquals(v, w, depth: depth + 1) else { return false }
        }
        return true
    case (.set(let x), .set(let y)):
        guard x.count == y.count else { return false }
        for v in x.items where try !y.contains(v) { return false }
        return true
    case (.range(let x), .range(let y)):
        let n = x.count
        return n == y.count && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step)))
    case (.type(let x), .type(let y)): return x === y
    default:
        if let x = a.numeric, let y = b.numeric { return numericEquals(x, y) }
        // A user class's __eq__ (tried on the left operand first, then the right).
        for (p, q) in [(a, b), (b, a)] {
            if case .object(let o) = p, let instance = o as? PyInstance,
               let r = try instance.compare(.equal, other: q) {
                return try instance.interpreter().truth(r)
            }
        }
        return false
    }
}

private func sequenceEquals(_ x: [Value], _ y: [Value], _ depth: Int) throws -> Bool {
    guard x.count == y.count else { return false }
    for (p, q) in zip(x, y) where try !pyEquals(p, q, depth: depth + 1) { return false }
    return true
}

/// An int or a float (bools count as ints).
enum Numeric {
    case int(Int64)
    case float(Double)

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        }
    }
}

func numericEquals(_ a: Numeric, _ b: Numeric) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.int(let i), .float(let d)), (.float(let d), .int(let i)):
        guard let j = Int64(exactly: d) else { return false }
        return i == j
    }
}

extension Value {
    var numeric: Numeric? {
        switch self {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d): return .float(d)
        default: return nil
        }
    }
}

/// Int64 arithmetic that raises OverflowError instead of trapping.
enum Checked {
    static func overflow(_ op: String, _ a: Int64, _ b: Int64) -> PyException {
        PyException(BuiltinTypes.overflowError, "integer overflow: \(a) \(op) \(b) does not fit in 64 bits")
    }

    static func add(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw overflow("+", a, b) }
        return r
    }

    static func subtract(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw overflow("-", a, b) }
        return r
    }

    static func multiply(_ a: Int64, _ b: Int64) throws -> Int64 {
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw overflow("*", a, b) }
        return r
    }

    /// Python floor division.
    static func floorDivide(_ a: Int64, _ b: Int64) throws -> Int64 {
        if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "integer division or modulo by zero") }
        let (q, o) = a.dividedReportingOverflow(by: b)
        if o { throw overflow("//", a, b) }
        let r = a - q * b
        return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q
    }

    /// Python modulo: the result has the divisor's sign.
    static func modulo(_ a: Int64, _ b: Int64) throws -> Int64 {
        if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "integer modulo by zero") }
        let (r, o) = a.remainderReportingOverflow(dividingBy: b)
        if o { return 0 }
        return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
    }

    static func power(_ base: Int64, _ exponent: Int64) throws -> Int64 {
        var result: Int64 = 1
        var b = base
        var e = exponent
        while e > 0 {
            if e & 1 == 1 {
                let (r, o) = result.multipliedReportingOverflow(by: b)
                if o { throw overflow("**", base, exponent) }
                result = r
            }
            e >>= 1
            if e > 0 {
                let (s, o) = b.multipliedReportingOverflow(by: b)
                if o { throw overflow("**", base, exponent) }
                b = s
            }
        }
        return result
    }

    static func negate(_ a: Int64) throws -> Int64 {
        if a == .min { throw PyException(BuiltinTypes.overflowError, "integer overflow: -(\(a)) does not fit in 64 bits") }
        return -a
    }

    /// A float converted to int, truncating; OverflowError/ValueError for inf/nan/huge.
    static func int(_ d: Double) throws -> Int64 {
        if d.isNaN { throw PyException(BuiltinTypes.valueError, "cannot convert float NaN to integer") }
        if d.isInfinite { throw PyException(BuiltinTypes.overflowError, "cannot convert float infinity to integer") }
        guard let i = Int64(exactly: d.rounded(.towardZero)) else {
            throw PyException(BuiltinTypes.overflowError, "int too large: \(FloatRepr.repr(d)) does not fit in 64 bits")
        }
        return i
    }
}

/// Python's float floor division and modulo (from CPython's float_divmod).
enum FloatDivision {
    static func divmod(_ a: Double, _ b: Double) throws -> (Double, Double) {
        if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "float divmod()") }
        var mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) { mod += b; div -= 1 }
        } else {
            mod = copysign(0, b)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = copysign(0, a / b)
        }
        return (floordiv, mod)
    }
}

extension Interpreter {
    // MARK: Arithmetic

    public func binaryOp(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .object(let o) = a, let r = try o.binaryOperation(op, other: b, reflected: false) { return r }
        if case .object(let o) = b, let r = try o.binaryOperation(op, other: a, reflected: true) { return r }
        if let x = a.numeric, let y = b.numeric, op != .matrixMultiply {
            if case .bool(let p) = a, case .bool(let q) = b {
                switch op {
                case .bitAnd: return .bool(p && q)
                case .bitOr: return .bool(p || q)
                case .bitXor: return .bool(p != q)
                default: break
                }
            }
            return try numericOp(op, x, y)
        }
        switch (op, a, b) {
        case (.add, .str(let x), .str(let y)):
            try Limits.checkLength(x.utf8.count + y.utf8.count)
            return .str(x + y)
        case (.add, .list(let x), .list(let y)):
            try Limits.checkCount(x.items.count + y.items.count)
            return .list(PyList(x.items + y.items))
        case (.add, .tuple(let x), .tuple(let y)):
            try Limits.checkCount(x.count + y.count)
            return .tuple(x + y)
        case (.multiply, .str(let s), _), (.multiply, _, .str(let s)):
            guard let n = (a.numeric == nil ? b : a).intValue else { break }
            if n <= 0 || s.isEmpty { return .str("") }
            try Limits.checkLength(s.utf8.count, times: Int(n))
            return .str(String(repeating: s, count: Int(n)))
        case (.multiply, .list(let l), _), (.multiply, _, .list(let l)):
            guard let n = (a.numeric == nil ? b : a).intValue else { break }
            if n <= 0 || l.items.isEmpty { return .list(PyList()) }
            try Limits.checkCount(l.items.count, times: Int(n))
            return .list(PyList(Array([[Value]](repeating: l.items, count: Int(n)).joined())))
        case (.multiply, .tuple(let t), _), (.multiply, _, .tuple(let t)):
            guard let n = (a.numeric == nil ? b : a).intValue else { break }
            if n <= 0 || t.isEmpty { return .tuple([]) }
            try Limits.checkCount(t.count, times: Int(n))
            return .tuple(Array([[Value]](repeating: t, count: Int(n)).joined()))
        case (.modulo, .str(let s), _):
            return .str(try PercentFormat.format(s, b))
        case (.bitOr, .set(let x), .set(let y)):
            return .set(try PySet(x.items + y.items))
        case (.bitAnd, .set(let x), .set(let y)):
            return .set(try PySet(x.items.filter { try y.contains($0) }))
        case (.subtract, .set(let x), .set(let y)):
            return .set(try PySet(x.items.filter { try !y.contains($0) }))
        case (.bitXor, .set(let x), .set(let y)):
            return .set(try PySet(x.items.filter { try !y.contains($0) } + y.items.filter { try !x.contains($0) }))
        case (.bitOr, .dict(let x), .dict(let y)):
            let d = PyDict()
            for (k, v) in x.items + y.items { try d.set(k, v) }
            return .dict(d)
        default: break
        }
        if op == .add, case .str = a {
            throw PyException(BuiltinTypes.typeError, "can only concatenate str (not \"\(b.typeName)\") to str")
        }
        if op == .add, case .list = a {
            throw PyException(BuiltinTypes.typeError, "can only concatenate list (not \"\(b.typeName)\") to list")
        }
        if op == .multiply, a.isSequence || b.isSequence {
            let other = a.isSequence ? b : a
            throw PyException(BuiltinTypes.typeError, "can't multiply sequence by non-int of type '\(other.typeName)'")
        }
        throw PyException(BuiltinTypes.typeError, "unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
    }

    private func numericOp(_ op: BinaryOperator, _ x: Numeric, _ y: Numeric) throws -> Value {
        if case .int(let a) = x, case .int(let b) = y {
            switch op {
            case .add: return .int(try Checked.add(a, b))
            case .subtract: return .int(try Checked.subtract(a, b))
            case .multiply: return .int(try Checked.multiply(a, b))
            case .floorDivide: return .int(try Checked.floorDivide(a, b))
            case .modulo: return .int(try Checked.modulo(a, b))
            case .divide:
                if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "division by zero") }
                return .float(Double(a) / Double(b))
            case .power:
                if b < 0 {
                    if a == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "0.0 cannot be raised to a negative power") }
                    return .float(Glibc.pow(Double(a), Double(b)))
                }
                return .int(try Checked.power(a, b))
            case .bitAnd: return .int(a & b)
            case .bitOr: return .int(a | b)
            case .bitXor: return .int(a ^ b)
            case .leftShift:
                if b < 0 { throw PyException(BuiltinTypes.valueError, "negative shift count") }
                if a == 0 { return .int(0) }
                if b >= 63 { throw Checked.overflow("<<", a, b) }
                let r = a << b
                if r >> b != a { throw Checked.overflow("<<", a, b) }
                return .int(r)
            case .rightShift:
                if b < 0 { throw PyException(BuiltinTypes.valueError, "negative shift count") }
                return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
            case .matrixMultiply: break
            }
        }
        let a = x.double
        let b = y.double
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide:
            if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "float division by zero") }
            return .float(a / b)
        case .floorDivide:
            if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "float floor division by zero") }
            return .float(try FloatDivision.divmod(a, b).0)
        case .modulo:
            if b == 0 { throw PyException(BuiltinTypes.zeroDivisionError, "float modulo") }
            return .float(try FloatDivision.divmod(a, b).1)
        case .power:
            return .float(try Interpreter.floatPower(a, b))
        default:
            throw PyException(BuiltinTypes.typeError, "unsupported operand type(s) for \(op.rawValue): 'float' and 'float'")
        }
    }

    static func floatPower(_ a: Double, _ b: Double) throws -> Double {
        if a == 0 && b < 0 { throw PyException(BuiltinTypes.zeroDivisionError, "0.0 cannot be raised to a negative power") }
        if a < 0 && b != b.rounded() && b.isFinite {
            throw PyException(BuiltinTypes.valueError, "negative number cannot be raised to a fractional power (complex numbers are not supported)")
        }
        let r = Glibc.pow(a, b)
        if r.isInfinite && a.isFinite && b.isFinite { throw PyException(BuiltinTypes.overflowError, "(34, 'Numerical result out of range')") }
        return r
    }

    public func unaryOp(_ op: UnaryOperator, _ v: Value) throws -> Value {
        if case .object(let o) = v, let r = try o.unaryOperation(op) { return r }
        switch (op, v.numeric) {
        case (.negate, .int(let i)?): return .int(try Checked.negate(i))
        case (.negate, .float(let d)?): return .float(-d)
        case (.plus, .int(let i)?): return .int(i)
        case (.plus, .float(let d)?): return .float(d)
        case (.invert, .int(let i)?): return .int(~i)
        default:
            throw PyException(BuiltinTypes.typeError, "bad operand type for unary \(op.rawValue): '\(v.typeName)'")
        }
    }

    // MARK: Comparison

    public func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case .isSame: return .bool(isSame(a, b))
        case .isNot: return .bool(!isSame(a, b))
        case .isIn: return .bool(try contains(b, a))
        case .notIn: return .bool(try !contains(b, a))
        default: break
        }
        if case .object(let o) = a, let r = try o.compare(op, other: b) { return r }
        if case .object(let o) = b, let r = try o.compare(op.swapped, other: a) { return r }
        switch op {
        case .equal: return .bool(try pyEquals(a, b))
        case .notEqual: return .bool(try !pyEquals(a, b))
        default: return .bool(try order(op, a, b, depth: 0))
        }
    }

    func isSame(_ a: Value, _ b: Value) -> Bool {
        if let x = a.identity, let y = b.identity { return x == y }
        switch (a, b) {
        case (.none, .none), (.ellipsis, .ellipsis): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.str(let x), .str(let y)): return x == y
        case (.tuple(let x), .tuple(let y)): return x.isEmpty && y.isEmpty
        default: return false
        }
    }

    private func order(_ op: ComparisonOperator, _ a: Value, _ b: Value, depth: Int) throws -> Bool {
        if depth > 500 { throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded in comparison") }
        func result(_ c: Int) -> Bool {
            switch op {
            case .less: return c < 0
            case .lessEqual: return c <= 0
            case .greater: return c > 0
            default: return c >= 0
            }
        }
        if let x = a.numeric, let y = b.numeric {
            switch (x, y) {
            case (.int(let p), .int(let q)): return result(p < q ? -1 : p > q ? 1 : 0)
            default:
                let p = x.double, q = y.double
                if p.isNaN || q.isNaN { return false }
                return result(p < q ? -1 : p > q ? 1 : 0)
            }
        }
        switch (a, b) {
        case (.str(let x), .str(let y)):
            if x.unicodeScalars.elementsEqual(y.unicodeScalars) { return result(0) }
            return result(x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars) ? -1 : 1)
        case (.list(let x), .list(let y)): return try orderSequences(op, x.items, y.items, depth)
        case (.tuple(let x), .tuple(let y)): return try orderSequences(op, x, y, depth)
        case (.set(let x), .set(let y)):
            let sub = try x.items.allSatisfy { try y.contains($0) }
            let sup = try y.items.allSatisfy { try x.contains($0) }
            switch op {
            case .lessEqual: return sub
            case .less: return sub && x.count < y.count
            case .greaterEqual: return sup
            default: return sup && x.count > y.count
            }
        default:
            throw PyException(BuiltinTypes.typeError, "'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    private func orderSequences(_ op: ComparisonOperator, _ x: [Value], _ y: [Value], _ depth: Int) throws -> Bool {
        for (p, q) in zip(x, y) where try !pyEquals(p, q) {
            return try order(op, p, q, depth: depth + 1)
        }
        return try order(op, .int(Int64(x.count)), .int(Int64(y.count)), depth: depth + 1)
    }

    /// Sort comparison used by `sorted`, `min`, `max`.
    func lessThan(_ a: Value, _ b: Value) throws -> Bool {
        try truth(compare(.less, a, b))
    }

    func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .list(let l): return try l.items.contains { try pyEquals($0, item) }
        case .tuple(let t): return try t.contains { try pyEquals($0, item) }
        case .str(let s):
            guard case .str(let sub) = item else {
                throw PyException(BuiltinTypes.typeError, "'in <string>' requires string as left operand, not \(item.typeName)")
            }
            return sub.isEmpty || s.contains(sub)
        case .dict(let d):
            return try d.get(item) != nil
        case .set(let s): return try s.contains(item)
        case .object(let o as PyInstance):
            if let r = try o.callSpecial("__contains__", [item]) { return try truth(r) }
            let it = try makeIterator(container)
            while let v = try it.next() {
                if try pyEquals(v, item) { return true }
            }
            return false
        case .range(let r):
            guard case .int(let i)? = item.numeric else {
                if case .float(let f) = item, let i = Int64(exactly: f) { return try contains(container, .int(i)) }
                return false
            }
            let n = r.count
            if n <= 0 { return false }
            let (off, o) = i.subtractingReportingOverflow(r.start)
            if o || off % r.step != 0 { return false }
            let k = off / r.step
            return k >= 0 && (n < 0 || k < n)
        default:
            let it = try makeIterator(container)
            while let v = try it.next() {
                if try pyEquals(v, item) { return true }
            }
            return false
        }
    }

    // MARK: Subscripts

    public func getItem(_ v: Value, _ key: Value) throws -> Value {
        switch v {
        case .list(let l): return try sequenceItem(l.items, key, "list") { .list(PyList($0)) }
        case .tuple(let t): return try sequenceItem(t, key, "tuple") { .tuple($0) }
        case .str(let s):
            let scalars = Array(s.unicodeScalars)
            return try sequenceItem(scalars.map { .str(String($0)) }, key, "string") { parts in
                var out = String.UnicodeScalarView()
                for p in parts { if case .str(let c) = p { out.append(contentsOf: c.unicodeScalars) } }
                return .str(String(out))
            }
        case .dict(let d):
            guard let value = try d.get(key) else { throw PyException(BuiltinTypes.keyError, args: [key]) }
            return value
        case .range(let r):
            let n = r.count
            guard n >= 0 else { throw PyException(BuiltinTypes.overflowError, "range too large") }
            if case .slice(let s) = key {
                let (start, _, step, count) = try sliceIndices(s, Int(n))
                guard let first = r.element(Int64(start)) else { throw PyException(BuiltinTypes.overflowError, "range too large") }
                let newStep = try Checked.multiply(r.step, Int64(step))
                let stop = try Checked.add(first, try Checked.multiply(newStep, Int64(count)))
                return .range(PyRange(start: first, stop: stop, step: newStep))
            }
            let i = try index(key, Int(n), "range object")
            return .int(r.element(Int64(i)) ?? 0)
        case .object(let o):
            if let r = try o.getItem(key) { return r }
        case .type(let t):
            return .type(t)
        default: break
        }
        throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object is not subscriptable")
    }

    private func sequenceItem(_ items: [Value], _ key: Value, _ name: String, _ make: ([Value]) -> Value) throws -> Value {
        if case .slice(let s) = key {
            let (start, _, step, count) = try sliceIndices(s, items.count)
            var out: [Value] = []
            out.reserveCapacity(count)
            var i = start
            for _ in 0..<count { out.append(items[i]); i += step }
            return make(out)
        }
        return items[try index(key, items.count, name)]
    }

    /// A valid index into `count` items (negative counts from the end).
    func index(_ key: Value, _ count: Int, _ name: String) throws -> Int {
        guard let k = key.intValue else {
            if case .object(let o) = key, let v = try o.getAttribute("__index__", interpreter: self), case .int(let i) = try call(v, []) {
                return try index(.int(i), count, name)
            }
            let what = name == "string" ? "string indices" : "\(name) indices"
            throw PyException(BuiltinTypes.typeError, "\(what) must be integers or slices, not \(key.typeName)")
        }
        let i = k < 0 ? k + Int64(count) : k
        guard i >= 0 && i < Int64(count) else { throw PyException(BuiltinTypes.indexError, "\(name) index out of range") }
        return Int(i)
    }

    /// Python's slice.indices(length): start, stop, step and element count.
    public func sliceIndices(_ s: PySlice, _ length: Int) throws -> (Int, Int, Int, Int) {
        func get(_ v: Value) throws -> Int64? {
            if case .none = v { return nil }
            guard let i = v.intValue else {
                throw PyException(BuiltinTypes.typeError, "slice indices must be integers or None or have an __index__ method")
            }
            return i
        }
        var step = try get(s.step) ?? 1
        if step == 0 { throw PyException(BuiltinTypes.valueError, "slice step cannot be zero") }
        if step < -Int64(Int32.max) * 1000 { step = -Int64(Int32.max) * 1000 }
        let len = Int64(length)
        func clamp(_ v: Int64?, _ def: Int64) -> Int64 {
            guard var x = v else { return def }
            if x < 0 { x = x < -len ? (step < 0 ? -1 : 0) : x + len; return x }
            if x >= len { return step < 0 ? len - 1 : len }
            return x
        }
        let start = clamp(try get(s.start), step < 0 ? len - 1 : 0)
        let stop = clamp(try get(s.stop), step < 0 ? -1 : len)
        var count: Int64 = 0
        if step > 0 && start < stop { count = (stop - start - 1) / step + 1 }
        if step < 0 && start > stop { count = (start - stop - 1) / (-step) + 1 }
        return (Int(start), Int(stop), Int(clamping: step), Int(count))
    }

    public func setItem(_ v: Value, _ key: Value, _ value: Value) throws {
        switch v {
        case .list(let l):
            if case .slice(let s) = key {
                let (start, stop, step, count) = try sliceIndices(s, l.items.count)
                let newItems = try toArray(value)
                if step == 1 {
                    let end = max(start, stop)
                    try Limits.checkCount(l.items.count - (end - start) + newItems.count)
                    l.items.replaceSubrange(start..<end, with: newItems)
                } else {
                    guard newItems.count == count else {
                        throw PyException(BuiltinTypes.valueError, "attempt to assign sequence of size \(newItems.count) to extended slice of size \(count)")
                    }
                    var i = start
                    for x in newItems { l.items[i] = x; i += step }
                }
                return
            }
            let i = try index(key, l.items.count, "list assignment")
            l.items[i] = value
        case .dict(let d):
            try d.set(key, value)
            try Limits.checkCount(d.count)
        case .object(let o):
            if try o.setItem(key, value: value) { return }
            throw PyException(BuiltinTypes.typeError, "'\(o.typeName)' object does not support item assignment")
        default:
            throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object does not support item assignment")
        }
    }

    func deleteItem(_ v: Value, _ key: Value) throws {
        switch v {
        case .list(let l):
            if case .slice(let s) = key {
                let (start, _, step, count) = try sliceIndices(s, l.items.count)
                var remove = Set<Int>()
                var i = start
                for _ in 0..<count { remove.insert(i); i += step }
                l.items = l.items.enumerated().filter { !remove.contains($0.offset) }.map(\.element)
                return
            }
            l.items.remove(at: try index(key, l.items.count, "list assignment"))
        case .dict(let d):
            if try d.table.remove(key) == nil { throw PyException(BuiltinTypes.keyError, args: [key]) }
        case .object(let o as PyInstance) where try o.callSpecial("__delitem__", [key]) != nil:
            return
        default:
            throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object doesn't support item deletion")
        }
    }

    // MARK: Attributes

    public func getAttribute(_ v: Value, _ name: String) throws -> Value {
        switch v {
        case .module(let m):
            if let x = m[name] { return x }
            if name == "__name__" { return .str(m.name) }
            if name == "__doc__" { return .str(m.doc) }
            if let sub = try? importModule(m.name.split(separator: ".").map(String.init) + [name]) { return .module(sub) }
            if let explain = m.explainMissing { throw PyException(BuiltinTypes.attributeError, explain(name)) }
            var msg = "module '\(m.name)' has no attribute '\(name)'"
            if let s = Suggestions.closest(to: name, in: m.memberOrder) {
                msg += ". Did you mean: '\(s)'?"
            } else {
                let available = m.memberOrder.filter { !$0.hasPrefix("_") }
                let shown = available.prefix(40).joined(separator: ", ")
                msg += " (available: \(shown)\(available.count > 40 ? ", ..." : ""))"
            }
            throw PyException(BuiltinTypes.attributeError, msg)
        case .object(let o):
            if let x = try o.getAttribute(name, interpreter: self) { return x }
            if let m = o.pythonType.method(name) { return .builtin(BuiltinFunction(method: m, receiver: v)) }
        case .exception(let e):
            if let x = try exceptionAttribute(e, name) { return x }
        case .function(let f):
            if name == "__name__" { return .str(f.name) }
            if name == "__qualname__" { return .str(f.qualifiedName) }
            if name == "__doc__" { return f.doc.map { .str($0) } ?? .none }
        case .builtin(let b):
            if name == "__name__" { return .str(b.name) }
            if name == "__doc__" { return .str(b.doc) }
        case .type(let t):
            if let x = try typeAttribute(t, name) { return x }
            if let m = t.method(name) {
                return .builtin(BuiltinFunction(name: name, signature: m.signature, doc: m.doc) { args, interp in
                    guard let receiver = args.positional.first else {
                        throw PyException(BuiltinTypes.typeError, "unbound method \(t.name).\(name)() needs an argument")
                    }
                    return try m.impl(receiver, Arguments(Array(args.positional.dropFirst()), keywords: args.keywords), interp)
                })
            }
        case .slice(let s):
            switch name {
            case "start": return s.start
            case "stop": return s.stop
            case "step": return s.step
            default: break
            }
        case .range(let r):
            switch name {
            case "start": return .int(r.start)
            case "stop": return .int(r.stop)
            case "step": return .int(r.step)
            default: break
            }
        case .float(let d):
            if name == "real" { return .float(d) }
            if name == "imag" { return .float(0) }
        case .int(let i):
            if name == "real" || name == "numerator" { return .int(i) }
            if name == "imag" { return .int(0) }
            if name == "denominator" { return .int(1) }
        default: break
        }
        if let m = v.type.method(name) { return .builtin(BuiltinFunction(method: m, receiver: v)) }
        if name == "__class__" { return .type(v.type) }
        var msg = "'\(v.typeName)' object has no attribute '\(name)'"
        if case .type(let t) = v { msg = "type object '\(t.name)' has no attribute '\(name)'" }
        if let s = Suggestions.closest(to: name, in: attributeNames(of: v)) { msg += ". Did you mean: '\(s)'?" }
        throw PyException(BuiltinTypes.attributeError, msg)
    }

    func setAttribute(_ v: Value, _ name: String, _ value: Value) throws {
        switch v {
        case .module(let m):
            m.set(name, value)
            return
        case .object(let o):
            if try o.setAttribute(name, value: value) { return }
            if o is PyInstance { throw PyException(BuiltinTypes.attributeError, "'\(v.typeName)' object has no attribute '\(name)'") }
        case .type(let t):
            try setTypeAttribute(t, name, value)
            return
        case .exception(let e):
            if name == "args" { e.args = try toArray(value) } else { e.attributes[name] = value }
            return
        default: break
        }
        throw PyException(BuiltinTypes.attributeError, "'\(v.typeName)' object has no attribute '\(name)' (attributes of '\(v.typeName)' objects are read-only)")
    }

    /// `del obj.name`.
    func deleteAttribute(_ v: Value, _ name: String) throws {
        switch v {
        case .object(let o as PyInstance):
            if try o.deleteAttribute(name) { return }
            throw PyException(BuiltinTypes.attributeError, "'\(v.typeName)' object has no attribute '\(name)'")
        case .type(let t) where t.isUserClass:
            if t.namespace?.removeValue(forKey: name) != nil { return }
            throw PyException(BuiltinTypes.attributeError, "type object '\(t.name)' has no attribute '\(name)'")
        case .exception(let e) where e.attributes[name] != nil:
            e.attributes[name] = nil
        default:
            throw PyException(BuiltinTypes.attributeError, "'\(v.typeName)' object attribute '\(name)' cannot be deleted")
        }
    }

    /// Attribute names offered after `value.` by completion.
    public func attributeNames(of v: Value) -> [String] {
        switch v {
        case .module(let m): return m.memberOrder
        case .object(let o): return Array(Set(o.attributeNames + o.pythonType.allMethodNames)).sorted()
        case .exception(let e): return Array(Set(["args"] + e.attributes.keys + e.type.userAttributeNames)).sorted()
        case .type(let t): return Array(Set(t.allMethodNames + t.userAttributeNames + ["__name__", "__doc__"])).sorted()
        case .slice: return ["start", "stop", "step"]
        case .range: return ["start", "stop", "step"] + v.type.allMethodNames
        default: return v.type.allMethodNames
        }
    }
}

extension ComparisonOperator {
    /// The operator with operands swapped (`a < b` is `b > a`).
    var swapped: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .greater: return .less
        case .lessEqual: return .greaterEqual
        case .greaterEqual: return .lessEqual
        default: return self
        }
    }
}

extension Value {
    /// An int (or bool) as Int64.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    /// A number as Double.
    public var doubleValue: Double? { numeric?.double }

    var isSequence: Bool {
        switch self {
        case .str, .list, .tuple: return true
        default: return false
        }
    }
}
