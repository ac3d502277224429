// Shape key: x (B, T, F) -> forward y (B, [T,] H) and backward y_rev (B, [T,] H), merged on the last
// axis: concat (B, [T,] 2H), sum/mul/ave (B, [T,] H), or none -> [y, y_rev].

/// How Bidirectional combines its two halves.
public enum MergeMode: String, Sendable {
    case concat, sum, mul, ave, none
}

/// Keras `Bidirectional(layer, merge_mode)`: a forward copy and a go_backwards copy of `layer`.
public final class Bidirectional: Layer {
    public let className = "Bidirectional"
    public let forwardLayer: RecurrentLayer
    public let backwardLayer: RecurrentLayer
    public let mergeMode: MergeMode

    public init(_ layer: RecurrentLayer, mergeMode: MergeMode = .concat) throws {
        forwardLayer = layer
        backwardLayer = try layer.reversedCopy()
        self.mergeMode = mergeMode
        // Keras: zero_output_for_mask = return_sequences on both halves.
        forwardLayer.zeroOutputForMask = layer.returnSequences
        backwardLayer.zeroOutputForMask = layer.returnSequences
    }

    public var weights: [Tensor] { forwardLayer.weights + backwardLayer.weights }

    public func setWeights(_ newWeights: [Tensor]) throws {
        let f = forwardLayer.kernel?.shape[0] ?? newWeights.first?.shape.first ?? 0
        let half = forwardLayer.weightShapes(features: f)
        try checkWeights(newWeights, expected: half + half, name: "bidirectional")
        try forwardLayer.setWeights(Array(newWeights[0..<half.count]))
        try backwardLayer.setWeights(Array(newWeights[half.count...]))
    }

    /// Keras' `reset_states()` on both halves (stateful layers only).
    public func resetStates() {
        forwardLayer.resetStates()
        backwardLayer.resetStates()
    }

    public func outputMask(_ inputMask: Tensor?) -> Tensor? { forwardLayer.returnSequences ? inputMask : nil }

    /// `[merged]` (or `[y, y_rev]` with merge mode none), then forward states, then backward states.
    public func callAsFunction(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil) throws -> [Tensor] {
        var fState: [Tensor]? = nil, bState: [Tensor]? = nil
        if let initialState {
            guard initialState.count % 2 == 0 else {
                throw TensorError.value("When passing `initial_state` to a Bidirectional RNN, the state should be a list containing the states of the underlying RNNs. Received: \(initialState.count) states")
            }
            let n = initialState.count / 2
            fState = Array(initialState[0..<n]); bState = Array(initialState[n...])
        }
        let fo = try forwardLayer(x, mask: mask, initialState: fState)
        let bo = try backwardLayer(x, mask: mask, initialState: bState)
        let y = fo[0]
        var yRev = bo[0]
        if forwardLayer.returnSequences { yRev = Bidirectional.flipTime(yRev) }
        var out: [Tensor]
        switch mergeMode {
        case .none: out = [y, yRev]
        case .concat:
            let h1 = y.shape.last!, h2 = yRev.shape.last!, rows = y.size / Swift.max(h1, 1)
            var v = [Float](repeating: 0, count: rows * (h1 + h2))
            for r in 0..<rows {
                for j in 0..<h1 { v[r * (h1 + h2) + j] = y.floats[r * h1 + j] }
                for j in 0..<h2 { v[r * (h1 + h2) + h1 + j] = yRev.floats[r * h2 + j] }
            }
            out = [Tensor(shape: Array(y.shape.dropLast()) + [h1 + h2], floats: v)]
        case .sum: out = [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { $0 + $1 })]
        case .mul: out = [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { $0 * $1 })]
        case .ave: out = [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { ($0 + $1) / 2 })]
        }
        return out + Array(fo.dropFirst()) + Array(bo.dropFirst())
    }

    /// Reverses axis 1 of a (B, T, H) tensor.
    static func flipTime(_ y: Tensor) -> Tensor {
        let B = y.shape[0], T = y.shape[1], H = y.shape[2]
        var v = [Float](repeating: 0, count: y.size)
        for b in 0..<B { for t in 0..<T { for j in 0..<H { v[(b * T + t) * H + j] = y.floats[(b * T + (T - 1 - t)) * H + j] } } }
        return Tensor(shape: y.shape, floats: v)
    }
}
