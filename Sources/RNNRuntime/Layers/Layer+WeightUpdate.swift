// The optimizer's way into a layer's weights. Layers store weights as `Tensor` values (arrays are
// copy-on-write), so an in-place update needs the layer's own storage: Dense and Embedding
// override `updateWeight` in their files; any other layer gets the default below, which copies
// the one weight it changes (RecurrentLayer: the setter is private to Recurrent.swift) and is
// correct for every layer; Bidirectional forwards to its halves.

extension Layer {
    /// Default: mutate a copy of the weight and put it back through `setWeights` (one copy per call).
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        var all = weights
        guard all.indices.contains(index) else { throw weightIndexError(index) }
        if all[index].dtype != .float32 { all[index] = try all[index].astype(.float32) }
        try all[index].floats.withUnsafeMutableBufferPointer { try body($0) }
        try setWeights(all)
    }

    /// An IndexError for a weight index this layer does not have.
    func weightIndexError(_ index: Int) -> TensorError {
        TensorError.index("weight index \(index) is out of range for layer \(className) with \(weights.count) weights")
    }

    /// Runs `body` on `slot`'s elements in place: taking the tensor out of the layer first leaves its
    /// buffer uniquely referenced (unless a caller still holds a `weights` copy), so nothing is copied.
    func updateInPlace(_ slot: inout Tensor?, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        guard var tensor = slot.take() else { throw TensorError.value("\(className) is not built") }
        defer { slot = tensor }
        try tensor.floats.withUnsafeMutableBufferPointer { try body($0) }
    }
}

extension Bidirectional {
    /// Forwards to the half that owns weight `index` (forward half's first).
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        let n = forwardLayer.weights.count
        guard index >= 0, index < n + backwardLayer.weights.count else { throw weightIndexError(index) }
        if index < n { try forwardLayer.updateWeight(at: index, body) } else { try backwardLayer.updateWeight(at: index - n, body) }
    }
}
