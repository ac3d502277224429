// Shape key: shapes are `[Int?]` with nil for an unknown size (Keras' `None`), batch first.
// A layer maps inputs[0] (B, ...) to outputs; inputs[1...] are extra inputs (a recurrent
// layer's `initial_state`), and the mask (B, T) travels beside the tensors.

/// What a layer kept from a forward pass for its backward pass (per-layer struct, documented there).
public protocol LayerCache {}

/// The result of `KerasLayer.call`: the outputs, the mask for the next layer, and the cache.
public struct LayerCall {
    /// The outputs in Keras' order (`[output]`, or `[output, h, c]` with `return_state`).
    public var outputs: [Tensor]
    /// Keras' `compute_mask` result for the first output (nil: no mask).
    public var outputMask: Tensor?
    /// What backward needs (`DenseCache`, `RecurrentCache`, `BidirectionalCache`, ...).
    public var cache: (any LayerCache)?

    public init(outputs: [Tensor], outputMask: Tensor? = nil, cache: (any LayerCache)? = nil) {
        self.outputs = outputs
        self.outputMask = outputMask
        self.cache = cache
    }
}

/// A layer with Keras' whole life cycle: a name, building from a (symbolic) input shape, shape
/// inference, one uniform call, trainability and a one-line config; what a model or the cell
/// language needs to drive any layer without knowing its type.
public protocol KerasLayer: Layer {
    /// Keras' `layer.name` (`lstm`, `lstm_1`; see `LayerNamer`).
    var name: String { get set }
    /// Keras' `layer.trainable`: false moves every weight to the non-trainable group.
    var trainable: Bool { get set }
    /// Whether the weights exist (Keras' `layer.built`).
    var isBuilt: Bool { get }
    /// Creates the weights for inputs of `inputShape` (batch and time may be nil); a no-op when
    /// already built for a compatible shape, a ValueError naming the axes otherwise.
    func build(inputShape: [Int?]) throws
    /// The output shapes for inputs of `inputShape`, several with `return_state` or merge_mode None.
    func outputShapes(for inputShape: [Int?]) throws -> [[Int?]]
    /// The forward pass: builds on first call, validates shapes, applies `mask` where the layer
    /// uses one, and is deterministic unless `training` is true (Dropout).
    func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall
    /// The constructor as a user would write it with the non-default arguments:
    /// `LSTM(20, return_sequences=True)`.
    var configDescription: String { get }
    /// The Keras variable names of `weights`, same order (`kernel`, `recurrent_kernel`, `bias`;
    /// Bidirectional `forward_lstm/kernel`, ...).
    var weightNames: [String] { get }
    /// Keras' `trainable_weights` (default: all weights when `trainable`, else none).
    var trainableWeights: [Tensor] { get }
    /// Keras' `non_trainable_weights`.
    var nonTrainableWeights: [Tensor] { get }
}

extension KerasLayer {
    public var trainableWeights: [Tensor] { trainable ? weights : [] }
    public var nonTrainableWeights: [Tensor] { trainable ? [] : weights }
    /// Element count of `trainableWeights`.
    public var trainableParamCount: Int { trainableWeights.reduce(0) { $0 + $1.size } }
    /// Element count of `nonTrainableWeights`.
    public var nonTrainableParamCount: Int { nonTrainableWeights.reduce(0) { $0 + $1.size } }

    /// Keras' `count_params()`, which refuses an unbuilt layer with a ValueError.
    public func countParamsBuilt() throws -> Int {
        guard isBuilt else {
            throw TensorError(.valueError, "You tried to call `count_params` on layer '\(name)', but the layer isn't built. You can build it manually via: `layer.build(input_shape)`.")
        }
        return countParams()
    }

    /// A single-output convenience: `call([x], mask: nil, training:)`'s first output.
    public func apply(_ x: Tensor, training: Bool = false) throws -> Tensor {
        try call([x], mask: nil, training: training).outputs[0]
    }

    /// The output shapes for a concrete input (batch included), Keras' `compute_output_shape`.
    public func outputShapes(forConcrete shape: [Int]) throws -> [[Int?]] {
        try outputShapes(for: shape.map { Optional($0) })
    }
}
