// Shape key: yPred (..., C) with C = last axis (classes or outputs); values = per-sample losses of
// shape yPred.shape minus the last axis (Keras' loss functions reduce the last axis: mean for
// mse/mae/binary crossentropy, sum for the categorical ones). Reduction (Keras 3 `Loss`):
// sum_over_batch_size = Σ values·w / count(values), sum = Σ values·w, none = values·w, where w
// combines sample_weight and a Keras mask (mask weights total/valid so masked steps drop out).
// Forward and backward are fused: the kernels (Loss+Kernels.swift) return, per element of yPred,
// ∂value/∂yPred of its own sample, and backward scales those rows by the upstream gradient.

/// A Keras loss: `keras.losses.get(name)` semantics with its reduction and `from_logits`.
public struct Loss: Sendable {
    /// The loss functions Keras names.
    public enum Kind: String, Sendable, CaseIterable {
        case meanSquaredError = "mean_squared_error"
        case meanAbsoluteError = "mean_absolute_error"
        case binaryCrossentropy = "binary_crossentropy"
        case categoricalCrossentropy = "categorical_crossentropy"
        case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
    }

    /// Keras' `reduction` argument.
    public enum Reduction: String, Sendable {
        case sumOverBatchSize = "sum_over_batch_size", sum, none
    }

    public let kind: Kind
    public var fromLogits: Bool
    public var reduction: Reduction

    public init(_ kind: Kind, fromLogits: Bool = false, reduction: Reduction = .sumOverBatchSize) {
        self.kind = kind
        self.fromLogits = fromLogits
        self.reduction = reduction
    }

    /// By Keras name or alias (`'mse'`, `'MeanSquaredError'`, `'sparse_categorical_crossentropy'`, ...).
    public init(named name: String, fromLogits: Bool = false, reduction: Reduction = .sumOverBatchSize) throws {
        guard let kind = Loss.aliases[name] ?? Loss.aliases[name.lowercased()] else {
            throw TensorError.value("Could not interpret loss identifier: \(name)")
        }
        self.init(kind, fromLogits: fromLogits, reduction: reduction)
    }

    /// Keras' accepted spellings (function names, legacy aliases, lower-cased class names).
    static let aliases: [String: Kind] = [
        "mse": .meanSquaredError, "mean_squared_error": .meanSquaredError, "meansquarederror": .meanSquaredError,
        "mae": .meanAbsoluteError, "mean_absolute_error": .meanAbsoluteError, "meanabsoluteerror": .meanAbsoluteError,
        "binary_crossentropy": .binaryCrossentropy, "binarycrossentropy": .binaryCrossentropy,
        "categorical_crossentropy": .categoricalCrossentropy, "categoricalcrossentropy": .categoricalCrossentropy,
        "sparse_categorical_crossentropy": .sparseCategoricalCrossentropy,
        "sparsecategoricalcrossentropy": .sparseCategoricalCrossentropy,
    ]

    /// Keras' name of the function (`mean_squared_error`).
    public var name: String { kind.rawValue }

    /// What `forward` keeps for `backward`.
    public struct Cache {
        /// yPred's shape and the values' shape.
        let predShape: [Int], valuesShape: [Int]
        /// ∂value_sample/∂yPred for every element of yPred (rows of C per sample).
        let local: [Float]
        /// Per-value weight (sample_weight ⊙ mask), already divided by the reduction's divisor.
        let scale: [Float]
        let reduction: Reduction
    }

