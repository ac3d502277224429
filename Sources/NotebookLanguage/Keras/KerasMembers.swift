import RNNRuntime

/// The classes and functions of one session's Keras, built once and placed in both the
/// `tensorflow.keras` and `keras` trees.
final class KerasMembers {
    /// What `keras.__version__` says: the Keras API this vocabulary follows, and whose it is.
    static let kerasVersion = "3.0.0-swift-rnn"

    let layerBase: PyType
    /// `keras.layers` in the order errors list them.
    private(set) var layers: [(String, Value)] = []
    private(set) var models: [(String, Value)] = []
    private(set) var utils: [(String, Value)] = []
    private(set) var backend: [(String, Value)] = []
    /// Names placed directly in `keras` / `tf.keras` (`Input`, `Sequential`).
    private(set) var topLevel: [(String, Value)] = []

    init(context: KerasContext) {
        layerBase = PyType(name: "Layer", base: BuiltinTypes.object,
                           doc: "The base class of every Keras layer (here for isinstance checks; defining new layers is not supported).")
        var types: [String: PyType] = [:]
        let classes = CoreLayerClasses.all.prefix(2) + RecurrentLayerClasses.all + CoreLayerClasses.all.dropFirst(2) + ModelLayerClasses.all
        for c in classes {
            let t = c.pythonType(base: layerBase, context: context)
            types[c.name] = t
            layers.append((c.name, .type(t)))
        }
        let input = KerasFunctions.input(context, inputLayerType: types["InputLayer"]!)
        layers.append(("Input", input))
        layers.append(("Layer", .type(layerBase)))
        let model = SequentialClass.modelType(base: layerBase)
        let sequential = Value.type(SequentialClass.pythonType(base: model, context: context))
        models = [("Sequential", sequential), ("Model", .type(model))]
        topLevel = [("Input", input), ("Sequential", sequential), ("Model", .type(model))]
        utils = KerasFunctions.utils(context)
        backend = KerasFunctions.backend(context)
    }
}
