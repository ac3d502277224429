import RNNRuntime

// Shape key: x (B, T, F) -> y (B, H), or (B, T, H) with return_sequences; states (B, H) each.

/// `SimpleRNN`, `LSTM` and `GRU` with Keras 3's signatures (`keras/src/layers/rnn/*.py`).
enum RecurrentLayerClasses {
    static var all: [KerasLayerClass] { [simpleRNN, lstm, gru] }

    private static let callText = """

        Call: layer(inputs, initial_state=None, mask=None, training=None)
          inputs: (batch, timesteps, features), a NumPy array or keras.Input.
          initial_state: a list of (batch, units) arrays (LSTM: [h, c]).
          mask: (batch, timesteps) booleans; masked steps keep the previous state.
        Returns (batch, units), or (batch, timesteps, units) with return_sequences=True;
        with return_state=True a list [output, h] (LSTM: [output, h, c]).
        """

    static let simpleRNN = KerasLayerClass(
        name: "SimpleRNN",
        signature: KerasSignature("SimpleRNN", [
            "units", "activation='tanh'", "use_bias=True", "kernel_initializer='glorot_uniform'",
            "recurrent_initializer='orthogonal'", "bias_initializer='zeros'", "kernel_regularizer=None",
            "recurrent_regularizer=None", "bias_regularizer=None", "activity_regularizer=None",
            "kernel_constraint=None", "recurrent_constraint=None", "bias_constraint=None", "dropout=0.0",
            "recurrent_dropout=0.0", "return_sequences=False", "return_state=False", "go_backwards=False",
            "stateful=False", "unroll=False", "seed=None",
        ]),
        doc: """
            Fully-connected RNN where the output is fed back as the next input: at each step \
            h = tanh(x·kernel + h·recurrent_kernel + bias). Weights: kernel (features, units), \
            recurrent_kernel (units, units), bias (units,), so units·(features + units) + units parameters.
            """ + callText,
        make: { a, _, ctx in try make(.simpleRNN, a, ctx) })

    static let lstm = KerasLayerClass(
        name: "LSTM",
        signature: KerasSignature("LSTM", [
            "units", "activation='tanh'", "recurrent_activation='sigmoid'", "use_bias=True",
            "kernel_initializer='glorot_uniform'", "recurrent_initializer='orthogonal'", "bias_initializer='zeros'",
            "unit_forget_bias=True", "kernel_regularizer=None", "recurrent_regularizer=None", "bias_regularizer=None",
            "activity_regularizer=None", "kernel_constraint=None", "recurrent_constraint=None", "bias_constraint=None",
            "dropout=0.0", "recurrent_dropout=0.0", "seed=None", "return_sequences=False", "return_state=False",
            "go_backwards=False", "stateful=False", "unroll=False", "use_cudnn='auto'",
        ], extraKeywords: ["implementation"]),
        doc: """
            Long Short-Term Memory layer (Hochreiter 1997). Each step computes four gates from \
            x·kernel + h·recurrent_kernel + bias in Keras' order i, f, c, o: c = f⊙c + i⊙tanh(z_c), \
            h = o⊙tanh(c). Weights: kernel (features, 4·units), recurrent_kernel (units, 4·units), \
            bias (4·units,), so 4·(units·(features + units) + units) parameters; unit_forget_bias \
            starts the forget-gate bias at 1.
            """ + callText,
        make: { a, _, ctx in try make(.lstm, a, ctx) })

    static let gru = KerasLayerClass(
        name: "GRU",
        signature: KerasSignature("GRU", [
            "units", "activation='tanh'", "recurrent_activation='sigmoid'", "use_bias=True",
            "kernel_initializer='glorot_uniform'", "recurrent_initializer='orthogonal'", "bias_initializer='zeros'",
            "kernel_regularizer=None", "recurrent_regularizer=None", "bias_regularizer=None",
            "activity_regularizer=None", "kernel_constraint=None", "recurrent_constraint=None", "bias_constraint=None",
            "dropout=0.0", "recurrent_dropout=0.0", "seed=None", "return_sequences=False", "return_state=False",
            "go_backwards=False", "stateful=False", "unroll=False", "reset_after=True", "use_cudnn='auto'",
        ], extraKeywords: ["implementation"]),
        doc: """
            Gated Recurrent Unit (Cho et al. 2014), gates in Keras' order z, r, h: \
            h = z⊙h_prev + (1 − z)⊙tanh(x·W_h + r⊙(h_prev·U_h)). Weights: kernel (features, 3·units), \
            recurrent_kernel (units, 3·units), bias (2, 3·units) with reset_after=True (the default, \
            3·units·(features + units) + 6·units parameters) or (3·units,) with reset_after=False.
            """ + callText,
        make: { a, _, ctx in try make(.gru(resetAfter: a.bool("reset_after", default: true)), a, ctx) })

