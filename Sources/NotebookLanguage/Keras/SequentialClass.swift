import RNNRuntime

/// `keras.Sequential` / `keras.models.Sequential` and `keras.Model` as Python types.
enum SequentialClass {
    static let signature = KerasSignature("Sequential", ["layers=None", "trainable=True", "name=None"],
                                          isLayer: false, callName: "Sequential.__init__")

    static let doc = """
        A plain stack of layers, each feeding the next: Sequential([keras.Input(shape=(2, 10)), \
        LSTM(20), Dense(1)]). It builds as soon as it knows its input shape (from Input, a first \
        layer's input_shape=, or the first call), then summary() prints Keras' table of output \
        shapes and parameter counts, and predict(x) runs the forward pass.

        Call: model(inputs, training=None); returns the last layer's output(s).
        """

    static func pythonType(base: PyType, context: KerasContext) -> PyType {
        final class Holder { weak var type: PyType? }
        let holder = Holder()
        let type = PyType(name: "Sequential", base: base, doc: doc, signature: signature.text) { [weak context] args, interp in
            guard let context, let type = holder.type else {
                throw PyException(BuiltinTypes.runtimeError, "the Keras module of this session is gone")
            }
            let a = try signature.bind(args)
            let name = try a.layerName() ?? context.autoName("Sequential")
            let trainable = try a.trainable()
            let model = try numpyCall { try Sequential(name: name) }
            let object = ModelObject(model, class: type, context: context)
            if let layers = a["layers"], !layers.isNone {
                for layer in try interp.toArray(layers) { try object.add(layer, interp) }
            }
            if !trainable { model.trainable = false }
            return .object(object)
        }
        holder.type = type
        return type
    }

    /// `keras.Model`: the base of models, for isinstance; the functional API is not available yet.
    static func modelType(base: PyType) -> PyType {
        PyType(name: "Model", base: base, doc: "The base class of Keras models. Here only Sequential models are available; the functional API (Model(inputs, outputs)) and subclassing are not.", signature: "Model(inputs, outputs, name=None)") { _, _ in
            throw PyException(BuiltinTypes.notImplementedError, "keras.Model(inputs, outputs) (the functional API) is not available in this kernel yet; use keras.Sequential([...])")
        }
    }
}
