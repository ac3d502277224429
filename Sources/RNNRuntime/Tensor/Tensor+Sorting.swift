// Shape key: a (d0, ..., dn); sorting along one axis keeps the shape; axis nil sorts the
// flattened array (shape (size,)).
//
// NumPy's order: ascending, NaN last; equal values keep their order (NumPy's kind='stable',
// which its default quicksort matches on the short arrays notebooks sort).

extension Tensor {
    /// `np.argsort(a, axis)`: the int64 indices that sort each lane along `axis`.
    public func argsort(axis: Int? = -1) throws -> Tensor {
        let (shape, order) = try sortedLanes(axis)
        return Tensor(shape: shape, ints: order.map { Int64($0.index) })
    }

    /// `np.sort(a, axis)`: a sorted copy along `axis`, same dtype.
    public func sorted(axis: Int? = -1) throws -> Tensor {
        let (shape, order) = try sortedLanes(axis)
        switch dtype {
        case .float32: return Tensor(shape: shape, floats: order.map { floats[$0.source] })
        case .int64, .bool: return Tensor(shape: shape, ints: order.map { ints[$0.source] }, dtype: dtype)
        }
    }

    /// For every output element, its position within its lane (`index`) and the flat element it
    /// comes from (`source`), lanes sorted NumPy's way.
    private func sortedLanes(_ axis: Int?) throws -> (shape: [Int], order: [(index: Int, source: Int)]) {
        var outer = 1, n = size, inner = 1, outShape = [size]
        if let axis {
            if ndim == 0 { throw TensorError(.valueError, "Cannot sort a 0-d array") }   // NumPy: AxisError for 0-d
            let a = try Shape.normalize(axis: axis, ndim: ndim)
            outer = Shape.product(Array(shape[..<a])); n = shape[a]; inner = Shape.product(Array(shape[(a + 1)...]))
            outShape = shape
        }
        let values = doubleValues
        var order = [(index: Int, source: Int)](repeating: (0, 0), count: size)
        for o in 0..<outer {
            for i in 0..<inner {
                let lane = (0..<n).map { (o * n + $0) * inner + i }
                // NaN compares as greater than every number; ties keep their position (stable).
                let sortedLane = lane.enumerated().sorted { l, r in
                    let x = values[l.element], y = values[r.element]
                    if x.isNaN != y.isNaN { return y.isNaN }
                    if !x.isNaN && x != y { return x < y }
                    return l.offset < r.offset
                }
                for (k, entry) in sortedLane.enumerated() { order[lane[k]] = (entry.offset, entry.element) }
            }
        }
        return (outShape, order)
    }
}
