// Shape key: a reduction over axis k sees the tensor as (outer, n, inner) with n = shape[k];
// the result has shape (outer, inner), or shape with shape[k] = 1 under keepdims.
// Sums accumulate in Double (NumPy uses pairwise float32 sums; both are within an ulp or two).

extension Tensor {
    /// The (outer, n, inner) split and the result shape of a reduction over `axis` (nil = all).
    private func lanes(_ axis: Int?, keepdims: Bool) throws -> (outer: Int, n: Int, inner: Int, shape: [Int]) {
        guard let axis else {
            return (1, size, 1, keepdims ? [Int](repeating: 1, count: ndim) : [])
        }
        let a = try Shape.normalize(axis: axis, ndim: ndim)
        var out = shape
        if keepdims { out[a] = 1 } else { out.remove(at: a) }
        return (Shape.product(Array(shape[..<a])), shape[a], Shape.product(Array(shape[(a + 1)...])), out)
    }

    /// Folds each lane with `combine` starting from `initial`; results in Double.
    private func fold(_ axis: Int?, keepdims: Bool, initial: Double, _ combine: (Double, Double) -> Double) throws -> (shape: [Int], values: [Double], n: Int) {
        let l = try lanes(axis, keepdims: keepdims)
        var acc = [Double](repeating: initial, count: l.outer * l.inner)
        let values = doubleValues
        values.withUnsafeBufferPointer { v in
            acc.withUnsafeMutableBufferPointer { out in
                for o in 0..<l.outer {
                    for k in 0..<l.n {
                        let row = (o * l.n + k) * l.inner
                        for i in 0..<l.inner { out[o * l.inner + i] = combine(out[o * l.inner + i], v[row + i]) }
                    }
                }
            }
        }
        return (l.shape, acc, l.n)
    }

    private func emptyCheck(_ axis: Int?, _ name: String) throws {
        let n = try axis.map { shape[try Shape.normalize(axis: $0, ndim: ndim)] } ?? size
        if n == 0 { throw TensorError.value("zero-size array to reduction operation \(name) which has no identity") }
    }

    /// `a.sum(axis, keepdims)`: int64 for integral tensors, float32 otherwise.
    public func sum(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let r = try fold(axis, keepdims: keepdims, initial: 0, +)
        if dtype.isIntegral { return Tensor(shape: r.shape, ints: r.values.map { Int64($0) }) }
        return Tensor(shape: r.shape, floats: r.values.map { Float($0) })
    }

    /// `a.mean(axis, keepdims)`: float32 (NaN for an empty lane, as NumPy).
    public func mean(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        let r = try fold(axis, keepdims: keepdims, initial: 0, +)
        return Tensor(shape: r.shape, floats: r.values.map { Float($0 / Double(r.n)) })
    }

    /// `a.var(axis, ddof, keepdims)`: the mean squared deviation, two-pass.
    public func variance(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) throws -> Tensor {
        let m = try mean(axis: axis, keepdims: true)
        let d = try binary(.subtract, m)
        let r = try d.binary(.multiply, d).fold(axis, keepdims: keepdims, initial: 0, +)
        return Tensor(shape: r.shape, floats: r.values.map { Float($0 / Double(Swift.max(r.n - ddof, 0))) })
    }

    /// `a.std(axis, ddof, keepdims)`.
    public func std(axis: Int? = nil, ddof: Int = 0, keepdims: Bool = false) throws -> Tensor {
        try variance(axis: axis, ddof: ddof, keepdims: keepdims).sqrt()
    }

    /// `a.max(axis, keepdims)` (NaN propagates, as in NumPy).
    public func max(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try emptyCheck(axis, "maximum")
        let r = try fold(axis, keepdims: keepdims, initial: -.infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        return dtype == .float32 ? Tensor(shape: r.shape, floats: r.values.map { Float($0) }) : Tensor(shape: r.shape, ints: r.values.map { Int64($0) }, dtype: dtype)
    }

    /// `a.min(axis, keepdims)`.
    public func min(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try emptyCheck(axis, "minimum")
        let r = try fold(axis, keepdims: keepdims, initial: .infinity) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        return dtype == .float32 ? Tensor(shape: r.shape, floats: r.values.map { Float($0) }) : Tensor(shape: r.shape, ints: r.values.map { Int64($0) }, dtype: dtype)
    }

    /// `a.argmax(axis, keepdims)`: int64 indices of the first maximum (the first NaN wins, as NumPy).
    public func argmax(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtreme(axis, keepdims, "argmax") { $0 > $1 }
    }

    /// `a.argmin(axis, keepdims)`.
    public func argmin(axis: Int? = nil, keepdims: Bool = false) throws -> Tensor {
        try argExtreme(axis, keepdims, "argmin") { $0 < $1 }
    }

    private func argExtreme(_ axis: Int?, _ keepdims: Bool, _ name: String, _ better: (Double, Double) -> Bool) throws -> Tensor {
        let n = try axis.map { shape[try Shape.normalize(axis: $0, ndim: ndim)] } ?? size
        if n == 0 { throw TensorError.value("attempt to get \(name) of an empty sequence") }
        let l = try lanes(axis, keepdims: keepdims)
        let v = doubleValues
        var out = [Int64](repeating: 0, count: l.outer * l.inner)
        for o in 0..<l.outer {
            for i in 0..<l.inner {
                var best = v[o * l.n * l.inner + i], at = 0
                if !best.isNaN {
                    for k in 1..<Swift.max(l.n, 1) {
                        let x = v[(o * l.n + k) * l.inner + i]
                        if x.isNaN { at = k; break }
                        if better(x, best) { best = x; at = k }
                    }
                }
                out[o * l.inner + i] = Int64(at)
            }
        }
        return Tensor(shape: l.shape, ints: out)
    }
}
