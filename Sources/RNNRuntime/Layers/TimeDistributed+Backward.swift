// Shape key: B = batch, T = timesteps. dy (B, T, ...out) folds to (B*T, ...out), the wrapped layer's
// backward runs once on its cached (B*T, ...) call, and dx (B*T, ...in) unfolds to (B, T, ...in).
// Weight gradients are the inner layer's, already summed over all B*T rows (one set of weights
// shared by every timestep).

extension TimeDistributed: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let c = try cache(call, as: TimeDistributedCache.self)
        let dy = firstGradient(outputGradients, call)
        let out = call.outputs[0]
        guard dy.shape == out.shape, out.ndim >= 2 else {
            throw TensorError.value("TimeDistributed output has shape \(out.shapeDescription) but its gradient has shape \(dy.shapeDescription)")
        }
        let folded = try dy.reshape([c.batch * c.timesteps] + Array(dy.shape.dropFirst(2)))
        let g = try layer.differentiable().backward([folded], call: c.inner)
        var dx: Tensor? = nil
        if let inner = g.inputs.first ?? nil {
            dx = try inner.reshape([c.batch, c.timesteps] + Array(inner.shape.dropFirst()))
        }
        return LayerGradients(inputs: [dx], weights: g.weights)
    }
}
