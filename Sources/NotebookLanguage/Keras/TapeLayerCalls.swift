import RNNRuntime

// Shape key: x (B, ...) and initial states in; the layer's outputs ([output] or [output, *states])
// out. On the tape one record holds the whole call: its inputs are x, the states and one leaf per
// weight; its backward is the layer's own (`DifferentiableLayer.backward(∂outputs, call:)`).

extension LayerObject {
    /// `layer(x)` while a gradient tape records: the forward pass with its cache, recorded so that
    /// `tape.gradient(loss, model.trainable_variables)` reaches every weight the call read.
    func callOnTape(_ tape: GradientTapeObject, inputs: Value, x: Tensor, stateValues: [Value], states: [Tensor],
                    mask: Tensor?, training: Bool) throws -> Value {
        guard let differentiable = layer as? any DifferentiableLayer else {
            throw PyException(BuiltinTypes.notImplementedError, "\(className) '\(layer.name)' has no backward pass, so it cannot be called inside a GradientTape yet")
        }
        let xNode = try TapeOps.operand(inputs, on: tape)
        let stateNodes = try stateValues.map { try TapeOps.operand($0, on: tape) }
        let call = try numpyCall { try layer.call([x] + states, mask: mask, training: training) }
        if builtInputShape == nil { builtInputShape = [nil] + x.shape.dropFirst().map { Optional($0) } }
        // Views of the layers that own the weights (a Sequential's sublayers): what
        // `model.trainable_variables` lists, so `tape.gradient` finds them by identity.
        let variables = layer.weightVariables
        let inputCount = 1 + stateNodes.count
        let outputs = tape.tape.recordLayerCall(layer, inputs: [xNode] + stateNodes, outputs: call.outputs, variables: variables) { grads in
            let g = try differentiable.backward(grads, call: call)
            // The layer answers for all its states; only those given as arguments are inputs here.
            var inputGrads = Array(g.inputs.prefix(inputCount))
            while inputGrads.count < inputCount { inputGrads.append(nil) }
            return LayerCallGradients(inputs: inputGrads, weights: g.weights)
        }
        let values = outputs.enumerated().map { i, node in
            Value.object(TrackedTensorObject(tape: tape, node: node, mask: i == 0 ? call.outputMask : nil))
        }
        return values.count == 1 ? values[0] : .list(values)
    }
}
