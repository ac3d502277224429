// Shape key: out = broadcast(a.shape, b.shape), dtype bool (NumPy's `isclose`).
// NumPy computes |a - b| <= atol + rtol * |b| in float64; so do we (int64 elements too, which
// float32 would round), so two arrays that NumPy calls close are close here too.

extension Tensor {
    /// `np.isclose(a, b, rtol, atol, equal_nan)`: element-wise closeness with broadcasting.
    public func isClose(_ other: Tensor, rtol: Double = 1e-05, atol: Double = 1e-08, equalNaN: Bool = false) throws -> Tensor {
        let outShape = try Shape.broadcast(shape, other.shape)
        let close = Tensor.broadcastApply(doubleValues, shape, other.doubleValues, other.shape, outShape) { (a: Double, b: Double) -> Int64 in
            if a.isNaN || b.isNaN { return equalNaN && a.isNaN && b.isNaN ? 1 : 0 }
            // Infinities are close only to themselves (NumPy's rule; inf - inf would be NaN).
            if a.isInfinite || b.isInfinite { return a == b ? 1 : 0 }
            return Swift.abs(a - b) <= atol + rtol * Swift.abs(b) ? 1 : 0
        }
        return Tensor(shape: outShape, ints: close, dtype: .bool)
    }

    /// `np.allclose`: true when every broadcast pair is close.
    public func allClose(_ other: Tensor, rtol: Double = 1e-05, atol: Double = 1e-08, equalNaN: Bool = false) throws -> Bool {
        try isClose(other, rtol: rtol, atol: atol, equalNaN: equalNaN).ints.allSatisfy { $0 != 0 }
    }

    /// `np.array_equal`: same shape and equal elements (NaN never equals NaN unless `equalNaN`).
    public func arrayEqual(_ other: Tensor, equalNaN: Bool = false) -> Bool {
        guard shape == other.shape else { return false }
        if dtype.isIntegral && other.dtype.isIntegral { return ints == other.ints }
        return zip(doubleValues, other.doubleValues).allSatisfy { $0 == $1 || (equalNaN && $0.isNaN && $1.isNaN) }
    }
}
