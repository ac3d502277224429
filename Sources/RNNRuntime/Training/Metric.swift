// Shape key: yPred (..., C); matches = one 0/1 value per sample position (yPred's shape minus the
// class axis, or yPred's shape for binary accuracy). A metric is a running mean, Keras 3's
// `MeanMetricWrapper`: each batch adds the per-sample means of its values (mean over all but the
// first axis) to `total` and the batch size to `count` — with weights (a mask), Σ v·w and Σ w.
// `accuracy`/`acc` resolve as Keras' compile does: y_pred with last axis 1 → binary accuracy;
// y_true of lower rank, or last axis 1 against several classes → sparse categorical; else categorical.

/// A Keras metric by name, accumulating over batches.
public final class Metric {
    /// The metric functions.
    public enum Kind: String, Sendable {
        case binaryAccuracy = "binary_accuracy"
        case categoricalAccuracy = "categorical_accuracy"
        case sparseCategoricalAccuracy = "sparse_categorical_accuracy"
        case loss   // a loss function's per-sample values (`metrics=['mae']`)
    }

    /// The name it reports under (what the user wrote: `accuracy`, `acc`, `mae`, ...).
    public let name: String
    /// nil until resolved by the first batch (`accuracy`).
    public private(set) var kind: Kind?
    let lossFunction: Loss?
    public var threshold: Float = 0.5
    public private(set) var total: Double = 0
    public private(set) var count: Double = 0

    /// `metrics=[name]`: accuracy variants, or any loss name (mse, mae, ...).
    public init(named name: String) throws {
        self.name = name
        if ["accuracy", "acc"].contains(name.lowercased()) {
            kind = nil; lossFunction = nil
        } else if let k = Kind(rawValue: name.lowercased()), k != .loss {
            kind = k; lossFunction = nil
        } else if let l = try? Loss(named: name) {
            kind = .loss; lossFunction = l
        } else {
            throw TensorError.value("Could not interpret metric identifier: \(name)")
        }
    }

    /// Keras' `is_binary_or_sparse_categorical` choice for `accuracy`.
    public static func resolveAccuracy(yTrueShape: [Int], yPredShape: [Int]) -> Kind {
        let tLast = yTrueShape.last ?? 1, pLast = yPredShape.last ?? 1
        if pLast == 1 { return .binaryAccuracy }
        if yTrueShape.count < yPredShape.count || (tLast == 1 && pLast > 1) { return .sparseCategoricalAccuracy }
        return .categoricalAccuracy
    }

    /// The current value (`result()`): total / count, 0 before any batch.
    public var result: Float { count == 0 ? 0 : Float(total / count) }

    public func reset() { total = 0; count = 0 }

    /// Adds one batch; `mask` (per value, e.g. (B, T)) weighs positions as Keras' masks do.
    public func update(_ yTrue: Tensor, _ yPred: Tensor, mask: Tensor? = nil) throws {
        let kind = self.kind ?? Metric.resolveAccuracy(yTrueShape: yTrue.shape, yPredShape: yPred.shape)
        self.kind = kind
        let values = try Metric.values(kind, yTrue, yPred, threshold: threshold, loss: lossFunction)
        try accumulate(values, weights: mask)
    }

    /// The metric function's values for one batch (no accumulation).
    public static func values(_ kind: Kind, _ yTrue: Tensor, _ yPred: Tensor, threshold: Float = 0.5, loss: Loss? = nil) throws -> Tensor {
        switch kind {
        case .loss:
            guard let loss else { throw TensorError.value("no loss function for this metric") }
            return try Loss(loss.kind, fromLogits: loss.fromLogits, reduction: .none).forward(yTrue, yPred).loss
        case .binaryAccuracy:
            var (t, p) = try sameRank(yTrue, try yPred.astype(.float32))
            p = p.map { $0 > threshold ? 1 : 0 }
            return try t.astype(.float32).compare(.equal, p).astype(.float32)
        case .categoricalAccuracy:
            guard yTrue.ndim >= 1, yPred.ndim >= 1 else { throw TensorError.value("categorical_accuracy expects at least rank-1 inputs") }
            return try matches(try yTrue.argmax(axis: -1), try yPred.argmax(axis: -1))
        case .sparseCategoricalAccuracy:
            guard yPred.ndim >= 1 else { throw TensorError.value("sparse_categorical_accuracy expects y_pred of rank >= 1") }
            var t = try yTrue.astype(.float32)
            if t.ndim == yPred.ndim, t.shape.last == 1 { t = try t.squeeze(-1) }
            return try matches(t, try yPred.argmax(axis: -1))
        }
    }

    /// 1 where labels agree (labels compared as floats, as Keras casts y_pred to y_true's dtype).
    private static func matches(_ t: Tensor, _ p: Tensor) throws -> Tensor {
        guard (try? Shape.broadcast(t.shape, p.shape)) == p.shape || t.shape == p.shape else {
            throw TensorError.value("Shapes \(t.shapeDescription) and \(p.shapeDescription) are incompatible")
        }
        return try t.astype(.float32).compare(.equal, try p.astype(.float32)).astype(.float32)
    }

    /// Keras' squeeze_or_expand_to_same_rank(y_true, y_pred).
    static func sameRank(_ t: Tensor, _ p: Tensor) throws -> (Tensor, Tensor) {
        if t.ndim == p.ndim + 1, t.shape.last == 1 {
            return p.ndim == 1 ? (t, try p.expandDims(-1)) : (try t.squeeze(-1), p)
        }
        if p.ndim == t.ndim + 1, p.shape.last == 1 {
            return t.ndim == 1 ? (try t.expandDims(-1), p) : (t, try p.squeeze(-1))
        }
        return (t, p)
    }

    /// Keras' Mean.update_state through reduce_to_samplewise_values.
    func accumulate(_ values: Tensor, weights: Tensor?) throws {
        let v = values.floatValues
        guard values.ndim >= 1 else { total += Double(v.first ?? 0); count += 1; return }
        let B = values.shape[0]
        let per = B == 0 ? 0 : v.count / B
        guard let weights else {
            for b in 0..<B { var s = 0.0; for i in 0..<per { s += Double(v[b * per + i]) }; total += per == 0 ? 0 : s / Double(per) }
            count += Double(B)
            return
        }
        guard weights.shape == values.shape else {
            throw TensorError.value("metric weights shape \(weights.shapeDescription) does not match the values' shape \(values.shapeDescription)")
        }
        let w = weights.floatValues.map { $0 != 0 ? 1.0 : 0.0 }
        for i in v.indices { total += Double(v[i]) * w[i] / Double(Swift.max(per, 1)) }
        for i in w.indices { count += w[i] / Double(Swift.max(per, 1)) }
    }
}
