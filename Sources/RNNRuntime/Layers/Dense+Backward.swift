// Shape key: N = rows (all leading axes of x flattened), F = features, H = units.
// Forward y (N, H) = act(x (N, F) @ W (F, H) + b); the cache keeps x and y.
// Backward: dA = dy ⊙ act'(y) (softmax: y ⊙ (dy - Σ dy⊙y) per row), then
// dW = x^T @ dA, db = column sums of dA, dx = dA @ W^T: three GEMM-shaped steps over all rows.

/// What `Dense.forward` saved: the input (float32) and the activated output.
public struct DenseCache {
    public let input: Tensor
    public let output: Tensor
}

extension Activation {
    /// Turns ∂L/∂y into ∂L/∂(pre-activation) in place, from the activation's output `y`, rows of `width`.
    func backward(_ dy: UnsafeMutableBufferPointer<Float>, output y: UnsafeBufferPointer<Float>, width: Int) {
        switch self {
        case .linear: return
        case .relu: for i in dy.indices where y[i] <= 0 { dy[i] = 0 }
        case .tanh: for i in dy.indices { dy[i] *= 1 - y[i] * y[i] }
        case .sigmoid: for i in dy.indices { dy[i] *= y[i] * (1 - y[i]) }
        case .softmax:
            guard width > 0 else { return }
            var r = 0
            while r < dy.count {
                var dot: Float = 0
                for j in r..<r + width { dot += dy[j] * y[j] }
                for j in r..<r + width { dy[j] = y[j] * (dy[j] - dot) }
                r += width
            }
        }
    }
}

extension Dense {
    /// The forward pass and what backward needs.
    public func forward(_ x: Tensor) throws -> (output: Tensor, cache: DenseCache) {
        let y = try self(x)
        return (y, DenseCache(input: x.dtype == .float32 ? x : try x.astype(.float32), output: y))
    }

    /// ∂L/∂x and ∂L/∂weights (`weights` order: kernel, then bias if used) from ∂L/∂y.
    public func backward(_ outputGradient: Tensor, cache: DenseCache) throws -> (input: Tensor, weights: [Tensor]) {
        guard let kernel else { throw TensorError.value("Dense is not built") }
        guard outputGradient.shape == cache.output.shape else {
            throw TensorError.value("Dense output has shape \(cache.output.shapeDescription) but its gradient has shape \(outputGradient.shapeDescription)")
        }
        let F = kernel.shape[0], H = units
        guard cache.input.shape.last == F, cache.output.shape.last == H,
              Array(cache.input.shape.dropLast()) == Array(cache.output.shape.dropLast()) else {
            throw TensorError.value("Dense cache does not match the layer's kernel")
        }
        let rows = cache.output.size / H
        var dA = floatsOf(outputGradient)
        dA.withUnsafeMutableBufferPointer { pd in
            cache.output.floats.withUnsafeBufferPointer { py in activation.backward(pd, output: py, width: H) }
        }
        var dW = [Float](repeating: 0, count: F * H)
        var db = [Float](repeating: 0, count: H)
        var dx = [Float](repeating: 0, count: rows * F)
        if rows > 0 {
            dA.withUnsafeBufferPointer { pd in
                let A = pd.baseAddress!
                db.withUnsafeMutableBufferPointer { addColumnSums(A, rows: rows, cols: H, ld: H, into: $0.baseAddress!) }
                if F > 0 {
                    cache.input.floats.withUnsafeBufferPointer { px in
                    kernel.floats.withUnsafeBufferPointer { pW in
                    dW.withUnsafeMutableBufferPointer { pdW in
                    dx.withUnsafeMutableBufferPointer { pdx in
                        gemm(transA: true, F, H, rows, px.baseAddress!, F, A, H, beta: 0, pdW.baseAddress!, H)
                        gemm(transB: true, rows, F, H, A, H, pW.baseAddress!, H, beta: 0, pdx.baseAddress!, F)
                    }}}}
                }
            }
        }
        var weights = [Tensor(shape: [F, H], floats: dW)]
        if useBias { weights.append(Tensor(shape: [H], floats: db)) }
        return (Tensor(shape: cache.input.shape, floats: dx), weights)
    }
}
