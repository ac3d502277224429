// Shape key: gradients have the shape of what they differentiate: ∂L/∂outputs[k] = outputs[k],
// ∂L/∂inputs[i] = inputs[i], ∂L/∂weights[j] = weights[j].
//
// One backward for every KerasLayer: `backward(∂outputs, call:)` takes the `LayerCall` its own
// forward returned (the cache is inside) and gives the gradients of the call's inputs and of the
// layer's weights. Each layer's conformance just routes to the backward written next to its
// forward (Layers/*+Backward.swift); a model chains them (Models/Sequential+Backward.swift).

/// The gradients of one `KerasLayer.call`.
public struct LayerGradients {
    /// ∂L/∂inputs[i] of the call: inputs[0] is the layer input (nil for integer tokens), then a
    /// recurrent layer's initial states (always all of them, zero-initialised ones included).
    public var inputs: [Tensor?]
    /// ∂L/∂weights in `weights` order (frozen weights included).
    public var weights: [Tensor]

    public init(inputs: [Tensor?], weights: [Tensor]) {
        self.inputs = inputs
        self.weights = weights
    }
}

/// A KerasLayer with a backward pass.
public protocol DifferentiableLayer: KerasLayer {
    /// ∂L/∂inputs and ∂L/∂weights from ∂L/∂outputs (`outputGradients[k]` for `call.outputs[k]`,
    /// nil or missing = zero). `call` must be this layer's own result, made with its current weights.
    func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients
}

extension KerasLayer {
    /// The layer as a `DifferentiableLayer`, or a RuntimeError naming it.
    public func differentiable() throws -> any DifferentiableLayer {
        guard let d = self as? any DifferentiableLayer else {
            throw TensorError(.runtimeError, "Layer '\(name)' (\(className)) has no backward pass, so it cannot be trained")
        }
        return d
    }

    /// The cache of `call`, checked to be the type this layer's backward takes.
    func cache<C>(_ call: LayerCall, as _: C.Type) throws -> C {
        guard let cache = call.cache as? C else {
            throw TensorError.value("The call given to the backward pass of layer '\(name)' (\(className)) was not made by a \(className): expected a \(C.self), got \(call.cache.map { "\(type(of: $0))" } ?? "no cache")")
        }
        return cache
    }
}

/// The first output gradient, or zeros shaped like the first output.
func firstGradient(_ outputGradients: [Tensor?], _ call: LayerCall) -> Tensor {
    if let g = outputGradients.first ?? nil { return g }
    return Tensor.zerosLike(call.outputs[0])
}

extension Dense: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let (dx, dw) = try backward(firstGradient(outputGradients, call), cache: try cache(call, as: DenseCache.self))
        return LayerGradients(inputs: [dx], weights: dw)
    }
}

extension RecurrentLayer: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let g = try backwardThroughDropout(outputGradients, cache: try cache(call, as: RecurrentCache.self))
        return LayerGradients(inputs: [g.input] + g.initialStates.map { Optional($0) }, weights: g.weights)
    }
}

extension Bidirectional: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let g = try backward(outputGradients, cache: try cache(call, as: BidirectionalCache.self))
        return LayerGradients(inputs: [g.input] + g.initialStates.map { Optional($0) }, weights: g.weights)
    }
}

extension Embedding: DifferentiableLayer {
    /// Tokens have no gradient: `inputs` is `[nil]`.
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let dE = try backward(firstGradient(outputGradients, call), cache: try cache(call, as: EmbeddingCache.self))
        return LayerGradients(inputs: [nil], weights: dE)
    }
}

extension Masking: DifferentiableLayer {
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        let mask = try cache(call, as: MaskingCache.self).mask
        return LayerGradients(inputs: [try backward(firstGradient(outputGradients, call), mask: mask)], weights: [])
    }
}

extension InputLayer: DifferentiableLayer {
    /// The identity.
    public func backward(_ outputGradients: [Tensor?], call: LayerCall) throws -> LayerGradients {
        LayerGradients(inputs: [call.outputs[0].dtype == .float32 ? firstGradient(outputGradients, call) : nil], weights: [])
    }
}
