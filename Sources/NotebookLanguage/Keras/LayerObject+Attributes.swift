import RNNRuntime

/// Keras' layer attributes and methods: `name`, `built`, `weights`, `get_weights()`,
/// `set_weights()`, `count_params()`, `output_shape`, `get_config()`, the class's own arguments
/// (`units`, `return_sequences`...).
extension LayerObject {
    static let commonAttributes = ["name", "built", "trainable", "dtype", "weights", "trainable_weights",
                                   "trainable_variables", "non_trainable_variables",
                                   "non_trainable_weights", "variables", "get_weights", "set_weights",
                                   "count_params", "input_shape", "output_shape", "get_config",
                                   "compute_output_shape", "compute_mask", "build", "explain"]

    var attributeNames: [String] {
        var names = LayerObject.commonAttributes + config.map(\.0) + wrapped.keys.sorted()
        names += namedWeights.map(\.0)
        if layer is RecurrentLayer { names.append("reset_states") }
        return Array(Set(names)).sorted()
    }

    /// Weights Keras exposes as attributes of the layer itself (`dense.kernel`, `embedding.embeddings`).
    var namedWeights: [(String, Int)] {
        guard layer is Dense || layer is Embedding else { return [] }
        return layer.weightNames.enumerated().map { ($1, $0) }
    }

    /// Keras' variable paths: `lstm/lstm_cell/kernel`, `dense/bias`, `bidirectional/forward_lstm/lstm_cell/kernel`.
    var weightPaths: [String] {
        let names = layer.weightNames
        if let r = layer as? RecurrentLayer {
            let cell = LayerNamer.snakeCase(r.className) + "_cell"
            return names.map { "\(layer.name)/\(cell)/\($0)" }
        }
        if let b = layer as? Bidirectional {
            // Keras names the halves after the wrapped layer's own name: forward_lstm_5, backward_lstm_5.
            let cell = LayerNamer.snakeCase(b.forwardLayer.className) + "_cell"
            let inner = b.forwardLayer.name
            let half = names.count / 2
            return names.enumerated().map { i, n in
                let leaf = n.split(separator: "/").last.map(String.init) ?? n
                return "\(layer.name)/\(i < half ? "forward" : "backward")_\(inner)/\(cell)/\(leaf)"
            }
        }
        return names.map { "\(layer.name)/\($0)" }
    }

