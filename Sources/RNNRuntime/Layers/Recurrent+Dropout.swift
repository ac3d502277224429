// Shape key: B = batch, T = timesteps, F = features. x (B, T, F); the dropout multipliers m (B, F).
//
// Keras' `dropout` on a recurrent layer (keras/src/layers/rnn/dropout_rnn_cell.py, lstm.py, gru.py):
// in training, while 0 < rate < 1, one mask per sample and feature is drawn for the whole sequence
// (the cell draws it on the first step and reuses it) and the inputs are scaled by it:
//   x'[b, t, f] = x[b, t, f] · m[b, f],   m = 0 with probability rate, else 1 / (1 - rate).
// The recurrence then runs on x' (so its cache and weight gradients are those of x'), and the input
// gradient goes back through the same multipliers: ∂L/∂x[b, t, f] = ∂L/∂x'[b, t, f] · m[b, f].
// Inference, and rates 0 or 1 (Keras' condition is 0 < rate < 1), use x unchanged.
// `recurrent_dropout` would mask h inside the step loop; it is a NotImplementedError in training.

extension RecurrentLayer {
    /// Whether a training call drops inputs (Keras applies dropout only while 0 < rate < 1).
    var dropsInputs: Bool { dropout > 0 && dropout < 1 }

    /// The forward pass as a Keras layer call: in training with `dropout`, on inputs scaled by one
    /// freshly drawn mask per (sample, feature), remembered in the cache for backward.
    public func forward(_ x: Tensor, mask: Tensor? = nil, initialState: [Tensor]? = nil,
                        training: Bool) throws -> (outputs: [Tensor], cache: RecurrentCache) {
        guard training else { return try forward(x, mask: mask, initialState: initialState) }
        if recurrentDropout > 0 && recurrentDropout < 1 {
            throw TensorError(.notImplementedError, "\(className)(recurrent_dropout=\(recurrentDropout)) in training: recurrent dropout is not supported by this kernel yet (dropout= on the inputs is; inference, training=False, is exact)")
        }
        guard dropsInputs, x.ndim == 3 else { return try forward(x, mask: mask, initialState: initialState) }
        let B = x.shape[0], T = x.shape[1], F = x.shape[2]
        let keep = 1 - dropout
        let kept = Float(1 / keep)
        let scale = (0..<(B * F)).map { _ in rng.nextDouble() < keep ? kept : Float(0) }
        var dropped = floatsOf(x)
        for b in 0..<B {
            for t in 0..<T {
                let row = (b * T + t) * F
                for f in 0..<F { dropped[row + f] *= scale[b * F + f] }
            }
        }
        var (outputs, cache) = try forward(Tensor(shape: x.shape, floats: dropped), mask: mask, initialState: initialState)
        cache.inputDropoutScale = scale
        return (outputs, cache)
    }

    /// `backward(_:cache:)`, with the input gradient taken back through the call's dropout mask.
    public func backwardThroughDropout(_ outputGradients: [Tensor?], cache: RecurrentCache) throws -> RecurrentGradients {
        var g = try backward(outputGradients, cache: cache)
        guard let scale = cache.inputDropoutScale else { return g }
        let B = cache.batch, T = cache.timesteps, F = cache.features
        guard scale.count == B * F, g.input.shape == [B, T, F] else {
            throw TensorError.value("\(className) dropout cache has \(scale.count) multipliers for an input of shape \(g.input.shapeDescription)")
        }
        var dx = floatsOf(g.input)
        for b in 0..<B {
            for t in 0..<T {
                let row = (b * T + t) * F
                for f in 0..<F { dx[row + f] *= scale[b * F + f] }
            }
        }
        g.input = Tensor(shape: [B, T, F], floats: dx)
        return g
    }
}
