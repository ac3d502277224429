// A layer call is one record on the tape: its inputs are the differentiable call arguments (x,
// initial states) followed by leaves reading the layer's variables, so `tape.gradient(loss,
// layer.trainableVariables)` finds the weight gradients the layer's own backward computed. The
// forward runs with a cache (Layers/*+Backward.swift) and the backward closure keeps it.

/// What a layer call's backward returns.
public struct LayerCallGradients {
    /// One per differentiable input of the call (nil = none, e.g. tokens).
    public var inputs: [Tensor?]
    /// One per variable of the call, in order (the layer's `weights` order by default).
    public var weights: [Tensor]

    public init(inputs: [Tensor?], weights: [Tensor]) {
        self.inputs = inputs
        self.weights = weights
    }
}

extension GradientTape {
    /// Records a layer call made outside the tape: `outputs` are its results, `variables` the
    /// weights it read, one per weight gradient `backward` returns (default: `layer.weightVariables`,
    /// all weights; frozen ones are read unwatched), `backward` maps the outputs' gradients (nil =
    /// zero) to the inputs' and the variables'.
    public func recordLayerCall(_ layer: Layer, inputs: [TapeTensor], outputs: [Tensor], variables: [Variable]? = nil,
                                backward: @escaping ([Tensor?]) throws -> LayerCallGradients) -> [TapeTensor] {
        let vars = variables ?? layer.weightVariables
        let leaves = vars.map { read($0) }
        let name = layer.className
        return record(name, inputs + leaves, outputs) { grads in
            let g = try backward(grads)
            guard g.inputs.count == inputs.count, g.weights.count == vars.count else {
                throw TensorError.value("internal: \(name) backward gave \(g.inputs.count) input and \(g.weights.count) weight gradients for \(inputs.count) inputs and \(vars.count) variables")
            }
            return g.inputs + g.weights.map { Optional($0) }
        }
    }

    /// `dense(x)` on the tape.
    public func call(_ layer: Dense, _ x: TapeTensor) throws -> TapeTensor {
        let (y, cache) = try layer.forward(x.value)
        return recordLayerCall(layer, inputs: [x], outputs: [y]) { grads in
            let (dx, dw) = try layer.backward(grads[0] ?? Tensor.zerosLike(y), cache: cache)
            return LayerCallGradients(inputs: [dx], weights: dw)
        }[0]
    }

    /// `rnn(x, mask, initial_state)` on the tape: `[output, *states]` as the layer returns them.
    public func call(_ layer: RecurrentLayer, _ x: TapeTensor, mask: Tensor? = nil, initialState: [TapeTensor]? = nil) throws -> [TapeTensor] {
        let (outputs, cache) = try layer.forward(x.value, mask: mask, initialState: initialState?.map(\.value))
        let stateCount = initialState?.count ?? 0
        return recordLayerCall(layer, inputs: [x] + (initialState ?? []), outputs: outputs) { grads in
            let g = try layer.backward(grads, cache: cache)
            return LayerCallGradients(inputs: [g.input] + g.initialStates.prefix(stateCount).map { Optional($0) }, weights: g.weights)
        }
    }

    /// `Bidirectional(rnn)(x, mask, initial_state)` on the tape.
    public func call(_ layer: Bidirectional, _ x: TapeTensor, mask: Tensor? = nil, initialState: [TapeTensor]? = nil) throws -> [TapeTensor] {
        let (outputs, cache) = try layer.forward(x.value, mask: mask, initialState: initialState?.map(\.value))
        let stateCount = initialState?.count ?? 0
        return recordLayerCall(layer, inputs: [x] + (initialState ?? []), outputs: outputs) { grads in
            let g = try layer.backward(grads, cache: cache)
            return LayerCallGradients(inputs: [g.input] + g.initialStates.prefix(stateCount).map { Optional($0) }, weights: g.weights)
        }
    }

    /// `embedding(tokens)` on the tape: the vectors and the mask (mask_zero).
    public func call(_ layer: Embedding, _ tokens: Tensor) throws -> (output: TapeTensor, mask: Tensor?) {
        let (y, cache) = try layer.forward(tokens)
        let out = recordLayerCall(layer, inputs: [], outputs: [y]) { grads in
            LayerCallGradients(inputs: [], weights: try layer.backward(grads[0] ?? Tensor.zerosLike(y), cache: cache))
        }[0]
        return (out, layer.computeMask(tokens))
    }

    /// `Masking(mask_value)(x)` on the tape: the zeroed input and the mask.
    public func call(_ layer: Masking, _ x: TapeTensor) throws -> (output: TapeTensor, mask: Tensor) {
        let (y, mask) = try layer(x.value)
        let out = record("Masking", [x], y) { g in [try layer.backward(g, mask: mask)] }
        return (out, mask)
    }
}