    func variables() -> [Value] {
        let names = layer.weightNames, paths = weightPaths
        return layer.weights.indices.map { i in
            let name = i < names.count ? names[i].split(separator: "/").last.map(String.init) ?? names[i] : "weight_\(i)"
            let path = i < paths.count ? paths[i] : "\(layer.name)/\(name)"
            return .object(VariableObject(owner: layer, index: i, name: name, path: path))
        }
    }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: attribute, signature: sig, doc: doc, body))
        }
        switch attribute {
        case "name": return .str(layer.name)
        case "built": return .bool(layer.isBuilt)
        case "trainable": return .bool(layer.trainable)
        case "dtype": return .str("float32")
        case "weights", "variables": return .list(variables())
        case "trainable_weights", "trainable_variables": return .list(layer.trainable ? variables() : [])
        case "non_trainable_weights", "non_trainable_variables": return .list(layer.trainable ? [] : variables())
        case "input_shape":
            guard let s = builtInputShape ?? declaredInputShape.map({ [nil] + $0 }) else {
                throw PyException(BuiltinTypes.attributeError, "The layer \(layer.name) has never been called and thus has no defined input shape.")
            }
            return KerasShapes.tuple(s)
        case "output_shape": return try outputShapeValue()
        case "get_weights":
            return method("get_weights()", "The layer's weights as a list of NumPy arrays, in Keras' order (LSTM: kernel, recurrent_kernel, bias).") { args, _ in
                _ = try args.bind("get_weights", [])
                return .list(self.layer.weights.map { .object(TensorObject($0)) })
            }
        case "set_weights":
            return method("set_weights(weights)", "Replaces the weights from a list of NumPy arrays with the shapes get_weights() returns.") { args, interp in
                let a = try args.bind("set_weights", ["weights"], required: 1)
                let ws = try KerasValues.tensors(a[0]!, interp)
                try numpyCall { try self.layer.setWeights(ws) }
                return .none
            }
        case "count_params":
            return method("count_params()", "The number of weight elements (a ValueError before the layer is built).") { args, _ in
                _ = try args.bind("count_params", [])
                return .int(Int64(try numpyCall { try self.layer.countParamsBuilt() }))
            }
        case "get_config":
            return method("get_config()", "The layer's configuration as a dict (its constructor arguments).") { args, _ in
                _ = try args.bind("get_config", [])
                let d = PyDict()
                try d.set(.str("name"), .str(self.layer.name))
                try d.set(.str("trainable"), .bool(self.layer.trainable))
                try d.set(.str("dtype"), .str("float32"))
                for (k, v) in self.config { try d.set(.str(k), v) }
                return .dict(d)
            }
        case "compute_output_shape":
            return method("compute_output_shape(input_shape)", "The output shape(s) for an input of input_shape (batch included, None allowed).") { args, interp in
                let a = try args.bind("compute_output_shape", ["input_shape"], required: 1)
                let shape = try KerasShapes.sampleShape(a[0]!, interp, what: "input_shape")
                let out = try numpyCall { try self.layer.outputShapes(for: shape) }
                return out.count == 1 ? KerasShapes.tuple(out[0]) : .list(out.map(KerasShapes.tuple))
            }
        case "compute_mask":
            return method("compute_mask(inputs, mask=None)", "The mask this layer passes on for inputs (None when it passes none).") { args, interp in
                let a = try args.bind("compute_mask", ["inputs", "mask"], required: 1)
                let x = try KerasValues.tensor(a[0]!, interp)
                let m = try a[1].flatMap { $0.isNone ? nil : try KerasValues.tensor($0, interp) }
                let out = try numpyCall { try self.layer.call([x], mask: m, training: false) }
                return out.outputMask.map { .object(TensorObject($0)) } ?? .none
            }
        case "build":
            return method("build(input_shape)", "Creates the weights for inputs of input_shape (batch included, None allowed).") { args, interp in
                let a = try args.bind("build", ["input_shape"], required: 1)
                let shape = try KerasShapes.sampleShape(a[0]!, interp, what: "input_shape")
                try numpyCall { try self.layer.build(inputShape: shape) }
                if self.builtInputShape == nil { self.builtInputShape = [nil] + shape.dropFirst() }
                return .none
            }
        case "explain":
            return method("explain(inputs)", ShapeExplainerBinding.doc) { args, interp in
                let a = try args.bind("explain", ["inputs"], required: 1)
                try ShapeExplainerBinding.explain(self.layer, a[0]!, interp)
                return .none
            }
        case "reset_states" where layer is RecurrentLayer:
            return method("reset_states()", "Resets the carried state of a stateful recurrent layer to zeros (nothing to reset otherwise).") { args, _ in
                _ = try args.bind("reset_states", [])
                (self.layer as? RecurrentLayer)?.resetStates()
                return .none
            }
        default:
            if let v = config.first(where: { $0.0 == attribute })?.1 { return v }
            if let w = wrapped[attribute] { return .object(w) }
            if let (_, i) = namedWeights.first(where: { $0.0 == attribute }) {
                let vars = variables()
                guard i < vars.count else { return nil }
                return vars[i]
            }
            return nil
        }
    }

    func setAttribute(_ attribute: String, value: Value) throws -> Bool {
        switch attribute {
        case "name":
            guard case .str(let s) = value else { throw PyException(BuiltinTypes.typeError, "layer.name must be a string") }
            layer.name = s
            return true
        case "trainable":
            layer.trainable = value.isTruthy
            return true
        default:
            if LayerObject.commonAttributes.contains(attribute) || config.contains(where: { $0.0 == attribute }) {
                throw PyException(BuiltinTypes.attributeError, "property '\(attribute)' of '\(className)' object has no setter")
            }
            return false
        }
    }
}
