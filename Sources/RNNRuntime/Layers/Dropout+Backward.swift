// Shape key: x, y, dy, dx all (B, ...), same shape. y = x ⊙ scale, so dx = dy ⊙ scale with the
// forward's multipliers (0 for a dropped element, 1/(1 - rate) for a kept one); an inactive call
// (inference, rate 0) was the identity and passes the gradient unchanged.

extension Dropout: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let scale = try cache(call, as: DropoutCache.self).scale
        let dy = firstGradient(outputGradients, call)
        guard dy.shape == call.outputs[0].shape else {
            throw TensorError.value("Dropout output has shape \(call.outputs[0].shapeDescription) but its gradient has shape \(dy.shapeDescription)")
        }
        guard let scale else { return LayerGradients(inputs: [dy], weights: []) }
        guard scale.count == dy.size else {
            throw TensorError.value("Dropout cache has \(scale.count) multipliers for a gradient of \(dy.size) elements")
        }
        var dx = floatsOf(dy)
        for i in dx.indices { dx[i] *= scale[i] }
        return LayerGradients(inputs: [Tensor(shape: dy.shape, floats: dx)], weights: [])
    }
}
