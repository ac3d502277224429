// Shape key: R = samples (yPred's leading axes flattened), C = yPred's last axis, t = target row,
// p = prediction row, ε = 1e-7 (Keras' backend.epsilon()). One pass per row computes the value and
// its gradient with respect to the row (the "local" gradient backward scales):
//   mse  mean((t-p)²)           ∂ = 2(p-t)/C
//   mae  mean(|t-p|)            ∂ = sign(p-t)/C
//   bce  mean(-t log q - (1-t) log(1-q)), q = clip(p, ε, 1-ε)   ∂ = (-(t/q) + (1-t)/(1-q))/C inside the clip, 0 outside
//        from logits: mean(-t·logσ(x) - (1-t)·logσ(-x))          ∂ = (σ(x) - t)/C
//   cce  -Σ t log q, q = clip(p/Σp, ε, 1-ε)   ∂_j = (g_j - Σ_k g_k p_k/Σp)/Σp with g = -t/q inside the clip
//        from logits: -Σ t·log_softmax(x)     ∂ = softmax(x)·Σt - t
//   sparse cce: cce with t = one_hot(label).

#if canImport(Glibc)
import Glibc
#endif

extension Loss {
    /// Keras' fuzz factor.
    static let epsilon: Float = 1e-7

    /// Per-sample values (R) and local gradients (R*C) for this loss.
    func kernel(_ yTrue: Tensor, _ yPred: Tensor) throws -> (values: [Float], local: [Float]) {
        let C = yPred.shape.last!
        let p = yPred.floats
        let R = C == 0 ? Shape.product(Array(yPred.shape.dropLast())) : p.count / C
        var values = [Float](repeating: 0, count: R)
        var local = [Float](repeating: 0, count: p.count)
        let eps = Loss.epsilon
        if kind == .sparseCategoricalCrossentropy {
            let labels = try sparseLabels(yTrue, yPred)
            for r in 0..<R {
                var row = [Float](repeating: 0, count: C)
                row[labels[r]] = 1
                values[r] = categoricalRow(row, p, r * C, C, &local)
            }
            return (values, local)
        }
        let t = try denseTargets(yTrue, yPred)
        let invC = C == 0 ? 0 : 1 / Float(C)
        for r in 0..<R {
            let o = r * C
            switch kind {
            case .meanSquaredError:
                var s: Float = 0
                for j in o..<o + C { let d = p[j] - t[j]; s += d * d; local[j] = 2 * d * invC }
                values[r] = s * invC
            case .meanAbsoluteError:
                var s: Float = 0
                for j in o..<o + C { let d = p[j] - t[j]; s += Swift.abs(d); local[j] = (d > 0 ? 1 : d < 0 ? -1 : 0) * invC }
                values[r] = s * invC
            case .binaryCrossentropy:
                var s: Float = 0
                for j in o..<o + C {
                    if fromLogits {
                        let x = p[j]
                        s += -t[j] * logSigmoid(x) - (1 - t[j]) * logSigmoid(-x)
                        local[j] = (sigmoid(x) - t[j]) * invC
                    } else {
                        let q = Swift.min(Swift.max(p[j], eps), 1 - eps)
                        s += -(t[j] * logf(q) + (1 - t[j]) * logf(1 - q))
                        let inside = p[j] > eps && p[j] < 1 - eps
                        local[j] = inside ? (-(t[j] / q) + (1 - t[j]) / (1 - q)) * invC : 0
                    }
                }
                values[r] = s * invC
            case .categoricalCrossentropy:
                values[r] = categoricalRow(Array(t[o..<o + C]), p, o, C, &local)
            case .sparseCategoricalCrossentropy:
                break
            }
        }
        return (values, local)
    }

    /// -Σ t log q for one row starting at `o`, writing ∂/∂p into `local`.
    private func categoricalRow(_ t: [Float], _ p: [Float], _ o: Int, _ C: Int, _ local: inout [Float]) -> Float {
        var value: Float = 0
        if fromLogits {
            var m = -Float.infinity
            for j in 0..<C { m = Swift.max(m, p[o + j]) }
            var s: Float = 0
            for j in 0..<C { s += expf(p[o + j] - m) }
            let logZ = m + logf(s)
            var tSum: Float = 0
            for j in 0..<C { tSum += t[j]; value -= t[j] * (p[o + j] - logZ) }
            for j in 0..<C { local[o + j] = expf(p[o + j] - logZ) * tSum - t[j] }
            return value
        }
        var total: Float = 0
        for j in 0..<C { total += p[o + j] }
        var g = [Float](repeating: 0, count: C)
        var gp: Float = 0
        for j in 0..<C {
            let pj = p[o + j] / total
            let q = Swift.min(Swift.max(pj, Loss.epsilon), 1 - Loss.epsilon)
            value -= t[j] * logf(q)
            g[j] = pj > Loss.epsilon && pj < 1 - Loss.epsilon ? -t[j] / q : 0
            gp += g[j] * pj
        }
        for j in 0..<C { local[o + j] = (g[j] - gp) / total }
        return value
    }

    /// log σ(x) = -softplus(-x), without overflow.
    private func logSigmoid(_ x: Float) -> Float { -(Swift.max(-x, 0) + log1pf(expf(-Swift.abs(x)))) }
    private func sigmoid(_ x: Float) -> Float { x >= 0 ? 1 / (1 + expf(-x)) : expf(x) / (1 + expf(x)) }

    /// y_true as float rows matching y_pred (Keras' squeeze_or_expand_to_same_rank, then equal shapes).
    private func denseTargets(_ yTrue: Tensor, _ yPred: Tensor) throws -> [Float] {
        var t = try yTrue.astype(.float32)
        if t.ndim == yPred.ndim + 1, t.shape.last == 1 {
            t = try t.squeeze(-1)
        } else if yPred.ndim == t.ndim + 1, yPred.shape.last == 1, t.ndim == 1 {
            t = try t.expandDims(-1)
        }
        if t.shape != yPred.shape {
            // mse/mae broadcast y_true against y_pred (JAX does); crossentropies need equal shapes.
            guard kind == .meanSquaredError || kind == .meanAbsoluteError,
                  (try? Shape.broadcast(t.shape, yPred.shape)) == yPred.shape else {
                throw TensorError.value("Arguments `target` and `output` must have the same shape. Received: target.shape=\(yTrue.shapeDescription), output.shape=\(yPred.shapeDescription)")
            }
            t = try Tensor.zeros(yPred.shape) + t
        }
        return t.floats
    }

    /// Integer labels, one per row (a trailing axis of 1 squeezed), each in 0..<C.
    private func sparseLabels(_ yTrue: Tensor, _ yPred: Tensor) throws -> [Int] {
        var t = yTrue
        if t.ndim == yPred.ndim, t.shape.last == 1 { t = try t.squeeze(-1) }
        guard t.shape == Array(yPred.shape.dropLast()) else {
            throw TensorError.value("Arguments `target` and `output` must have the same shape up until the last dimension: target.shape=\(yTrue.shapeDescription), output.shape=\(yPred.shapeDescription)")
        }
        let C = yPred.shape.last!
        // Float labels truncate as Keras' cast to int32 does; out-of-range labels are an error
        // (JAX would silently give a zero one-hot row, TF raises this).
        return try t.doubleValues.map { v in
            let label = v.rounded(.towardZero)
            guard label.isFinite, label >= 0, label < Double(C) else {
                throw TensorError.value("Received a label value of \(Swift.abs(label) < 1e15 ? String(Int(label)) : String(v)) which is outside the valid range of [0, \(C)).")
            }
            return Int(label)
        }
    }
}
