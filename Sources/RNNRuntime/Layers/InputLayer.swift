// Shape key: batch shape = (batch_size or None,) + shape; the layer passes its input through.

/// Keras `InputLayer` / `keras.Input(shape=..., batch_size=None, dtype=...)`: a symbolic input
/// that lets a model know its shapes (and build) before any data is seen.
public final class InputLayer: KerasLayer {
    public let className = "InputLayer"
    public var name = "input_layer"
    public var trainable = true
    /// The shape without the batch axis; nil entries are None (e.g. variable timesteps).
    public let shape: [Int?]
    public let batchSize: Int?
    /// float32, or int64 for token ids feeding an Embedding (Keras `dtype='int32'`).
    public let dtype: DType

    public init(shape: [Int?], batchSize: Int? = nil, dtype: DType = .float32) throws {
        for case let d? in shape where d < 0 {
            throw TensorError(.valueError, "Input shape \(SymbolicShape.describe(shape)) has a negative dimension")
        }
        if let b = batchSize, b <= 0 {
            throw TensorError(.valueError, "Input batch_size must be positive, received: batch_size=\(b)")
        }
        self.shape = shape
        self.batchSize = batchSize
        self.dtype = dtype
    }

    /// `(batch_size or None,) + shape`.
    public var batchShape: [Int?] { [batchSize] + shape }

    public var weights: [Tensor] { [] }
    public func setWeights(_ newWeights: [Tensor]) throws { try checkWeights(newWeights, expected: [], name: name) }
    public var isBuilt: Bool { true }
    public func build(inputShape: [Int?]) throws {}
    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] { [batchShape] }
    public var weightNames: [String] { [] }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        try check(x.shape, layerName: name)
        return LayerCall(outputs: [x], outputMask: mask)
    }

    /// Keras' InputSpec check of a model's input: same rank, equal sizes where known.
    public func check(_ actual: [Int], layerName: String) throws {
        let expected = batchShape
        let compatible = actual.count == expected.count
            && zip(actual, expected).allSatisfy { a, e in e == nil || e == a }
        guard compatible else {
            throw TensorError(.valueError, "Input 0 of layer \"\(layerName)\" is incompatible with the layer: expected shape=\(SymbolicShape.describe(expected)), found shape=\(Shape.describe(actual))")
        }
    }

    public var configDescription: String {
        var args = ["shape=\(SymbolicShape.describe(shape))"]
        if let batchSize { args.append("batch_size=\(batchSize)") }
        if dtype != .float32 { args.append("dtype='\(dtype == .int64 ? "int32" : dtype.rawValue)'") }
        return "Input(\(args.joined(separator: ", ")))"
    }
}
