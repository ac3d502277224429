import RNNRuntime

/// Keras functions outside the layer classes: `Input`, `utils.to_categorical`,
/// `utils.set_random_seed`, `backend.clear_session`.
enum KerasFunctions {
    static let inputSignature = KerasSignature("Input", [
        "shape=None", "batch_size=None", "dtype=None", "sparse=None", "batch_shape=None", "name=None",
        "tensor=None", "optional=False",
    ], isLayer: false)

    /// `keras.Input(shape=(2, 10))`: a symbolic (None, 2, 10) tensor to start a model from.
    static func input(_ context: KerasContext, inputLayerType: PyType) -> Value {
        .builtin(BuiltinFunction(name: "Input", signature: inputSignature.text, doc: """
            A symbolic input: shape is one sample's shape, batch excluded (None for a size that may \
            vary, such as timesteps). Put it first in a Sequential, or call layers on it to see the \
            shapes they produce without any data: LSTM(20)(keras.Input(shape=(2, 10))).shape is (None, 20).
            """) { [weak context] args, interp in
            guard let context else { throw PyException(BuiltinTypes.runtimeError, "the Keras module of this session is gone") }
            let a = try inputSignature.bind(args)
            try a.requireOnly("sparse", ["None", "False"], shownAs: "False")
            try a.requireOnly("tensor", ["None"], shownAs: "None")
            try a.requireOnly("optional", ["False"], shownAs: "False")
            let shape: [Int?], batch: Int?
            if a.isSet("batch_shape") {
                let full = try KerasShapes.sampleShape(a["batch_shape"]!, interp, what: "batch_shape")
                guard let first = full.first else { throw PyException(BuiltinTypes.valueError, "`batch_shape` must have at least one entry") }
                batch = first
                shape = Array(full.dropFirst())
            } else if a.isSet("shape") {
                batch = a.isSet("batch_size") ? try a.int("batch_size") : nil
                shape = try KerasShapes.sampleShape(a["shape"]!, interp, what: "shape")
            } else {
                throw PyException(BuiltinTypes.valueError, "You must pass a `shape` argument.")
            }
            let dtype = try ModelLayerClasses.inputDType(a["dtype"])
            // Keras: the InputLayer takes the given name (or `input_layer`), the tensor the given
            // name (or `keras_tensor`).
            let given = try a.string("name")
            let layer = try numpyCall { try InputLayer(shape: shape, batchSize: batch, dtype: dtype) }
            layer.name = given ?? context.autoName("InputLayer")
            let object = LayerObject(layer, class: inputLayerType, context: context,
                                     config: [("batch_shape", KerasShapes.tuple([batch] + shape)),
                                              ("dtype", .str(dtype == .float32 ? "float32" : "int32"))])
            let name = given ?? context.autoName("KerasTensor")
            return .object(KerasTensorObject(shape: [batch] + shape, name: name, inputLayer: object))
        })
    }

    static func utils(_ context: KerasContext) -> [(String, Value)] {
        let toCategorical = BuiltinFunction(name: "to_categorical", signature: "to_categorical(x, num_classes=None)", doc: """
            Converts a class vector (integers 0..num_classes-1) to a one-hot float32 matrix of shape \
            x.shape + (num_classes,) (a trailing axis of length 1 is dropped first, as Keras does); \
            num_classes defaults to max(x) + 1.
            """) { args, interp in
            let a = try args.bind("to_categorical", ["x", "num_classes"], required: 1)
            var x = try NumPyBridge.tensor(a[0]!, interp)
            x = try numpyCall { try x.astype(.int64) }
            if x.ndim > 1, x.shape.last == 1 { x = try numpyCall { try x.reshape(Array(x.shape.dropLast())) } }
            let values = x.ints
            var n: Int
            if let v = a[1], !v.isNone { n = try NumPyBridge.int(v) } else { n = Int(Swift.min(values.max() ?? -1, Int64(Shape.maxElements))) + 1 }
            guard n >= 0 else { throw PyException(BuiltinTypes.valueError, "num_classes must be non-negative, got \(n)") }
            if let bad = values.first(where: { $0 < -Int64(n) || $0 >= Int64(n) }) {
                throw PyException(BuiltinTypes.indexError, "index \(bad) is out of bounds for axis 1 with size \(n)")
            }
            // NumPy indexing wraps negative classes (-1 is the last); tf.one_hot would give zeros.
            let wrapped = try numpyCall { try Tensor(shape: x.shape, values: values.map { $0 < 0 ? $0 + Int64(n) : $0 }) }
            return .object(TensorObject(try numpyCall { try Tensor.oneHot(wrapped, depth: n) }))
        }
        let setSeed = BuiltinFunction(name: "set_random_seed", signature: "set_random_seed(seed)", doc: """
            Seeds every generator a notebook uses at once: Python's random, numpy.random and the one \
            new layers draw their initial weights from (tf.random.set_seed), so a run repeats exactly.
            """) { [weak context] args, interp in
            let a = try args.bind("set_random_seed", ["seed"], required: 1)
            guard case .int(let seed) = a[0]! else {
                throw PyException(BuiltinTypes.valueError, "Expected `seed` argument to be an integer. Received: seed=\((try? a[0]!.str()) ?? "?") (of type <class '\(a[0]!.typeName)'>)")
            }
            if case .builtin(let f)? = try interp.importModule(["random"])["seed"] { _ = try f.impl(Arguments([.int(seed)]), interp) }
            if case .module(let r)? = try interp.importModule(["numpy"])["random"], case .builtin(let f)? = r["seed"] {
                _ = try f.impl(Arguments([.int(seed)]), interp)
            }
            try context.map { c in try numpyCall { try c.weightRNG.seed(Int(seed)) } }
            return .none
        }
        return [("to_categorical", .builtin(toCategorical)), ("set_random_seed", .builtin(setSeed))]
    }

    static func backend(_ context: KerasContext) -> [(String, Value)] {
        let clear = BuiltinFunction(name: "clear_session", signature: "clear_session(free_memory=True)", doc: """
            Resets Keras' automatic layer names, so the next LSTM is called 'lstm' again. Layers \
            already made keep their names and weights.
            """) { [weak context] args, _ in
            _ = try args.bind("clear_session", ["free_memory"])
            context?.clearSession()
            return .none
        }
        return [("clear_session", .builtin(clear))]
    }
}
