import RNNRuntime

/// Plot data read from cell values: numbers, lists, tuples, ranges, iterables and ndarrays.
struct PlotArray {
    /// [] for a scalar, [n] for a vector, [rows, columns] for a matrix (more axes are kept for errors).
    var shape: [Int]
    /// Row-major values; None becomes NaN (a gap), as in matplotlib.
    var values: [Double]

    var count: Int { values.count }
    var shapeText: String { shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")" }

    /// The leading axis length (a scalar counts as 1).
    var length: Int { shape.first ?? 1 }

    /// Column `j` of a matrix (or the vector itself).
    func column(_ j: Int) -> [Double] {
        guard shape.count == 2 else { return values }
        let columns = shape[1]
        return (0..<shape[0]).map { values[$0 * columns + j] }
    }

    var columnCount: Int { shape.count == 2 ? shape[1] : 1 }

    /// Reads any array-like value; TypeError for text and other non-numbers.
    static func read(_ value: Value, _ interp: Interpreter, what: String = "data", depth: Int = 0) throws -> PlotArray {
        guard depth < 32 else { throw PyException(BuiltinTypes.valueError, "\(what) has too many dimensions") }
        if case .object(let o as TensorObject) = value {
            let t = o.tensor
            let values: [Double] = t.dtype == .float32 ? t.floats.map(Double.init) : t.ints.map(Double.init)
            return PlotArray(shape: t.shape, values: values)
        }
        if let d = scalar(value) { return PlotArray(shape: [], values: [d]) }
        switch value {
        case .list, .tuple, .range, .iterator, .dict, .object:
            break
        default:
            throw unsupported(value, what)
        }
        let items = try interp.toArray(value)
        if items.allSatisfy({ scalar($0) != nil }) {
            return PlotArray(shape: [items.count], values: items.map { scalar($0)! })
        }
        let rows = try items.map { try read($0, interp, what: what, depth: depth + 1) }
        guard let first = rows.first, rows.allSatisfy({ $0.shape == first.shape }) else {
            throw PyException(BuiltinTypes.valueError, "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions.")
        }
        return PlotArray(shape: [rows.count] + first.shape, values: rows.flatMap(\.values))
    }

    private static func scalar(_ v: Value) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d
        case .bool(let b): return b ? 1 : 0
        case .none: return .nan
        case .object(let o as TensorObject) where o.tensor.ndim == 0:
            return o.tensor.dtype == .float32 ? Double(o.tensor.floats[0]) : Double(o.tensor.ints[0])
        default: return nil
        }
    }

    private static func unsupported(_ v: Value, _ what: String) -> PyException {
        if case .str = v {
            return PyException(BuiltinTypes.typeError, "\(what) must be numbers: text (categorical) values are not supported by this plot module")
        }
        return PyException(BuiltinTypes.typeError, "\(what) must be a number, a sequence of numbers or an array, not '\(v.typeName)'")
    }
}

/// Small readers for keyword values.
enum PlotArgument {
    static func double(_ v: Value, _ name: String) throws -> Double {
        if let d = v.doubleValue { return d }
        if case .object(let o as TensorObject) = v, o.tensor.size == 1 {
            return o.tensor.dtype == .float32 ? Double(o.tensor.floats[0]) : Double(o.tensor.ints[0])
        }
        throw PyException(BuiltinTypes.typeError, "\(name) must be a real number, not \(v.typeName)")
    }

    static func optionalDouble(_ v: Value?, _ name: String) throws -> Double? {
        guard let v else { return nil }
        if case .none = v { return nil }
        return try double(v, name)
    }

    static func int(_ v: Value, _ name: String) throws -> Int {
        switch v {
        case .int(let i) where i > -(1 << 31) && i < 1 << 31: return Int(i)
        case .bool(let b): return b ? 1 : 0
        default: throw PyException(BuiltinTypes.typeError, "\(name) must be an integer, not \(v.typeName)")
        }
    }

    static func string(_ v: Value, _ name: String) throws -> String {
        guard case .str(let s) = v else { throw PyException(BuiltinTypes.typeError, "\(name) must be a str, not \(v.typeName)") }
        return s
    }

    /// Label text: any value as `str()` gives it (matplotlib accepts numbers too).
    static func text(_ v: Value) throws -> String {
        if case .str(let s) = v { return s }
        return try v.str()
    }

    /// `figsize=(w, h)`: two positive finite numbers.
    static func size(_ v: Value, _ interp: Interpreter) throws -> (Double, Double) {
        guard case .tuple = v, true else {
            if case .list = v {} else {
                throw PyException(BuiltinTypes.typeError, "object of type '\(v.typeName)' has no len()")
            }
            return try size(.tuple(try interp.toArray(v)), interp)
        }
        let parts = try interp.toArray(v)
        let numbers = parts.compactMap { $0.doubleValue }
        guard parts.count == 2, numbers.count == 2, numbers.allSatisfy({ $0 > 0 && $0.isFinite && $0 < 1000 }) else {
            throw PyException(BuiltinTypes.valueError, "figure size must be positive finite not \((try? v.repr()) ?? "?")")
        }
        return (numbers[0], numbers[1])
    }
}
