// Shape key: x (B, ...) flows through the layers in order; each layer's first output and
// output mask feed the next. Shapes are symbolic `[Int?]` (nil = None) until data is seen.

/// What Sequential's backward needs: every layer's call, in order (run them backwards).
public struct SequentialCache: LayerCache {
    /// The model input.
    public let input: Tensor
    /// `calls[i]` is layer i's result; its input is `calls[i-1].outputs[0]` (the model input for i = 0).
    public let calls: [LayerCall]
    /// The mask each layer received (nil: none).
    public let inputMasks: [Tensor?]
}

/// Keras `Sequential`: a stack of layers, each feeding the next, itself usable as a layer.
///
/// Like Keras it builds as soon as it knows its input shape: at once when it starts with an
/// `InputLayer` (or after each `add`/`pop` once built), otherwise on the first call, for that
/// call's concrete shape (batch included, so the summary then shows it).
public final class Sequential: KerasLayer {
    public let className = "Sequential"
    public var name: String
    /// The input, given by the user or created by the first build; not part of `layers`.
    public private(set) var inputLayer: InputLayer?
    /// The layers added, in order (Keras' `model.layers`, without the InputLayer).
    public private(set) var layers: [any KerasLayer] = []
    /// Every layer's output shapes from the last successful build; nil while unbuilt.
    public private(set) var layerOutputShapes: [[[Int?]]]?
    private var trainableFlag = true
    /// What `compile` set up and `fit` uses (Training/Fit/TrainingConfiguration.swift); nil until compiled.
    public internal(set) var training: TrainingConfiguration?

    public init(layers: [any KerasLayer] = [], name: String = "sequential") throws {
        self.name = name
        for layer in layers { try add(layer) }
    }

    /// Keras sets `trainable` on every sublayer too.
    public var trainable: Bool {
        get { trainableFlag }
        set { trainableFlag = newValue; for l in layers { l.trainable = newValue } }
    }

    public var isBuilt: Bool { layerOutputShapes != nil }

    /// Appends `layer`; an `InputLayer` only first. A built model rebuilds with the new layer,
    /// and a layer that does not fit is not added (Keras would keep it and leave the model broken).
    public func add(_ layer: any KerasLayer) throws {
        if layer === self { throw TensorError(.valueError, "Cannot add Sequential model '\(name)' to itself.") }
        if let input = layer as? InputLayer {
            if let existing = inputLayer {
                throw TensorError(.valueError, "Sequential model '\(name)' has already been configured to use input shape \(SymbolicShape.describe(existing.batchShape)). You cannot add a different Input layer to it.")
            }
            guard layers.isEmpty else {
                throw TensorError(.valueError, "An Input layer can only be the first layer of Sequential model '\(name)'; it already has \(layers.count) layer(s).")
            }
            inputLayer = input
            return
        }
        if layers.contains(where: { $0.name == layer.name }) {
            throw TensorError(.valueError, "All layers added to a Sequential model should have unique names. Name '\(layer.name)' is already the name of a layer in this model. Update the `name` argument to pass a unique name.")
        }
        layers.append(layer)
        if let input = inputLayer {
            do { try rebuild(input.batchShape) } catch {
                layers.removeLast()
                try? rebuild(input.batchShape)
                throw error
            }
        }
    }

    /// Removes and returns the last layer (Keras' `pop`), rebuilding what remains.
    @discardableResult
    public func pop() throws -> any KerasLayer {
        guard let last = layers.popLast() else {
            throw TensorError(.indexError, "pop from empty list")
        }
        layerOutputShapes = nil
        if let input = inputLayer { try? rebuild(input.batchShape) }
        return last
    }

    /// Builds every layer for `inputShape` (batch first, nil = None), as Keras' `model.build`.
    public func build(inputShape: [Int?]) throws {
        guard !layers.isEmpty else {
            throw TensorError(.valueError, "Sequential model \(name) cannot be built because it has no layers. Call `model.add(layer)`.")
        }
        if let input = inputLayer {
            guard input.batchShape == inputShape else {
                throw TensorError(.valueError, "Sequential model '\(name)' has already been configured to use input shape \(SymbolicShape.describe(input.batchShape)). You cannot build it with input_shape \(SymbolicShape.describe(inputShape))")
            }
        }
        try rebuild(inputShape)
        if inputLayer == nil {
            inputLayer = try InputLayer(shape: Array(inputShape.dropFirst()), batchSize: inputShape.first ?? nil)
        }
    }

    /// Builds the layers in order and records their output shapes; unbuilt on failure.
    private func rebuild(_ inputShape: [Int?]) throws {
        layerOutputShapes = nil
        guard !layers.isEmpty else { return }
        var shape = inputShape
        var all: [[[Int?]]] = []
        for (i, layer) in layers.enumerated() {
            try layer.build(inputShape: shape)
            let out = try layer.outputShapes(for: shape)
            all.append(out)
            if i + 1 < layers.count {
                guard out.count == 1 else { throw multipleOutputsError(layer, out.count) }
                shape = out[0]
            }
        }
        layerOutputShapes = all
    }

