// Shape key: x (B, T, F); y = forward half (B, [T,] H), yRev = backward half (flipped back to time
// order with return_sequences), merged on the last axis. Backward splits ∂L/∂merged into the two
// halves (concat: slices; sum: both; mul: dy⊙yRev and dy⊙y; ave: dy/2 each; none: separate),
// flips the backward half's sequence gradient into its processing order, runs both halves' BPTT
// and adds their input gradients.

/// What `Bidirectional.forward` saved: both halves' caches and outputs.
public struct BidirectionalCache {
    public let forward: RecurrentCache
    public let backward: RecurrentCache
    /// The forward half's first output, and the backward half's (time-ordered, as merged).
    public let y: Tensor, yRev: Tensor
}

/// Gradients of one `Bidirectional` call.
public struct BidirectionalGradients {
    /// ∂L/∂x (B, T, F).
    public var input: Tensor
    /// ∂L/∂initial states, forward half's then backward half's (as `initial_state` is split).
    public var initialStates: [Tensor]
    /// ∂L/∂weights in `weights` order (forward half's three, then backward half's three).
    public var weights: [Tensor]
}

extension Bidirectional {
    /// The forward pass and what backward needs; outputs as `callAsFunction` returns them. In
    /// training each half draws its own dropout mask, as Keras' two layer copies do.
    public func forward(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil, training: Bool = false) throws -> (outputs: [Tensor], cache: BidirectionalCache) {
        var fState: [Tensor]? = nil, bState: [Tensor]? = nil
        if let initialState {
            guard initialState.count % 2 == 0 else {
                throw TensorError.value("When passing `initial_state` to a Bidirectional RNN, the state should be a list containing the states of the underlying RNNs. Received: \(initialState.count) states")
            }
            let n = initialState.count / 2
            fState = Array(initialState[0..<n]); bState = Array(initialState[n...])
        }
        let (fo, fc) = try forwardLayer.forward(x, mask: mask, initialState: fState, training: training)
        let (bo, bc) = try backwardLayer.forward(x, mask: mask, initialState: bState, training: training)
        let y = fo[0]
        let yRev = forwardLayer.returnSequences ? Bidirectional.flipTime(bo[0]) : bo[0]
        let merged: [Tensor]
        switch mergeMode {
        case .none: merged = [y, yRev]
        case .concat: merged = [try Tensor.concatenate([y, yRev], axis: -1)]
        case .sum: merged = [try y + yRev]
        case .mul: merged = [try y * yRev]
        case .ave: merged = [Tensor(shape: y.shape, floats: zip(y.floats, yRev.floats).map { ($0 + $1) / 2 })]
        }
        return (merged + Array(fo.dropFirst()) + Array(bo.dropFirst()), BidirectionalCache(forward: fc, backward: bc, y: y, yRev: yRev))
    }

    /// ∂L/∂x, initial states and weights from ∂L/∂outputs (nil or missing = zero).
    public func backward(_ outputGradients: [Tensor?], cache: BidirectionalCache) throws -> BidirectionalGradients {
        let mergedCount = mergeMode == .none ? 2 : 1
        let stateCount = forwardLayer.returnState ? forwardLayer.kind.stateCount : 0
        guard outputGradients.count <= mergedCount + 2 * stateCount else {
            throw TensorError.value("Bidirectional returned \(mergedCount + 2 * stateCount) outputs but \(outputGradients.count) output gradients were given")
        }
        func grad(_ k: Int) -> Tensor? { k < outputGradients.count ? outputGradients[k] : nil }
        let y = cache.y, yRev = cache.yRev
        var dy: Tensor? = nil, dyRev: Tensor? = nil
        if mergeMode == .none {
            dy = grad(0); dyRev = grad(1)
        } else if let g = grad(0) {
            let expected = mergeMode == .concat ? Array(y.shape.dropLast()) + [2 * forwardLayer.units] : y.shape
            guard g.shape == expected else {
                throw TensorError.value("Bidirectional output has shape \(Shape.describe(expected)) but its gradient has shape \(g.shapeDescription)")
            }
            let d = floatsOf(g)
            switch mergeMode {
            case .concat:
                let parts = try Tensor(shape: g.shape, floats: d).split(2, axis: -1)
                dy = parts[0]; dyRev = parts[1]
            case .sum: dy = Tensor(shape: y.shape, floats: d); dyRev = dy
            case .mul:
                dy = Tensor(shape: y.shape, floats: zip(d, yRev.floats).map(*))
                dyRev = Tensor(shape: y.shape, floats: zip(d, y.floats).map(*))
            case .ave: dy = Tensor(shape: y.shape, floats: d.map { $0 / 2 }); dyRev = dy
            case .none: break
            }
        }
        if forwardLayer.returnSequences, let d = dyRev { dyRev = Bidirectional.flipTime(d) }
        let fStates = (0..<stateCount).map { grad(mergedCount + $0) }
        let bStates = (0..<stateCount).map { grad(mergedCount + stateCount + $0) }
        let fg = try forwardLayer.backwardThroughDropout([dy] + fStates, cache: cache.forward)
        let bg = try backwardLayer.backwardThroughDropout([dyRev] + bStates, cache: cache.backward)
        return BidirectionalGradients(input: try fg.input + bg.input, initialStates: fg.initialStates + bg.initialStates,
                                      weights: fg.weights + bg.weights)
    }
}
