import Glibc

// Shape key: out = broadcast(a.shape, b.shape) under NumPy's rules (align right, 1 stretches).
// Dtype rule (NumPy's, narrowed to our three dtypes): integral op integral stays int64 for
// + - * // % ** maximum minimum; anything with a float32 side, and true division, is float32;
// comparisons give bool. Math functions (exp, log, ...) compute in float32 and give float32.

/// A broadcasting binary operation.
public enum BinaryOp: Sendable {
    case add, subtract, multiply, divide, floorDivide, remainder, power, maximum, minimum
}

/// A broadcasting comparison; the result has dtype `bool`.
public enum ComparisonOp: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

extension Tensor {
    /// Applies `f` to `a` and `b` broadcast against each other; the fast paths skip offset tables.
    static func broadcastApply<A, B, R>(_ a: [A], _ aShape: [Int], _ b: [B], _ bShape: [Int], _ outShape: [Int], _ f: (A, B) -> R) -> [R] {
        if aShape == bShape { return zip(a, b).map(f) }
        if b.count == 1, aShape == outShape { let y = b[0]; return a.map { f($0, y) } }
        if a.count == 1, bShape == outShape { let x = a[0]; return b.map { f(x, $0) } }
        // General case: offset tables for the outer axes only; the last axis is a strided inner loop.
        let n = Shape.product(outShape)
        guard n > 0, let inner = outShape.last else { return [] }
        let sa = Shape.broadcastStrides(aShape, to: outShape), sb = Shape.broadcastStrides(bShape, to: outShape)
        let outer = Array(outShape.dropLast())
        let ra = offsets(shape: outer, strides: Array(sa.dropLast())), rb = offsets(shape: outer, strides: Array(sb.dropLast()))
        let ia = sa[sa.count - 1], ib = sb[sb.count - 1]
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                [R](unsafeUninitializedCapacity: n) { out, count in
                    for r in 0..<ra.count {
                        let baseA = ra[r], baseB = rb[r], baseOut = r * inner
                        for j in 0..<inner { (out.baseAddress! + baseOut + j).initialize(to: f(pa[baseA + j * ia], pb[baseB + j * ib])) }
                    }
                    count = n
                }
            }
        }
    }

    /// x**y for y >= 0 by squaring, wrapping on overflow as NumPy's int64 does.
    static func integerPower(_ x: Int64, _ y: Int64) -> Int64 {
        var result: Int64 = 1, base = x, e = y
        while e > 0 {
            if e & 1 == 1 { result = result &* base }
            base = base &* base
            e >>= 1
        }
        return result
    }

    /// `a op b` with broadcasting.
    public func binary(_ op: BinaryOp, _ other: Tensor) throws -> Tensor {
        let outShape = try Shape.broadcast(shape, other.shape)
        if dtype.isIntegral && other.dtype.isIntegral && op != .divide {
            if op == .power, other.ints.contains(where: { $0 < 0 }) {
                throw TensorError.value("Integers to negative integer powers are not allowed.")
            }
            if op == .floorDivide || op == .remainder, other.ints.contains(0) {
                // NumPy warns and yields 0; a kernel cell is better served by Python's own error.
                throw TensorError(.valueError, "integer division or modulo by zero")
            }
            let f: (Int64, Int64) -> Int64
            switch op {
            case .add: f = (&+)
            case .subtract: f = (&-)
            case .multiply: f = (&*)
            case .floorDivide: f = { x, y in let q = x / y; return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q }
            case .remainder: f = { x, y in let r = x % y; return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r }
            case .power: f = Tensor.integerPower
            case .maximum: f = { Swift.max($0, $1) }
            case .minimum: f = { Swift.min($0, $1) }
            case .divide: fatalError("unreachable: true division is float")
            }
            return Tensor(shape: outShape, ints: Tensor.broadcastApply(ints, shape, other.ints, other.shape, outShape, f))
        }
        let f: (Float, Float) -> Float
        switch op {
        case .add: f = (+)
        case .subtract: f = (-)
        case .multiply: f = (*)
        case .divide: f = (/)
        case .floorDivide: f = { ($0 / $1).rounded(.down) }
        case .remainder: f = { x, y in let r = fmodf(x, y); return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r }
        case .power: f = { powf($0, $1) }
        // NumPy's maximum/minimum propagate NaN.
        case .maximum: f = { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case .minimum: f = { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        }
        return Tensor(shape: outShape, floats: Tensor.broadcastApply(floatValues, shape, other.floatValues, other.shape, outShape, f))
    }

    /// `a < b` and friends with broadcasting: a bool tensor.
    public func compare(_ op: ComparisonOp, _ other: Tensor) throws -> Tensor {
        let outShape = try Shape.broadcast(shape, other.shape)
        func run<T: Comparable>(_ a: [T], _ b: [T]) -> [Int64] {
            let f: (T, T) -> Bool
            switch op {
            case .equal: f = (==)
            case .notEqual: f = (!=)
            case .less: f = (<)
            case .lessEqual: f = (<=)
            case .greater: f = (>)
            case .greaterEqual: f = (>=)
            }
            return Tensor.broadcastApply(a, shape, b, other.shape, outShape) { f($0, $1) ? 1 : 0 }
        }
        let out = dtype.isIntegral && other.dtype.isIntegral ? run(ints, other.ints) : run(floatValues, other.floatValues)
        return Tensor(shape: outShape, ints: out, dtype: .bool)
    }

    /// Applies a float function elementwise; integral tensors are converted to float32 first.
    public func map(_ f: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, floats: floatValues.map(f))
    }

    public static func + (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.add, b) }
    public static func - (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.subtract, b) }
    public static func * (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.multiply, b) }
    public static func / (a: Tensor, b: Tensor) throws -> Tensor { try a.binary(.divide, b) }
    public static func + (a: Tensor, b: Double) throws -> Tensor { try a.binary(.add, Tensor(Float(b))) }
    public static func - (a: Tensor, b: Double) throws -> Tensor { try a.binary(.subtract, Tensor(Float(b))) }
    public static func * (a: Tensor, b: Double) throws -> Tensor { try a.binary(.multiply, Tensor(Float(b))) }
    public static func / (a: Tensor, b: Double) throws -> Tensor { try a.binary(.divide, Tensor(Float(b))) }
    public static func + (a: Double, b: Tensor) throws -> Tensor { try Tensor(Float(a)).binary(.add, b) }
    public static func - (a: Double, b: Tensor) throws -> Tensor { try Tensor(Float(a)).binary(.subtract, b) }
    public static func * (a: Double, b: Tensor) throws -> Tensor { try Tensor(Float(a)).binary(.multiply, b) }
    public static func / (a: Double, b: Tensor) throws -> Tensor { try Tensor(Float(a)).binary(.divide, b) }

    /// `-a` (integral stays integral).
    public static prefix func - (a: Tensor) -> Tensor {
        a.dtype == .float32 ? a.map { -$0 } : Tensor(shape: a.shape, ints: a.ints.map { 0 &- $0 })
    }

    /// `a ** b`.
    public func pow(_ exponent: Tensor) throws -> Tensor { try binary(.power, exponent) }
    /// `a ** x`.
    public func pow(_ exponent: Double) throws -> Tensor { try binary(.power, Tensor(Float(exponent))) }
    /// `np.maximum(a, b)`.
    public func maximum(_ other: Tensor) throws -> Tensor { try binary(.maximum, other) }
    /// `np.minimum(a, b)`.
    public func minimum(_ other: Tensor) throws -> Tensor { try binary(.minimum, other) }

    /// `np.exp`.
    public func exp() -> Tensor { map { Glibc.expf($0) } }
    /// `np.log` (NaN below zero, -inf at zero, as NumPy).
    public func log() -> Tensor { map { Glibc.logf($0) } }
    /// `np.sqrt`.
    public func sqrt() -> Tensor { map { $0.squareRoot() } }
    /// `np.tanh`.
    public func tanh() -> Tensor { map { Glibc.tanhf($0) } }
    /// The logistic sigmoid, written so neither branch overflows `exp`.
    public func sigmoid() -> Tensor {
        map { x in
            if x >= 0 { return 1 / (1 + Glibc.expf(-x)) }
            let e = Glibc.expf(x)
            return e / (1 + e)
        }
    }
    /// `max(x, 0)`.
    public func relu() -> Tensor {
        dtype == .float32 ? map { $0 > 0 ? $0 : 0 } : Tensor(shape: shape, ints: ints.map { Swift.max($0, 0) })
    }
    /// `np.abs` (integral stays integral).
    public func abs() -> Tensor {
        dtype == .float32 ? map { Swift.abs($0) } : Tensor(shape: shape, ints: ints.map { $0 < 0 ? 0 &- $0 : $0 }, dtype: dtype)
    }
    /// `np.square`.
    public func square() throws -> Tensor { try binary(.multiply, self) }
    /// `np.clip(a, low, high)`; either bound may be nil.
    public func clip(_ low: Double?, _ high: Double?) throws -> Tensor {
        guard low != nil || high != nil else { throw TensorError.value("One of max or min must be given") }
        var t = self
        if let low { t = try t.binary(.maximum, dtype == .float32 ? Tensor(Float(low)) : Tensor(Int(low))) }
        if let high { t = try t.binary(.minimum, dtype == .float32 ? Tensor(Float(high)) : Tensor(Int(high))) }
        return t
    }
}
