// Shape key: x (B, T, ...) -> inner on (B*T, ...) -> y (B, T, ...inner output without its batch axis).
// Equivalent to Keras' per-timestep application for any layer whose rows are independent
// (Dense, Embedding, a recurrent layer on (B, T, T2, F) input...); one call instead of T.

/// What TimeDistributed's backward needs: the inner layer's call on the folded (B*T, ...) input
/// and the two leading sizes to unfold its gradient.
public struct TimeDistributedCache: LayerCache {
    public let batch: Int
    public let timesteps: Int
    /// The inner layer's result on the (B*T, ...) input, its cache included.
    public let inner: LayerCall
}

/// Keras `TimeDistributed(layer)`: applies `layer` to every timestep (axis 1) of its input.
public final class TimeDistributed: KerasLayer {
    public let className = "TimeDistributed"
    public var name = "time_distributed"
    /// The wrapped layer (one set of weights shared over all timesteps).
    public let layer: any KerasLayer

    public init(_ layer: any KerasLayer) { self.layer = layer }

    /// Keras propagates `trainable` to the wrapped layer.
    public var trainable: Bool {
        get { layer.trainable }
        set { layer.trainable = newValue }
    }
    public var weights: [Tensor] { layer.weights }
    public var trainableWeights: [Tensor] { layer.trainableWeights }
    public var nonTrainableWeights: [Tensor] { layer.nonTrainableWeights }
    public func setWeights(_ newWeights: [Tensor]) throws { try layer.setWeights(newWeights) }
    /// The optimizer's in-place path goes straight to the wrapped layer.
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        try layer.updateWeight(at: index, body)
    }
    public var isBuilt: Bool { layer.isBuilt }
    /// `dense/kernel`, ...: the inner layer's names under its snake-cased class.
    public var weightNames: [String] { layer.weightNames.map { "\(LayerNamer.snakeCase(layer.className))/\($0)" } }
    public var configDescription: String { "TimeDistributed(\(layer.configDescription))" }

    public func build(inputShape: [Int?]) throws {
        try layer.build(inputShape: try childShape(inputShape))
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        let child = try layer.outputShapes(for: try childShape(inputShape))
        guard child.count == 1 else {
            throw TensorError(.valueError, "TimeDistributed needs a layer with one output; \(layer.configDescription) returns \(child.count)")
        }
        return [[child[0].first ?? nil, inputShape[1]] + Array(child[0].dropFirst())]
    }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        let shape = SymbolicShape.of(x.shape)
        _ = try outputShapes(for: shape)
        let B = x.shape[0], T = x.shape[1]
        var innerMask: Tensor? = nil
        if let mask {
            guard mask.ndim >= 2, mask.shape[0] == B, mask.shape[1] == T else {
                throw TensorError(.valueError, "The `mask` passed to the `TimeDistributed` layer has a shape \(mask.shapeDescription) that is incompatible with the input shape \(x.shapeDescription). The first two dimensions of the mask (batch size and timesteps) must match the input's first two dimensions. Expected mask shape prefix: (\(B), \(T)).")
            }
            // A per-step mask exists only when the mask has axes beyond (B, T).
            if mask.ndim >= 3 { innerMask = try mask.reshape([B * T] + Array(mask.shape.dropFirst(2))) }
        }
        let folded = try x.reshape([B * T] + Array(x.shape.dropFirst(2)))
        let inner = try layer.call([folded], mask: innerMask, training: training)
        let y = inner.outputs[0]
        let out = try y.reshape([B, T] + Array(y.shape.dropFirst()))
        return LayerCall(outputs: [out], outputMask: mask,
                         cache: TimeDistributedCache(batch: B, timesteps: T, inner: inner))
    }

    /// (B, ...) for (B, T, ...): Keras' `_get_child_input_shape`.
    func childShape(_ inputShape: [Int?]) throws -> [Int?] {
        guard inputShape.count >= 3 else {
            throw SymbolicShape.rankError(className, rank: ">= 3", axes: ["batch", "timesteps", "..."], got: inputShape)
        }
        return [inputShape[0]] + Array(inputShape.dropFirst(2))
    }
}
