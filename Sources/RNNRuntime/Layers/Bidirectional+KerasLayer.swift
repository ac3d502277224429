// Shape key: B = batch, T = timesteps, F = features, H = units of one direction.
// x (B, T, F) -> forward y (B, [T,] H) and backward y_rev (B, [T,] H) merged on the last axis,
// then forward states, then backward states; inputs[1...] are the initial states, forward half first.

/// What Bidirectional's backward needs: both halves' caches and their (time-aligned) outputs,
/// which the `mul`/`ave`/`concat` merges differentiate through.
public struct BidirectionalCache: LayerCache {
    public let forward: RecurrentCache
    public let backward: RecurrentCache
    public let mergeMode: MergeMode
    /// The forward half's first output, (B, [T,] H).
    public let forwardOutput: Tensor
    /// The backward half's first output flipped back to input time order with return_sequences.
    public let backwardOutput: Tensor
}

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
        var fState: [Tensor]? = nil, bState: [Tensor]? = nil
        if inputs.count > 1 {
            let states = Array(inputs.dropFirst())
            guard states.count % 2 == 0 else {
                throw TensorError(.valueError, "When passing `initial_state` to a Bidirectional RNN, the state should be a list containing the states of the underlying RNNs. Received: \(states.count) states")
            }
            fState = Array(states[0..<states.count / 2]); bState = Array(states[(states.count / 2)...])
        }
        let (fo, fCache) = try forwardLayer.forward(x, mask: mask, initialState: fState)
        let (bo, bCache) = try backwardLayer.forward(x, mask: mask, initialState: bState)
        let y = fo[0]
        let yRev = forwardLayer.returnSequences ? Bidirectional.flipTime(bo[0]) : bo[0]
        let merged = Bidirectional.merge(y, yRev, mode: mergeMode)
        let cache = BidirectionalCache(forward: fCache, backward: bCache, mergeMode: mergeMode,
                                       forwardOutput: y, backwardOutput: yRev)
        return LayerCall(outputs: merged + Array(fo.dropFirst()) + Array(bo.dropFirst()),
                         outputMask: outputMask(mask), cache: cache)
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

    /// Combines two (B, [T,] H) halves on the last axis as `mode` says (none: both, unmerged).
    static func merge(_ y: Tensor, _ yRev: Tensor, mode: MergeMode) -> [Tensor] {
        switch mode {
        case .none: return [y, yRev]
        case .concat:
            let h1 = y.shape.last ?? 0, h2 = yRev.shape.last ?? 0, rows = y.size / Swift.max(h1, 1)
            var v = [Float](repeating: 0, count: rows * (h1 + h2))
            for r in 0..<rows {
                for j in 0..<h1 { v[r * (h1 + h2) + j] = y.floats[r * h1 + j] }
                for j in 0..<h2 { v[r * (h1 + h2) + h1 + j] = yRev.floats[r * h2 + j] }
            }
            return [Tensor(shape: Array(y.shape.dropLast()) + [h1 + h2], floats: v)]
        case .sum: return [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { $0 + $1 })]
        case .mul: return [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { $0 * $1 })]
        case .ave: return [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { ($0 + $1) / 2 })]
        }
    }
}
