// Shape key used across Tensor/: N = element count, D = ndim, shape[i] = size of axis i.
// Storage is contiguous row-major; views are not shared (every op returns its own buffer),
// which keeps indexing and BLAS calls simple and copy-on-write does the rest.

/// The element type of a tensor.
///
/// `float32` is the compute type; `int64` holds indices (NumPy's default integer); `bool` holds
/// comparison results and masks (stored as 0/1 in the integer buffer, printed `True`/`False`).
public enum DType: String, Sendable, CustomStringConvertible {
    case float32, int64, bool

    public var description: String { rawValue }
    /// Whether values are integral (int64 or bool).
    public var isIntegral: Bool { self != .float32 }
}

/// An N-dimensional array of float32, int64 or bool, contiguous and row-major.
///
/// The buffers are Swift arrays, which are already copy-on-write buffer classes: a `Tensor` is
/// a value, copies are O(1) until one of them is mutated. Exactly one buffer is in use:
/// `floats` for float32, `ints` for int64 and bool.
public struct Tensor {
    /// The size of each axis, outermost first.
    public internal(set) var shape: [Int]
    /// The element type.
    public let dtype: DType
    /// The elements in row-major order when `dtype == .float32`; empty otherwise.
    public internal(set) var floats: [Float]
    /// The elements in row-major order when `dtype` is `.int64` or `.bool` (0/1); empty otherwise.
    public internal(set) var ints: [Int64]

    /// A float32 tensor; unchecked, for callers that computed `shape` from valid shapes.
    init(shape: [Int], floats: [Float]) {
        self.shape = shape
        self.dtype = .float32
        self.floats = floats
        self.ints = []
    }

    /// An int64 or bool tensor; unchecked.
    init(shape: [Int], ints: [Int64], dtype: DType = .int64) {
        self.shape = shape
        self.dtype = dtype
        self.floats = []
        self.ints = ints
    }

    /// A float32 tensor from row-major values; throws when the count does not match the shape.
    public init(shape: [Int], values: [Float]) throws {
        let n = try Shape.count(shape)
        guard n == values.count else {
            throw TensorError.value("cannot reshape array of size \(values.count) into shape \(Shape.describe(shape))")
        }
        self.init(shape: shape, floats: values)
    }

    /// An int64 (or bool) tensor from row-major values; throws when the count does not match the shape.
    public init(shape: [Int], values: [Int64], dtype: DType = .int64) throws {
        let n = try Shape.count(shape)
        guard n == values.count else {
            throw TensorError.value("cannot reshape array of size \(values.count) into shape \(Shape.describe(shape))")
        }
        self.init(shape: shape, ints: values, dtype: dtype == .float32 ? .int64 : dtype)
    }

    /// A 0-d float32 tensor.
    public init(_ value: Float) { self.init(shape: [], floats: [value]) }
    /// A 0-d int64 tensor.
    public init(_ value: Int) { self.init(shape: [], ints: [Int64(value)]) }
    /// A 0-d bool tensor.
    public init(_ value: Bool) { self.init(shape: [], ints: [value ? 1 : 0], dtype: .bool) }

    /// The number of axes.
    public var ndim: Int { shape.count }
    /// The number of elements.
    public var size: Int { dtype == .float32 ? floats.count : ints.count }
    /// `shape` as Python prints it: `(3, 20)`.
    public var shapeDescription: String { Shape.describe(shape) }

    /// Element `i` (row-major) as a Double, whatever the dtype.
    @inline(__always) func double(at i: Int) -> Double {
        dtype == .float32 ? Double(floats[i]) : Double(ints[i])
    }

    /// All elements as float32 (a copy when the dtype is integral).
    public var floatValues: [Float] { dtype == .float32 ? floats : ints.map { Float($0) } }
    /// All elements as Double.
    public var doubleValues: [Double] { dtype == .float32 ? floats.map(Double.init) : ints.map(Double.init) }

    /// The single element as a Double (`a.item()`); a ValueError unless there is exactly one element.
    public func item() throws -> Double {
        guard size == 1 else {
            throw TensorError.value("can only convert an array of size 1 to a Python scalar")
        }
        return double(at: 0)
    }

    /// A tensor of the same dtype with elements picked from this one's row-major positions.
    func gathered(_ indices: [Int], shape: [Int]) -> Tensor {
        switch dtype {
        case .float32:
            let out = floats.withUnsafeBufferPointer { src in indices.map { src[$0] } }
            return Tensor(shape: shape, floats: out)
        case .int64, .bool:
            let out = ints.withUnsafeBufferPointer { src in indices.map { src[$0] } }
            return Tensor(shape: shape, ints: out, dtype: dtype)
        }
    }

    /// A copy converted to `dtype` (NumPy's `astype`): float to int truncates toward zero,
    /// anything to bool tests for non-zero. NaN or infinity to int64 is a ValueError rather than a trap.
    public func astype(_ target: DType) throws -> Tensor {
        if target == dtype { return self }
        switch (dtype, target) {
        case (.float32, .int64):
            var out = [Int64](repeating: 0, count: floats.count)
            for (i, v) in floats.enumerated() {
                guard v.isFinite, Swift.abs(v) < 9.2e18 else {
                    throw TensorError.value("cannot convert float \(v) to integer")
                }
                out[i] = Int64(v)
            }
            return Tensor(shape: shape, ints: out)
        case (.float32, .bool):
            return Tensor(shape: shape, ints: floats.map { $0 != 0 ? 1 : 0 }, dtype: .bool)
        case (_, .float32):
            return Tensor(shape: shape, floats: ints.map { Float($0) })
        case (_, .bool):
            return Tensor(shape: shape, ints: ints.map { $0 != 0 ? 1 : 0 }, dtype: .bool)
        default:
            return Tensor(shape: shape, ints: ints, dtype: target)
        }
    }
}

extension Tensor: Equatable {
    /// Same dtype, shape and elements (NaN is unequal to itself, as in IEEE).
    public static func == (a: Tensor, b: Tensor) -> Bool {
        a.dtype == b.dtype && a.shape == b.shape && a.floats == b.floats && a.ints == b.ints
    }
}
