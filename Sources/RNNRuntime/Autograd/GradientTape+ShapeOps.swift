// Shape key: D = ndim; perm = axis permutation. reshape/transpose move elements, so their
// backward moves g back (reshape to the input shape; transpose by the inverse permutation).
// Indexing is a gather of flat offsets (`IndexPlan`); its backward scatter-adds g into zeros of
// the input's shape through the same offsets (repeated indices accumulate). concat splits g.

extension GradientTape {
    /// `reshape(a, shape)`.
    public func reshape(_ a: TapeTensor, _ shape: [Int]) throws -> TapeTensor {
        let y = try a.value.reshape(shape)
        return record("reshape", [a], y) { g in [try g.reshape(a.shape)] }
    }

    /// `transpose(a, perm)` (nil reverses the axes).
    public func transpose(_ a: TapeTensor, _ perm: [Int]? = nil) throws -> TapeTensor {
        let y = try a.value.transpose(perm)
        let p = try perm.map { try $0.map { try Shape.normalize(axis: $0, ndim: a.value.ndim) } } ?? Array((0..<a.value.ndim).reversed())
        var inverse = [Int](repeating: 0, count: p.count)
        for (i, axis) in p.enumerated() { inverse[axis] = i }
        return record("transpose", [a], y) { g in [try g.transpose(inverse)] }
    }

    /// `a[items]` (NumPy basic and advanced indexing).
    public func index(_ a: TapeTensor, _ items: [TensorIndex]) throws -> TapeTensor {
        let plan = try a.value.indexPlan(items)
        let y = a.value.gathered(plan.offsets, shape: plan.shape)
        return record("index", [a], y) { g in
            var dx = [Float](repeating: 0, count: a.value.size)
            let gv = g.floats
            for (k, o) in plan.offsets.enumerated() { dx[o] += gv[k] }
            return [Tensor(shape: a.shape, floats: dx)]
        }
    }

    /// `tf.gather(params, indices, axis)`: rows of `axis` picked by integer `indices`.
    public func gather(_ a: TapeTensor, indices: Tensor, axis: Int = 0) throws -> TapeTensor {
        guard indices.dtype == .int64 else {
            throw TensorError.type("Value for attr 'Tindices' of \(indices.dtype) is not in the list of allowed values: int32, int64")
        }
        let ax = try Shape.normalize(axis: axis, ndim: a.value.ndim)
        let items = [TensorIndex](repeating: .all, count: ax) + [.array(indices)]
        return try index(a, items)
    }

    /// `concatenate(tensors, axis)`.
    public func concatenate(_ tensors: [TapeTensor], axis: Int = 0) throws -> TapeTensor {
        let y = try Tensor.concatenate(tensors.map(\.value), axis: axis)
        let ax = try Shape.normalize(axis: axis, ndim: y.ndim)
        var cuts: [Int] = []
        var at = 0
        for t in tensors.dropLast() { at += t.shape[ax]; cuts.append(at) }
        return record("concatenate", tensors, y) { g in try g.split(at: cuts, axis: ax).map { Optional($0) } }
    }

    /// `stack(tensors, axis)`: concat of the tensors with a new axis.
    public func stack(_ tensors: [TapeTensor], axis: Int = 0) throws -> TapeTensor {
        guard let first = tensors.first else { throw TensorError.value("need at least one array to stack") }
        let ax = try Shape.normalize(axis: axis, ndim: first.value.ndim + 1)
        return try concatenate(try tensors.map { t in
            var s = t.shape
            s.insert(1, at: ax)
            return try reshape(t, s)
        }, axis: ax)
    }
}
