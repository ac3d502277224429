/// Shape arithmetic shared by every op: element counts with overflow checks, strides, axis
/// normalisation, broadcasting, and the Python tuple spelling NumPy uses in its messages.
public enum Shape {
    /// The most elements one tensor may hold (2^31): keeps a typo like `zeros(10**6, 10**6)`
    /// a `ValueError` instead of an out-of-memory kill of the kernel.
    public static let maxElements = 1 << 31

    /// Python's tuple spelling: `(3, 20)`, `(3,)`, `()`.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// NumPy's spelling inside broadcast messages: `(3,2)`, `(3,)`, `()` (no spaces).
    static func compact(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ",") + ")"
    }

    /// The element count of a shape, throwing on negative dimensions, overflow, or more than `maxElements`.
    public static func count(_ shape: [Int]) throws -> Int {
        var n = 1
        if shape.contains(where: { $0 < 0 }) {
            throw TensorError.value("negative dimensions are not allowed")
        }
        for d in shape {
            let (p, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { throw TensorError.value("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            n = p
        }
        // Checked after the loop so a zero anywhere makes the product 0 (NumPy allows (0, 10**20)).
        if n > maxElements {
            throw TensorError.value("array is too big: \(describe(shape)) has \(n) elements, the limit is \(maxElements)")
        }
        return n
    }

    /// Unchecked element count for shapes already validated.
    @inline(__always) static func product(_ shape: [Int]) -> Int { shape.reduce(1, *) }

    /// Row-major (C-contiguous) strides in elements.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }

    /// A possibly negative axis as an index in `0..<ndim`, or NumPy's AxisError (an IndexError and ValueError in Python; we use IndexError's words and ValueError's class as NumPy's AxisError subclasses both).
    static func normalize(axis: Int, ndim: Int) throws -> Int {
        let a = axis < 0 ? axis + ndim : axis
        guard a >= 0, a < ndim else {
            throw TensorError.value("axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return a
    }

    /// The broadcast shape of two shapes under NumPy's rules (align right; 1 stretches).
    public static func broadcast(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da }
            else if da == 1 { out[i] = db }
            else {
                throw TensorError.value("operands could not be broadcast together with shapes \(compact(a)) \(compact(b)) ")
            }
        }
        return out
    }

    /// Strides (in elements) that read a contiguous tensor of `shape` as if it had `target` shape: 0 on stretched axes.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let lead = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[lead + i] == 1 {
            out[lead + i] = shape[i] == 1 ? 0 : own[i]
        }
        return out
    }
}
