// Shape key: x (B, ...) -> layer 0 -> ... -> layer n-1 -> outputs. Backward runs the layers' own
// backward passes from the last to the first, each on its own `LayerCall` from the forward
// (`SequentialCache.calls`): the gradient of layer i's input is the gradient of layer i-1's first
// output. Masks need nothing here: every layer's cache already holds the mask it was called with.

extension Sequential: DifferentiableLayer {
    /// ∂L/∂x and ∂L/∂weights (the flat `weights` order) of a `call` of this model.
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let (dx, perLayer) = try backward(outputGradients, call: call, downTo: 0)
        return LayerGradients(inputs: [dx], weights: perLayer.flatMap { $0 ?? [] })
    }

    /// The backward pass through layers `first...` only (what training needs when the layers
    /// before `first` are frozen): ∂L/∂(input of layer `first`) and, per layer, its weight
    /// gradients (nil for layers before `first`).
    func backward(_ outputGradients: [Tensor?], call: LayerCall, downTo first: Int) throws -> (input: Tensor?, weights: [[Tensor]?]) {
        let c = try cache(call, as: SequentialCache.self)
        guard c.calls.count == layers.count else {
            throw TensorError.value("The call given to the backward pass of '\(name)' has \(c.calls.count) layer calls but the model has \(layers.count) layers (a layer was added or removed since)")
        }
        var grads = outputGradients
        var weights = [[Tensor]?](repeating: nil, count: layers.count)
        for i in stride(from: layers.count - 1, through: first, by: -1) {
            let g = try layers[i].differentiable().backward(grads, call: c.calls[i])
            weights[i] = g.weights
            grads = [g.inputs.first ?? nil]
        }
        return (grads.first ?? nil, weights)
    }
}