    /// Reads the shared recurrent arguments; what the runtime cannot compute (other activations, initialisers) is a NotImplementedError.
    static func make(_ kind: RecurrentCellKind, _ a: KerasArguments, _ ctx: KerasContext) throws -> BuiltLayer {
        let units = try a.size("units")
        try a.requireOnly("activation", ["tanh"], shownAs: "'tanh'")
        if kind != .simpleRNN { try a.requireOnly("recurrent_activation", ["sigmoid"], shownAs: "'sigmoid'") }
        try a.requireDefaults([("kernel_initializer", "glorot_uniform"), ("recurrent_initializer", "orthogonal"),
                               ("bias_initializer", "zeros"), ("kernel_regularizer", nil), ("recurrent_regularizer", nil),
                               ("bias_regularizer", nil), ("kernel_constraint", nil), ("recurrent_constraint", nil),
                               ("bias_constraint", nil)])
        let useBias = a.bool("use_bias", default: true)
        let stateful = a.bool("stateful", default: false)
        if let cudnn = a["use_cudnn"] {
            switch cudnn {
            case .str("auto"), .bool(false): break
            case .bool(true):
                throw PyException(BuiltinTypes.valueError, "use_cudnn=True was specified, but cuDNN is not supported for this layer configuration with this backend. Pass use_cudnn='auto' to fallback to a non-cuDNN implementation.")
            default:
                throw PyException(BuiltinTypes.valueError, "Invalid valid received for argument `use_cudnn`. Expected one of {'auto', True, False}. Received: use_cudnn=\((try? cudnn.str()) ?? "?")")
            }
        }
        // Keras clips the rates into [0, 1].
        let dropout = Swift.min(1, Swift.max(0, try a.double("dropout", default: 0)))
        let recurrentDropout = Swift.min(1, Swift.max(0, try a.double("recurrent_dropout", default: 0)))
        let seed: Value = a.isSet("seed") ? .int(Int64(try a.int("seed"))) : .none
        let returnSequences = a.bool("return_sequences", default: false)
        let returnState = a.bool("return_state", default: false)
        let goBackwards = a.bool("go_backwards", default: false)
        let unitForgetBias = a.bool("unit_forget_bias", default: true)
        let layer = try numpyCall {
            try RecurrentLayer(kind: kind, units: units, returnSequences: returnSequences, returnState: returnState,
                               goBackwards: goBackwards, unitForgetBias: unitForgetBias, useBias: useBias,
                               stateful: stateful, rng: ctx.weightRNG)
        }
        // Training applies `dropout` to the inputs as Keras does; `recurrent_dropout` is the
        // runtime's NotImplementedError in training (fit, train_on_batch, a tape or training=True).
        layer.dropout = dropout
        layer.recurrentDropout = recurrentDropout
        var config: [(String, Value)] = [
            ("units", .int(Int64(units))), ("activation", .str("tanh")),
        ]
        if kind != .simpleRNN { config.append(("recurrent_activation", .str("sigmoid"))) }
        config.append(("use_bias", .bool(useBias)))
        if kind == .lstm { config.append(("unit_forget_bias", .bool(unitForgetBias))) }
        if case .gru(let resetAfter) = kind { config.append(("reset_after", .bool(resetAfter))) }
        config += [
            ("dropout", .float(dropout)), ("recurrent_dropout", .float(recurrentDropout)), ("seed", seed),
            ("return_sequences", .bool(returnSequences)), ("return_state", .bool(returnState)),
            ("go_backwards", .bool(goBackwards)), ("stateful", .bool(stateful)),
            ("unroll", .bool(a.bool("unroll", default: false))),
        ]
        return BuiltLayer(layer: layer, config: config)
    }
}
