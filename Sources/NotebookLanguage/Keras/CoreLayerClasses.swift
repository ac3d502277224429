import RNNRuntime

// Shape key: Dense x (B, ..., F) -> (B, ..., H); Embedding tokens (B, T) -> (B, T, D);
// Masking (B, T, F) -> (B, T, F) + mask (B, T); Bidirectional (B, T, F) -> (B, [T,] 2H) (concat).

/// `Dense`, `Embedding`, `Masking` and `Bidirectional` with Keras 3's signatures.
enum CoreLayerClasses {
    static var all: [KerasLayerClass] { [dense, embedding, bidirectional, masking] }

    static let dense = KerasLayerClass(
        name: "Dense",
        signature: KerasSignature("Dense", [
            "units", "activation=None", "use_bias=True", "kernel_initializer='glorot_uniform'",
            "bias_initializer='zeros'", "kernel_regularizer=None", "bias_regularizer=None",
            "activity_regularizer=None", "kernel_constraint=None", "bias_constraint=None",
        ]),
        doc: """
            Just your regular densely-connected layer: output = activation(inputs·kernel + bias) on \
            the last axis, every leading axis kept, so it applies to each timestep of a \
            (batch, timesteps, features) input. Weights: kernel (features, units), bias (units,): \
            features·units + units parameters. Activations here: None/'linear', 'relu', 'sigmoid', \
            'softmax', 'tanh'.

            Call: layer(inputs) with inputs (batch, ..., features); returns (batch, ..., units).
            """,
        make: { a, _, ctx in
            let units = try a.size("units")
            let activation = try KerasActivations.resolve(a["activation"], layer: "Dense")
            try a.requireDefaults([("kernel_initializer", "glorot_uniform"), ("bias_initializer", "zeros"),
                                   ("kernel_regularizer", nil), ("bias_regularizer", nil),
                                   ("kernel_constraint", nil), ("bias_constraint", nil)])
            let useBias = a.bool("use_bias", default: true)
            let layer = try numpyCall { try Dense(units: units, activation: activation, useBias: useBias, rng: ctx.weightRNG) }
            return BuiltLayer(layer: layer, config: [("units", .int(Int64(units))), ("activation", .str(activation.rawValue)),
                                                     ("use_bias", .bool(useBias))])
        })

    static let embedding = KerasLayerClass(
        name: "Embedding",
        signature: KerasSignature("Embedding", [
            "input_dim", "output_dim", "embeddings_initializer='uniform'", "embeddings_regularizer=None",
            "embeddings_constraint=None", "mask_zero=False", "weights=None",
        ], extraKeywords: ["input_length"]),
        doc: """
            Turns non-negative integers (token indices) into dense vectors of fixed size: row i of \
            embeddings (input_dim, output_dim) for token i, so input_dim·output_dim parameters. With \
            mask_zero=True, index 0 is padding: the layer passes a (batch, timesteps) mask on to the \
            next layer (an LSTM then skips those steps), so input_dim must be the vocabulary size + 1.

            Call: layer(tokens) with integer tokens (batch, timesteps); returns (batch, timesteps, output_dim).
            """,
        make: { a, interp, ctx in
            let inputDim = try a.size("input_dim"), outputDim = try a.size("output_dim")
            try a.requireDefaults([("embeddings_initializer", "uniform"), ("embeddings_regularizer", nil),
                                   ("embeddings_constraint", nil)])
            if a.isSet("input_length") {
                interp.output.write("UserWarning: Argument `input_length` is deprecated. Just remove it.\n", stream: "stderr")
            }
            let maskZero = a.bool("mask_zero", default: false)
            let layer = try numpyCall { try Embedding(inputDim: inputDim, outputDim: outputDim, maskZero: maskZero, rng: ctx.weightRNG) }
            if let w = a["weights"], !w.isNone {
                // Keras accepts the matrix itself or a one-element list holding it.
                var ws = [w]
                if case .list(let l) = w, l.items.count == 1 { ws = l.items }
                try numpyCall { try layer.setWeights(try ws.map { try KerasValues.tensor($0, interp) }) }
            }
            return BuiltLayer(layer: layer, config: [("input_dim", .int(Int64(inputDim))), ("output_dim", .int(Int64(outputDim))),
                                                     ("mask_zero", .bool(maskZero))])
        })