    /// The loss (a scalar, or the weighted values with reduction none) and its cache.
    public func forward(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil) throws -> (loss: Tensor, cache: Cache) {
        guard yPred.ndim >= 1 else {
            throw TensorError.value("Arguments `target` and `output` must be at least rank 1. Received: target.shape=\(yTrue.shapeDescription), output.shape=\(yPred.shapeDescription)")
        }
        let (values, local) = try kernel(yTrue, try yPred.astype(.float32))
        let valuesShape = Array(yPred.shape.dropLast())
        var w = [Float](repeating: 1, count: values.count)
        if let mask { w = try Loss.maskWeights(mask, valuesShape: valuesShape, reduction: reduction) }
        if let sampleWeight {
            let sw = try Loss.broadcastWeights(sampleWeight, to: valuesShape)
            for i in w.indices { w[i] *= sw[i] }
        }
        let divisor: Float = reduction == .sumOverBatchSize ? Float(Swift.max(values.count, 1)) : 1
        let scale = w.map { $0 / divisor }
        let cache = Cache(predShape: yPred.shape, valuesShape: valuesShape, local: local, scale: scale, reduction: reduction)
        if reduction == .none {
            return (Tensor(shape: valuesShape, floats: zip(values, w).map(*)), cache)
        }
        var total = 0.0
        for i in values.indices { total += Double(values[i]) * Double(scale[i]) }
        // Keras' divide_no_nan: an empty batch has loss 0.
        return (Tensor(values.isEmpty ? 0 : Float(total)), cache)
    }

    /// ∂L/∂yPred from ∂L/∂loss (a scalar, or the values' shape with reduction none).
    public func backward(_ upstream: Tensor, cache: Cache) throws -> Tensor {
        let expected = cache.reduction == .none ? cache.valuesShape : []
        guard upstream.shape == expected else {
            throw TensorError.value("loss gradient has shape \(upstream.shapeDescription), expected \(Shape.describe(expected))")
        }
        let u = floatsOf(upstream)
        let C = cache.predShape.last ?? 0
        var d = cache.local
        for r in cache.scale.indices {
            let s = cache.scale[r] * (cache.reduction == .none ? u[r] : u[0])
            for j in 0..<C { d[r * C + j] *= s }
        }
        return Tensor(shape: cache.predShape, floats: d)
    }

    /// `loss(y_true, y_pred)` as a float plus ∂loss/∂y_pred: what a training step needs.
    public func valueAndGradient(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil) throws -> (loss: Float, gradient: Tensor) {
        var reduced = self
        if reduction == .none { reduced.reduction = .sumOverBatchSize }
        let (loss, cache) = try reduced.forward(yTrue, yPred, sampleWeight: sampleWeight, mask: mask)
        return (loss.floats[0], try reduced.backward(Tensor(Float(1)), cache: cache))
    }

    /// `loss(y_true, y_pred)`.
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil) throws -> Tensor {
        try forward(yTrue, yPred, sampleWeight: sampleWeight, mask: mask).loss
    }

    /// Keras' apply_mask: valid entries weigh total/valid under sum_over_batch_size, else 1; masked 0.
    static func maskWeights(_ mask: Tensor, valuesShape: [Int], reduction: Reduction) throws -> [Float] {
        guard mask.shape == valuesShape else {
            throw TensorError.value("mask shape \(mask.shapeDescription) does not match the loss values' shape \(Shape.describe(valuesShape))")
        }
        let keep = mask.floatValues.map { $0 != 0 }
        let valid = keep.filter { $0 }.count
        let weight: Float = reduction == .sumOverBatchSize ? (valid == 0 ? 0 : Float(keep.count) / Float(valid)) : 1
        return keep.map { $0 ? weight : 0 }
    }

    /// sample_weight (per sample, or per value) as one weight per value.
    static func broadcastWeights(_ weights: Tensor, to shape: [Int]) throws -> [Float] {
        var w = weights
        // Keras' squeeze_or_expand_to_same_rank between values and weights.
        if w.ndim == shape.count + 1, w.shape.last == 1 { w = try w.squeeze(-1) }
        while w.ndim < shape.count { w = try w.expandDims(-1) }   // (B,) weights per sample of (B, T) values
        guard let b = try? Shape.broadcast(w.shape, shape), b == shape else {
            throw TensorError.value("sample_weight shape \(weights.shapeDescription) cannot be broadcast to the loss values' shape \(Shape.describe(shape))")
        }
        return try (Tensor.zeros(shape) + w).floats
    }
}
