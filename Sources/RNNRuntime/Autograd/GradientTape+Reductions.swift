// Shape key: reductions over `axes` (nil = all) of x with shape S; matmul (..., n, k) @ (..., k, m).
// sum: dx = g broadcast back to S (g gets its reduced axes back as size 1 first); mean: also / n.
// matmul: da = g @ b^T, db = a^T @ g, summed over broadcast batch axes; 1-D operands are
// promoted to (1, k) / (k, 1) as NumPy does and their gradients squeezed back.
// softmax: dx = y ⊙ (g - Σ g⊙y); log_softmax: dx = g - softmax(x) ⊙ Σ g (sums along the axis).

extension GradientTape {
    /// Normalised, sorted, de-duplicated axes (nil = all).
    private func axesList(_ axes: [Int]?, ndim: Int) throws -> [Int] {
        guard let axes else { return Array(0..<ndim) }
        let list = try axes.map { try Shape.normalize(axis: $0, ndim: ndim) }
        guard Set(list).count == list.count else { throw TensorError.value("duplicate value in 'axis'") }
        return list.sorted()
    }

    /// Reduces `x` over `axes` (highest first so indices stay valid) with `keepdims`.
    private func reduce(_ x: Tensor, _ axes: [Int], keepdims: Bool, _ op: (Tensor, Int) throws -> Tensor) throws -> Tensor {
        var y = x
        for a in axes.reversed() { y = try op(y, a) }
        if keepdims { return try y.reshape(x.shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element }) }
        return y
    }

    /// `g` of a reduction broadcast back to `shape`.
    private func expand(_ g: Tensor, to shape: [Int], axes: [Int]) throws -> Tensor {
        let kept = try g.reshape(shape.enumerated().map { axes.contains($0.offset) ? 1 : $0.element })
        return try Tensor.zeros(shape) + kept
    }

    /// `reduce_sum(a, axis, keepdims)`.
    public func sum(_ a: TapeTensor, axes: [Int]? = nil, keepdims: Bool = false) throws -> TapeTensor {
        let list = try axesList(axes, ndim: a.value.ndim)
        let y = try reduce(a.value, list, keepdims: keepdims) { try $0.sum(axis: $1) }
        return record("sum", [a], y) { g in [try self.expand(g, to: a.shape, axes: list)] }
    }

    /// `reduce_mean(a, axis, keepdims)`.
    public func mean(_ a: TapeTensor, axes: [Int]? = nil, keepdims: Bool = false) throws -> TapeTensor {
        let list = try axesList(axes, ndim: a.value.ndim)
        let y = try reduce(a.value, list, keepdims: keepdims) { try $0.mean(axis: $1) }
        let n = Double(list.reduce(1) { $0 * a.shape[$1] })
        return record("mean", [a], y) { g in [try self.expand(g, to: a.shape, axes: list) / n] }
    }

    /// `a @ b`.
    public func matmul(_ a: TapeTensor, _ b: TapeTensor) throws -> TapeTensor {
        let y = try a.value.matmul(b.value)
        return record("matmul", [a, b], y) { g in
            // Promote 1-D operands and g to the matrix shapes NumPy used.
            let av = a.value.ndim == 1 ? try a.value.reshape([1, a.shape[0]]) : a.value
            let bv = b.value.ndim == 1 ? try b.value.reshape([b.shape[0], 1]) : b.value
            var gShape = Array(y.shape)
            if a.value.ndim == 1 { gShape.insert(1, at: Swift.max(gShape.count - (b.value.ndim == 1 ? 0 : 1), 0)) }
            if b.value.ndim == 1 { gShape.append(1) }
            let gm = try g.reshape(gShape)
            func swapLast(_ t: Tensor) throws -> Tensor {
                var perm = Array(0..<t.ndim)
                perm.swapAt(t.ndim - 1, t.ndim - 2)
                return try t.transpose(perm)
            }
            let da = a.requiresGradient ? try gm.matmul(try swapLast(bv)).reduced(to: av.shape).reshape(a.shape) : nil
            let db = b.requiresGradient ? try swapLast(av).matmul(gm).reduced(to: bv.shape).reshape(b.shape) : nil
            return [da, db]
        }
    }

    /// `softmax(a, axis)`.
    public func softmax(_ a: TapeTensor, axis: Int = -1) throws -> TapeTensor {
        let y = try a.value.softmax(axis: axis)
        return record("softmax", [a], y) { g in
            let gy = g.product(y)
            return [try y * (g - (try gy.sum(axis: axis, keepdims: true)))]
        }
    }

    /// `log_softmax(a, axis)` = x - max - log Σ exp(x - max), computed without overflow.
    public func logSoftmax(_ a: TapeTensor, axis: Int = -1) throws -> TapeTensor {
        let x = try a.value.astype(.float32)
        let shifted = try x - (try x.max(axis: axis, keepdims: true))
        let y = try shifted - (try shifted.exp().sum(axis: axis, keepdims: true).log())
        return record("log_softmax", [a], y) { g in
            [try g - (try y.exp() * (try g.sum(axis: axis, keepdims: true)))]
        }
    }
}
