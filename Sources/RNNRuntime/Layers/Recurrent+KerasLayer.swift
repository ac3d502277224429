// Shape key: B = batch, T = timesteps, F = features, H = units.
// inputs[0] x (B, T, F), inputs[1...] initial states (B, H) (LSTM: h, c) -> [y (B, [T,] H), states...];
// the (B, T) mask passes on only with return_sequences (Keras' RNN.compute_mask).

extension RecurrentCache: LayerCache {}

extension RecurrentLayer: KerasLayer {
    public var name: String {
        get { LayerAttributeTable.shared.get(self, defaultName: layerName).name }
        set { LayerAttributeTable.shared.update(self, defaultName: layerName) { $0.name = newValue } }
    }
    public var trainable: Bool {
        get { LayerAttributeTable.shared.get(self, defaultName: layerName).trainable }
        set { LayerAttributeTable.shared.update(self, defaultName: layerName) { $0.trainable = newValue } }
    }

    public func build(inputShape: [Int?]) throws {
        let f = try features(of: inputShape)
        if !isBuilt { try build(inputDim: f) }
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        _ = try features(of: inputShape)
        let b = inputShape[0]
        let y: [Int?] = returnSequences ? [b, inputShape[1], units] : [b, units]
        let states: [[Int?]] = returnState ? Array(repeating: [b, units], count: kind.stateCount) : []
        return [y] + states
    }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        guard let x = inputs.first else {
            throw TensorError(.valueError, "Layer \"\(name)\" expects an input tensor, but it received none.")
        }
        try build(inputShape: SymbolicShape.of(x.shape))
        let initial = inputs.count > 1 ? Array(inputs.dropFirst()) : nil
        let (outputs, cache) = try forward(x, mask: mask, initialState: initial, training: training)
        return LayerCall(outputs: outputs, outputMask: outputMask(mask), cache: cache)
    }

    public var configDescription: String {
        var args = ["\(units)"]
        if returnSequences { args.append("return_sequences=True") }
        if returnState { args.append("return_state=True") }
        if goBackwards { args.append("go_backwards=True") }
        if kind == .lstm && !unitForgetBias { args.append("unit_forget_bias=False") }
        if kind == .gru(resetAfter: false) { args.append("reset_after=False") }
        return "\(className)(\(args.joined(separator: ", ")))"
    }

    /// Names of the weights present (a layer without bias has two).
    public var weightNames: [String] { Array(["kernel", "recurrent_kernel", "bias"].prefix(weights.count)) }

    /// The feature count of a (batch, timesteps, features) shape, checked against the kernel.
    func features(of shape: [Int?]) throws -> Int {
        guard shape.count == 3 else {
            throw SymbolicShape.rankError(className, rank: "3", axes: ["batch", "timesteps", "features"], got: shape)
        }
        guard let f = shape[2] else {
            throw SymbolicShape.unknownAxisError(className, axis: "features (last axis)", got: shape)
        }
        if let k = kernel, k.shape[0] != f {
            throw TensorError(.valueError, "Input 0 of layer \"\(name)\" is incompatible with the layer: expected shape=(None, None, \(k.shape[0])), found shape=\(SymbolicShape.describe(shape))")
        }
        return f
    }
}