    func multipleOutputsError(_ layer: any KerasLayer, _ n: Int) -> TensorError {
        TensorError(.valueError, "Layer '\(layer.name)' (\(layer.configDescription)) returns \(n) outputs; inside a Sequential model only the last layer may return several (the next layer takes one tensor).")
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        guard !layers.isEmpty else {
            throw TensorError(.valueError, "Sequential model \(name) cannot be built because it has no layers. Call `model.add(layer)`.")
        }
        var shapes = [inputShape]
        for layer in layers {
            guard shapes.count == 1 else { throw multipleOutputsError(layer, shapes.count) }
            shapes = try layer.outputShapes(for: shapes[0])
        }
        return shapes
    }

    /// Keras' `model.output_shape`: the last layer's output shapes (one, or several with return_state).
    public func outputShape() throws -> [[Int?]] {
        guard let shapes = layerOutputShapes, let last = shapes.last else {
            throw TensorError(.valueError, "Sequential model '\(name)' has no defined output shape yet.")
        }
        return last
    }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        guard !layers.isEmpty else {
            throw TensorError(.valueError, "Sequential model \(name) cannot be built because it has no layers. Call `model.add(layer)`.")
        }
        if let input = inputLayer, input.batchShape.count != x.ndim {
            throw TensorError(.valueError, "Invalid input shape for input of model '\(name)'. Expected shape \(SymbolicShape.describe([nil] + input.shape)), but input has incompatible shape \(x.shapeDescription)")
        }
        if !isBuilt {
            if let input = inputLayer { try rebuild(input.batchShape) } else {
                // Keras builds on the first call's concrete shape, batch included.
                try rebuild(SymbolicShape.of(x.shape))
                inputLayer = try InputLayer(shape: SymbolicShape.of(Array(x.shape.dropFirst())), batchSize: x.shape.first,
                                            dtype: x.dtype == .float32 ? .float32 : .int64)
            }
        }
        var current = x, currentMask = mask
        var calls: [LayerCall] = [], masks: [Tensor?] = []
        for (i, layer) in layers.enumerated() {
            masks.append(currentMask)
            let c = try layer.call([current], mask: currentMask, training: training)
            calls.append(c)
            if i + 1 < layers.count {
                guard c.outputs.count == 1 else { throw multipleOutputsError(layer, c.outputs.count) }
            }
            current = c.outputs[0]
            currentMask = c.outputMask
        }
        let last = calls[calls.count - 1]
        return LayerCall(outputs: last.outputs, outputMask: last.outputMask,
                         cache: SequentialCache(input: x, calls: calls, inputMasks: masks))
    }

    /// `model(x, training=...)`: the outputs (one, or several when the last layer returns states).
    public func callAsFunction(_ x: Tensor, training: Bool = false) throws -> [Tensor] {
        try call([x], mask: nil, training: training).outputs
    }

    /// All weights, layer by layer in Keras' `get_weights()` order.
    public var weights: [Tensor] { layers.flatMap { $0.weights } }

    /// Keras' `set_weights`: the flat list split over the layers by their weight counts.
    public func setWeights(_ newWeights: [Tensor]) throws {
        let counts = layers.map { $0.weights.count }
        let expected = counts.reduce(0, +)
        guard newWeights.count == expected else {
            throw TensorError(.valueError, "You called `set_weights(weights)` on layer '\(name)' with a weight list of length \(newWeights.count), but the layer was expecting \(expected) weights.")
        }
        var next = 0
        for (layer, n) in zip(layers, counts) {
            try layer.setWeights(Array(newWeights[next..<next + n]))
            next += n
        }
    }

    /// The optimizer's in-place path: weight `index` of the flat list, in the layer that owns it.
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        var offset = index
        for layer in layers {
            let n = layer.weights.count
            if offset >= 0 && offset < n { return try layer.updateWeight(at: offset, body) }
            offset -= n
        }
        throw weightIndexError(index)
    }

    /// Per layer, so a model with some frozen layers splits like Keras.
    public var trainableWeights: [Tensor] { layers.flatMap { $0.trainableWeights } }
    public var nonTrainableWeights: [Tensor] { layers.flatMap { $0.nonTrainableWeights } }

    /// `lstm/kernel`, `lstm_1/kernel`, `dense/bias`...: every weight under its layer's key, in
    /// `weights` order. Keys are Keras 3's saving keys (snake-cased class, numbered within this
    /// model), which equal the auto-names of a fresh session but never depend on them, so a
    /// weight file fits any model of the same architecture.
    public var weightNames: [String] {
        zip(layerKeys, layers).flatMap { key, l in l.weightNames.map { "\(key)/\($0)" } }
    }

    /// Keras' `saving_lib` container keys: `lstm`, `dense`, `lstm_1`, ... in layer order.
    public var layerKeys: [String] {
        var used: [String: Int] = [:]
        return layers.map { l in
            let base = LayerNamer.snakeCase(l.className)
            let n = used[base, default: 0]
            used[base] = n + 1
            return n == 0 ? base : "\(base)_\(n)"
        }
    }

    public var configDescription: String {
        "Sequential([" + ((inputLayer.map { [$0.configDescription] } ?? []) + layers.map(\.configDescription)).joined(separator: ", ") + "])"
    }
}
