// Shape key: x (B, ..., F) -> y (B, ..., H); the mask passes through unchanged (Keras' Dense
// supports masking and does not consume it).

/// `DenseCache` (Dense+Backward.swift): the input and the activated output.
extension DenseCache: LayerCache {}

extension Dense: KerasLayer {
    public var name: String {
        get { LayerAttributeTable.shared.get(self, defaultName: "dense").name }
        set { LayerAttributeTable.shared.update(self, defaultName: "dense") { $0.name = newValue } }
    }
    public var trainable: Bool {
        get { LayerAttributeTable.shared.get(self, defaultName: "dense").trainable }
        set { LayerAttributeTable.shared.update(self, defaultName: "dense") { $0.trainable = newValue } }
    }

    public func build(inputShape: [Int?]) throws {
        let f = try features(of: inputShape)
        if !isBuilt { try build(inputDim: f) }
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        _ = try features(of: inputShape)
        return [Array(inputShape.dropLast()) + [units]]
    }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        try build(inputShape: SymbolicShape.of(x.shape))
        let (y, cache) = try forward(x)
        return LayerCall(outputs: [y], outputMask: mask, cache: cache)
    }

    public var configDescription: String {
        var args = ["\(units)"]
        if activation != .linear { args.append("activation='\(activation.rawValue)'") }
        if !useBias { args.append("use_bias=False") }
        return "Dense(\(args.joined(separator: ", ")))"
    }

    public var weightNames: [String] { Array(["kernel", "bias"].prefix(weights.count)) }

    /// The feature count (last axis) of `shape`, checked against the kernel once built.
    func features(of shape: [Int?]) throws -> Int {
        guard shape.count >= 2 else {
            throw SymbolicShape.rankError(className, rank: ">= 2", axes: ["batch", "...", "features"], got: shape)
        }
        guard let f = shape[shape.count - 1] else {
            throw SymbolicShape.unknownAxisError(className, axis: "features (last axis)", got: shape)
        }
        if let k = kernel, k.shape[0] != f { throw SymbolicShape.lastAxisError(layer: name, expected: k.shape[0], got: shape) }
        return f
    }
}

/// The one tensor a single-input layer takes; a ValueError naming the layer otherwise.
func singleInput(_ inputs: [Tensor], of layer: some KerasLayer) throws -> Tensor {
    guard inputs.count == 1 else {
        throw TensorError(.valueError, "Layer \"\(layer.name)\" expects 1 input(s), but it received \(inputs.count) input tensors.")
    }
    return inputs[0]
}
