import RNNRuntime

/// `layer.explain(inputs)` / `model.explain(inputs)`: prints the runtime's `ShapeExplainer` text,
/// e.g. `(batch=3, timesteps=2, features=10) -> LSTM(20) -> (batch=3, units=20)` with the
/// parameter counts and weight shapes behind it.
enum ShapeExplainerBinding {
    static let doc = """
        Prints how the axes of inputs flow through this layer or model, with named axes \
        ((batch=3, timesteps=2, features=10) -> LSTM(20) -> (batch=3, units=20)), the parameter \
        count and the weight shapes behind it. inputs is an array (its shape is used; nothing is \
        computed or built), a keras.Input(...), or a shape tuple such as (None, 2, 10).
        """

    static func explain(_ layer: any KerasLayer, _ inputs: Value, _ interp: Interpreter) throws {
        let shape = try inputShape(inputs, interp)
        let text = try numpyCall { try ShapeExplainer.explain(layer, inputShape: shape) }
        interp.output.write(text + "\n", stream: "stdout")
    }

    /// The shape to explain for: an array's shape, a KerasTensor's, or a tuple read as a shape.
    static func inputShape(_ v: Value, _ interp: Interpreter) throws -> [Int?] {
        switch v {
        case .object(let t as KerasTensorObject): return t.shape
        case .tuple(let items) where !items.isEmpty && items.allSatisfy({ if case .int = $0 { return true }; return $0.isNone }):
            return try KerasShapes.sampleShape(v, interp, what: "input_shape")
        default:
            return SymbolicShape.of(try KerasValues.tensor(v, interp).shape)
        }
    }
}

/// `save_weights` / `load_weights` with Python's file errors (the format is the runtime's `.npz`,
/// one array per weight named by Keras' saving keys; numpy.load reads it).
enum WeightFileBinding {
    static func save(_ layer: any KerasLayer, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("save_weights", ["filepath", "overwrite", "max_shard_size"], required: 1)
        let path = try BinaryFile.path(a[0]!)
        do {
            try numpyCall { try layer.saveWeights(path) }
        } catch is NPYError {
            // Reproduce the failure through open(2) for Python's errno wording.
            try BinaryFile.write(path, [])
            throw PyException(BuiltinTypes.osError, "could not write the weights to '\(path)'")
        }
        return .none
    }

    static func load(_ layer: any KerasLayer, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("load_weights", ["filepath", "skip_mismatch"], required: 1)
        if a[1]?.isTruthy == true {
            throw PyException(BuiltinTypes.notImplementedError, "load_weights(skip_mismatch=True) is not supported by this kernel yet; every weight must match")
        }
        let path = try BinaryFile.path(a[0]!)
        _ = try BinaryFile.read(path)   // a missing or unreadable file is Python's OSError
        do {
            try numpyCall { try layer.loadWeights(path) }
        } catch let e as NPYError {
            throw PyException(BuiltinTypes.valueError, e.message)
        }
        return .none
    }
}