    static let masking = KerasLayerClass(
        name: "Masking",
        signature: KerasSignature("Masking", ["mask_value=0.0"]),
        doc: """
            Masks timesteps whose features all equal mask_value: those steps come out as zeros and \
            the (batch, timesteps) mask goes on to the next layer, so a following LSTM skips them \
            (padded sequences give the same final output as unpadded ones). No weights.

            Call: layer(inputs) with inputs (batch, timesteps, features); returns the same shape.
            """,
        make: { a, _, _ in
            let value = try a.double("mask_value", default: 0)
            return BuiltLayer(layer: Masking(maskValue: Float(value)), config: [("mask_value", .float(value))])
        })

    static let bidirectional = KerasLayerClass(
        name: "Bidirectional",
        signature: KerasSignature("Bidirectional", ["layer", "merge_mode='concat'", "weights=None", "backward_layer=None"]),
        doc: """
            Bidirectional wrapper for RNNs: runs the wrapped layer forward and a copy of it with \
            go_backwards=True, then merges the two outputs on the last axis (merge_mode 'concat', \
            the default, doubles it; 'sum', 'mul', 'ave' keep it; None returns both). Twice the \
            wrapped layer's parameters; get_weights() lists the forward weights, then the backward ones.

            Call: layer(inputs, initial_state=None, mask=None, training=None) with inputs \
            (batch, timesteps, features); returns (batch, 2·units) for LSTM(units) with concat.
            """,
        make: { a, interp, _ in
            guard case .object(let inner as LayerObject) = a["layer"]!, let recurrent = inner.layer as? RecurrentLayer else {
                let got = (try? a["layer"]!.repr()) ?? "?"
                throw PyException(BuiltinTypes.valueError, "Please initialize `Bidirectional` layer with a recurrent layer (SimpleRNN, LSTM or GRU). Received: \(got)")
            }
            try a.requireOnly("backward_layer", ["None"], shownAs: "None (a reversed copy of the layer)")
            let mode = try mergeMode(a["merge_mode"])
            let layer = try numpyCall { try Bidirectional(recurrent, mergeMode: mode) }
            layer.backwardLayer.name = "backward_" + recurrent.name
            if let w = a["weights"], !w.isNone {
                try numpyCall { try layer.setWeights(try KerasValues.tensors(w, interp)) }
            }
            let forward = LayerObject(layer.forwardLayer, class: inner.layerClass, context: inner.context, config: inner.config)
            let backward = LayerObject(layer.backwardLayer, class: inner.layerClass, context: inner.context,
                                       config: inner.config.map { $0.0 == "go_backwards" ? ($0.0, .bool(!recurrent.goBackwards)) : $0 })
            return BuiltLayer(layer: layer, config: [("merge_mode", mode == .none ? .none : .str(mode.rawValue))],
                              wrapped: ["layer": inner, "forward_layer": forward, "backward_layer": backward])
        })

    /// Keras' merge_mode values: 'concat' (default), 'sum', 'mul', 'ave' or None.
    static func mergeMode(_ v: Value?) throws -> MergeMode {
        guard let v else { return .concat }
        if v.isNone { return .none }
        if case .str(let s) = v, s != "none", let m = MergeMode(rawValue: s) { return m }
        throw PyException(BuiltinTypes.valueError, "Invalid merge mode. Received: \((try? v.str()) ?? "?"). Merge mode should be one of {\"sum\", \"mul\", \"ave\", \"concat\", None}")
    }
}
