import RNNRuntime

// Shape key: Dropout (B, ...) -> (B, ...); TimeDistributed (B, T, ...) -> (B, T, inner output...);
// InputLayer: batch shape (batch_size or None,) + shape.

/// `Dropout`, `TimeDistributed` and `InputLayer` with Keras 3's signatures.
enum ModelLayerClasses {
    static var all: [KerasLayerClass] { [dropout, timeDistributed, inputLayer] }

    static let dropout = KerasLayerClass(
        name: "Dropout",
        signature: KerasSignature("Dropout", ["rate", "noise_shape=None", "seed=None"]),
        doc: """
            Randomly sets a fraction rate of its inputs to 0 during training and scales the rest by \
            1/(1 - rate), so the expected sum is unchanged; at inference (training=False, the default \
            for a plain call and for predict) it passes inputs through unchanged. No weights.

            Call: layer(inputs, training=None); returns the same shape.
            """,
        make: { a, interp, ctx in
            let rate = try a.double("rate", default: 0)
            let noise = try a["noise_shape"].flatMap { $0.isNone ? nil : try KerasShapes.sampleShape($0, interp, what: "noise_shape") }
            let seed: Int? = a.isSet("seed") ? try a.int("seed") : nil
            let layer = try numpyCall { try Dropout(rate: rate, noiseShape: noise, seed: seed, rng: ctx.weightRNG) }
            return BuiltLayer(layer: layer, config: [("rate", .float(rate)), ("noise_shape", noise.map(KerasShapes.tuple) ?? .none),
                                                     ("seed", seed.map { .int(Int64($0)) } ?? .none)])
        })

    static let timeDistributed = KerasLayerClass(
        name: "TimeDistributed",
        signature: KerasSignature("TimeDistributed", ["layer"]),
        doc: """
            Applies a layer to every timestep of its input with one set of weights: \
            TimeDistributed(Dense(8)) on (batch, timesteps, features) gives (batch, timesteps, 8), \
            with the wrapped layer's parameters (not one copy per step).

            Call: layer(inputs) with inputs (batch, timesteps, ...); returns (batch, timesteps, inner output...).
            """,
        make: { a, _, _ in
            guard let inner = KerasLayerValues.layer(a["layer"]!) else {
                let got = (try? a["layer"]!.repr()) ?? "?"
                throw PyException(BuiltinTypes.valueError, "Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. Received: \(got)")
            }
            var built = BuiltLayer(layer: TimeDistributed(inner.layer), config: [])
            if case .object(let o as LayerObject) = a["layer"]! { built.wrapped = ["layer": o] }
            return built
        })

    static let inputLayer = KerasLayerClass(
        name: "InputLayer",
        signature: KerasSignature("InputLayer", [
            "shape=None", "batch_size=None", "dtype=None", "sparse=None", "batch_shape=None", "input_tensor=None",
            "optional=False",
        ], extraKeywords: ["batch_input_shape"]),
        doc: """
            The input of a model: a shape (batch excluded, None for sizes that vary) that lets a \
            Sequential build and report its shapes before seeing data. keras.Input(shape=...) makes \
            one and returns its symbolic output. No weights.
            """,
        make: { a, interp, _ in
            var shape: [Int?]? = nil, batch: Int? = nil
            if a.isSet("batch_shape") || a.isSet("batch_input_shape") {
                let full = try KerasShapes.sampleShape(a["batch_shape"] ?? a["batch_input_shape"]!, interp, what: "batch_shape")
                guard let first = full.first else { throw PyException(BuiltinTypes.valueError, "`batch_shape` must have at least one entry") }
                batch = first
                shape = Array(full.dropFirst())
            } else if a.isSet("shape") {
                shape = try KerasShapes.sampleShape(a["shape"]!, interp, what: "shape")
                batch = a.isSet("batch_size") ? try a.int("batch_size") : nil
            } else if a.isSet("input_shape") {
                shape = try KerasShapes.sampleShape(a["input_shape"]!, interp, what: "input_shape")
            }
            guard let shape else { throw PyException(BuiltinTypes.valueError, "You must pass a `shape` argument.") }
            try a.requireOnly("sparse", ["None", "False"], shownAs: "False")
            try a.requireOnly("input_tensor", ["None"], shownAs: "None")
            try a.requireOnly("optional", ["False"], shownAs: "False")
            let dtype = try inputDType(a["dtype"])
            let layer = try numpyCall { try InputLayer(shape: shape, batchSize: batch, dtype: dtype) }
            return BuiltLayer(layer: layer, config: [("batch_shape", KerasShapes.tuple([batch] + shape)),
                                                     ("dtype", .str(dtype == .float32 ? "float32" : "int32"))])
        })

    /// An input's dtype: float32, or integers for token ids (int32/int64 both become int64 here).
    static func inputDType(_ v: Value?) throws -> DType {
        guard let v, !v.isNone else { return .float32 }
        switch v {
        case .str("float32"), .str("float"): return .float32
        case .str("int32"), .str("int64"), .str("int"): return .int64
        case .object(let d as DTypeObject) where d.dtype != .bool: return d.dtype
        default:
            throw PyException(BuiltinTypes.notImplementedError, "Input(dtype=\((try? v.repr()) ?? "?")) is not supported by this kernel yet; inputs are float32, or int32/int64 token ids")
        }
    }
}
