import RNNRuntime

// Shape key: x (B, ...) flows through the layers in order (predict and fit: ModelObject+Training.swift).

/// `keras.Sequential([...])` in a cell: a stack of layers with Keras' model API (`add`, `pop`,
/// `layers`, `summary()`, `predict`, `get_layer`, `output_shape`), itself callable and usable as a
/// layer. Layer attributes (`weights`, `count_params()`...) come from the same code as any layer's.
final class ModelObject: NativeObject {
    let model: Sequential
    /// The model seen as a layer (its call, weights, repr `<Sequential name=..., built=...>`).
    let core: LayerObject
    /// The cell values of `model.layers` (layer or model objects), kept beside the runtime's list.
    private(set) var layerValues: [Value] = []
    /// The InputLayer object, when the model was given one (`keras.Input` first, or `input_shape=`).
    private(set) var inputValue: LayerObject?
    /// What compile was given (ModelObject+Training.swift) and the History object last handed out.
    var compiled: Compiled?
    var lastHistory: HistoryObject?

    init(_ model: Sequential, class type: PyType, context: KerasContext) {
        self.model = model
        core = LayerObject(model, class: type, context: context, config: [])
    }

    var typeName: String { core.typeName }
    var pythonType: PyType { core.pythonType }
    func repr() throws -> String { try core.repr() }
    var doc: String? { core.doc }
    var signature: String? { "\(model.name)(inputs, training=None, mask=None)" }
    var isCallable: Bool { true }
    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        try core.call(arguments, interpreter: interpreter)
    }

    func layerValuesRemoveLast() -> Value? { layerValues.popLast() }

    /// Keras' `model.weights`: every layer's variables, named by the layer (`lstm/lstm_cell/kernel`).
    func variables(trainable: Bool?) -> [Value] {
        layerValues.flatMap { v -> [Value] in
            switch v {
            case .object(let l as LayerObject):
                if let t = trainable, t != l.layer.trainable { return [] }
                return l.variables()
            case .object(let m as ModelObject): return m.variables(trainable: trainable)
            default: return []
            }
        }
    }

    /// `model.add(layer)`: a layer, a model, or `keras.Input(...)` first.
    func add(_ value: Value, _ interp: Interpreter) throws {
        guard let (layer, shown) = KerasLayerValues.layer(value) else {
            throw PyException(BuiltinTypes.typeError, "The added layer must be an instance of class Layer. Received: layer=\((try? value.str()) ?? "?") of type <class '\(value.typeName)'>.")
        }
        // Keras 3 turns a first layer's `input_shape=` into an InputLayer.
        if model.layers.isEmpty, model.inputLayer == nil, case .object(let l as LayerObject) = shown, let declared = l.declaredInputShape {
            let input = try numpyCall { try InputLayer(shape: declared) }
            input.name = core.context.autoName("InputLayer")
            try numpyCall { try model.add(input) }
        }
        let previous = model.layers.last
        do {
            try numpyCall { try model.add(layer) }
        } catch let e as PyException {
            // The classic stacking mistake: a recurrent layer that returns only its last output
            // feeding another recurrent layer. Say which layer needs return_sequences=True.
            if let r = previous as? RecurrentLayer, !r.returnSequences, layer is RecurrentLayer || layer is Bidirectional,
               e.message.contains("expects input of rank 3") {
                throw PyException(e.type, e.message + ". The previous layer '\(r.name)' returns only its last output (batch, units); give it return_sequences=True to pass on every step (batch, timesteps, units)")
            }
            throw e
        }
        if let input = layer as? InputLayer {
            if case .object(let o as LayerObject) = shown { inputValue = o }
            _ = input
        } else {
            layerValues.append(shown)
        }
    }

    /// Keras' `model.summary()` text, printed line by line (to `print_fn` when given).
    func summary(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("summary", ["line_length", "positions", "print_fn", "expand_nested", "show_trainable", "layer_range"])
        for (i, name) in [(1, "positions"), (5, "layer_range")] where !(a[i]?.isNone ?? true) {
            throw PyException(BuiltinTypes.notImplementedError, "summary(\(name)=...) is not supported by this kernel yet")
        }
        if a[3]?.isTruthy == true || a[4]?.isTruthy == true {
            throw PyException(BuiltinTypes.notImplementedError, "summary(expand_nested=True / show_trainable=True) is not supported by this kernel yet")
        }
        let width = try a[0].flatMap { $0.isNone ? nil : try NumPyBridge.int($0) }
        if let width, !(1...10_000).contains(width) {
            throw PyException(BuiltinTypes.valueError, "summary(line_length=\(width)): expected a width between 1 and 10000 characters")
        }
        let text = try numpyCall { try model.summary(lineLength: width) }
        if let printer = a[2], !printer.isNone {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                _ = try interp.call(printer, [.str(String(line))])
            }
        } else {
            interp.output.write(text + "\n", stream: "stdout")
        }
        return .none
    }
}
