// Shape key: B = batch, T = timesteps, F = features, H = units of one direction.
// x (B, T, F) -> forward y (B, [T,] H) and backward y_rev (B, [T,] H) merged on the last axis,
// then forward states, then backward states; inputs[1...] are the initial states, forward half first.

/// `BidirectionalCache` (Bidirectional+Backward.swift): both halves' caches and outputs.
extension BidirectionalCache: LayerCache {}

extension Bidirectional: KerasLayer {
    public var name: String {
        get { LayerAttributeTable.shared.get(self, defaultName: "bidirectional").name }
        set { LayerAttributeTable.shared.update(self, defaultName: "bidirectional") { $0.name = newValue } }
    }
    public var trainable: Bool {
        get { LayerAttributeTable.shared.get(self, defaultName: "bidirectional").trainable }
        set { LayerAttributeTable.shared.update(self, defaultName: "bidirectional") { $0.trainable = newValue } }
    }
    public var isBuilt: Bool { forwardLayer.isBuilt && backwardLayer.isBuilt }

    public func build(inputShape: [Int?]) throws {
        try checkRank(inputShape)
        try forwardLayer.build(inputShape: inputShape)
        try backwardLayer.build(inputShape: inputShape)
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        try checkRank(inputShape)
        let half = try forwardLayer.outputShapes(for: inputShape)
        var y = half[0]
        let states = Array(half.dropFirst())
        switch mergeMode {
        case .none: return [y, y] + states + states
        case .concat: y[y.count - 1] = forwardLayer.units * 2
        case .sum, .mul, .ave: break
        }
        return [y] + states + states
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
        let mode = mergeMode == .none ? "None" : "'\(mergeMode.rawValue)'"
        return "Bidirectional(\(forwardLayer.configDescription)\(mergeMode == .concat ? "" : ", merge_mode=\(mode)"))"
    }

    /// `forward_lstm/kernel`, ..., `backward_lstm/bias` (Keras' paths for a freshly named inner
    /// layer; structural, so they do not change with the inner layer's name).
    public var weightNames: [String] {
        let inner = LayerNamer.snakeCase(forwardLayer.className)
        return forwardLayer.weightNames.map { "forward_\(inner)/\($0)" } + backwardLayer.weightNames.map { "backward_\(inner)/\($0)" }
    }

    /// The wrapper's own name in the rank error (the inner layer's would confuse).
    func checkRank(_ shape: [Int?]) throws {
        guard shape.count == 3 else {
            throw SymbolicShape.rankError(className, rank: "3", axes: ["batch", "timesteps", "features"], got: shape)
        }
    }
}
