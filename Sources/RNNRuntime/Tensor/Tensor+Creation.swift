/// A nested Python-style list of numbers, the input of `Tensor.array` (`np.array([[1, 2], [3, 4]])`).
public indirect enum NestedValues: Equatable {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case list([NestedValues])
}

extension Tensor {
    /// `np.zeros(shape, dtype)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 0, dtype: dtype)
    }

    /// `np.ones(shape, dtype)`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, 1, dtype: dtype)
    }

    /// `np.full(shape, value, dtype)`.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) throws -> Tensor {
        let n = try Shape.count(shape)
        switch dtype {
        case .float32: return Tensor(shape: shape, floats: [Float](repeating: Float(value), count: n))
        case .int64: return Tensor(shape: shape, ints: [Int64](repeating: Int64(exactly: value.rounded(.towardZero)) ?? 0, count: n))
        case .bool: return Tensor(shape: shape, ints: [Int64](repeating: value != 0 ? 1 : 0, count: n), dtype: .bool)
        }
    }

    /// `np.zeros_like(a)`.
    public static func zerosLike(_ a: Tensor) -> Tensor { (try? full(a.shape, 0, dtype: a.dtype))! }
    /// `np.ones_like(a)`.
    public static func onesLike(_ a: Tensor) -> Tensor { (try? full(a.shape, 1, dtype: a.dtype))! }

    /// `np.arange(start, stop, step)` over integers: an int64 tensor.
    public static func arange(_ start: Int, _ stop: Int, _ step: Int = 1) throws -> Tensor {
        guard step != 0 else { throw TensorError.value("Maximum allowed size exceeded") }
        let n = try elementCount((Double(stop) - Double(start)) / Double(step))
        return Tensor(shape: [n], ints: (0..<n).map { Int64(start &+ $0 &* step) })
    }

    /// `np.arange(stop)`.
    public static func arange(_ stop: Int) throws -> Tensor { try arange(0, stop, 1) }

    /// `np.arange(start, stop, step)` with float bounds: a float32 tensor, computed in Double as NumPy does.
    public static func arange(_ start: Double, _ stop: Double, _ step: Double = 1) throws -> Tensor {
        guard step != 0, step.isFinite, start.isFinite, stop.isFinite else {
            throw TensorError.value("Maximum allowed size exceeded")
        }
        let n = try elementCount((stop - start) / step)
        return Tensor(shape: [n], floats: (0..<n).map { Float(start + Double($0) * step) })
    }

    /// ceil(span) as a length, checked against the element cap before converting (Int(1e30) would trap).
    private static func elementCount(_ span: Double) throws -> Int {
        let n = span.rounded(.up)
        guard n.isFinite, n <= Double(Shape.maxElements) else {
            throw TensorError.value("Maximum allowed size exceeded")
        }
        return Swift.max(0, Int(n))
    }

    /// `np.linspace(start, stop, num, endpoint)`: `num` evenly spaced float32 values.
    public static func linspace(_ start: Double, _ stop: Double, num: Int = 50, endpoint: Bool = true) throws -> Tensor {
        guard num >= 0 else { throw TensorError.value("Number of samples, \(num), must be non-negative.") }
        _ = try Shape.count([num])
        let div = endpoint ? num - 1 : num
        let step = div > 0 ? (stop - start) / Double(div) : 0
        var out = (0..<num).map { Float(Double($0) * step + start) }
        if endpoint && num > 1 { out[num - 1] = Float(stop) }
        return Tensor(shape: [num], floats: out)
    }

    /// `np.eye(n, m, k)`: ones on the k-th diagonal.
    public static func eye(_ n: Int, _ m: Int? = nil, k: Int = 0, dtype: DType = .float32) throws -> Tensor {
        let cols = m ?? n
        var t = try zeros([n, cols], dtype: dtype)
        // k outside (-n, cols) has no ones; checking first keeps i + k from overflowing.
        guard k > -n, k < cols else { return t }
        for i in 0..<n where i + k >= 0 && i + k < cols {
            if dtype == .float32 { t.floats[i * cols + i + k] = 1 } else { t.ints[i * cols + i + k] = 1 }
        }
        return t
    }

    /// `np.array(nested)`: the shape is read from the nesting; the dtype is float32 if any
    /// element is a float, int64 if all are ints, bool if all are bools, unless `dtype` is given.
    public static func array(_ values: NestedValues, dtype: DType? = nil) throws -> Tensor {
        var shape: [Int] = []
        var probe = values
        while case .list(let items) = probe {
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        var flat: [NestedValues] = []
        flat.reserveCapacity(try Shape.count(shape))
        func walk(_ v: NestedValues, depth: Int) throws {
            switch v {
            case .list(let items):
                guard depth < shape.count, items.count == shape[depth] else { throw inhomogeneous(shape, depth) }
                for item in items { try walk(item, depth: depth + 1) }
            default:
                guard depth == shape.count else { throw inhomogeneous(shape, depth) }
                flat.append(v)
            }
        }
        try walk(values, depth: 0)
        var sawFloat = false, sawInt = false
        for v in flat {
            if case .double = v { sawFloat = true } else if case .int = v { sawInt = true }
        }
        let resolved = dtype ?? (sawFloat ? .float32 : sawInt ? .int64 : flat.isEmpty ? .float32 : .bool)
        if resolved == .float32 {
            return Tensor(shape: shape, floats: flat.map { v -> Float in
                switch v {
                case .double(let d): return Float(d)
                case .int(let i): return Float(i)
                case .bool(let b): return b ? 1 : 0
                case .list: return 0
                }
            })
        }
        let ints = flat.map { v -> Int64 in
            switch v {
            case .double(let d): return d.isFinite ? Int64(d.rounded(.towardZero)) : 0
            case .int(let i): return Int64(i)
            case .bool(let b): return b ? 1 : 0
            case .list: return 0
            }
        }
        return Tensor(shape: shape, ints: resolved == .bool ? ints.map { $0 != 0 ? 1 : 0 } : ints, dtype: resolved)
    }

    private static func inhomogeneous(_ shape: [Int], _ depth: Int) -> TensorError {
        let detected = Array(shape.prefix(depth))
        return .value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was \(Shape.describe(detected)) + inhomogeneous part.")
    }

    /// A 1-D float32 tensor from values.
    public static func array(_ values: [Double]) -> Tensor {
        Tensor(shape: [values.count], floats: values.map { Float($0) })
    }

    /// A 2-D float32 tensor from rows; a ValueError when rows differ in length.
    public static func array(_ rows: [[Double]]) throws -> Tensor {
        try array(.list(rows.map { .list($0.map(NestedValues.double)) }))
    }

    /// A 1-D int64 tensor from values.
    public static func array(_ values: [Int]) -> Tensor {
        Tensor(shape: [values.count], ints: values.map { Int64($0) })
    }

    /// A 2-D int64 tensor from rows; a ValueError when rows differ in length.
    public static func array(_ rows: [[Int]]) throws -> Tensor {
        try array(.list(rows.map { .list($0.map(NestedValues.int)) }))
    }
}
