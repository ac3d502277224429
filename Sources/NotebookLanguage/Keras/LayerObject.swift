import RNNRuntime

// Shape key: B = batch, T = timesteps, F = features, H = units. A layer call takes x (B, ...) and
// gives Keras' outputs: one array, or a list with `return_state` (LSTM [y, h, c]) or a
// Bidirectional with merge_mode=None.

/// A Keras layer seen from the cell language (`tf.keras.layers.LSTM(20)`): calling it runs the
/// runtime's forward pass on a NumPy array; attributes and methods are Keras' (`weights`,
/// `get_weights()`, `count_params()`, `output_shape`...). Any `KerasLayer` binds the same way.
final class LayerObject: NativeObject {
    let layer: any KerasLayer
    let layerClass: PyType
    let context: KerasContext
    /// Keras' `get_config()` entries in Keras' order (the class's own arguments, resolved).
    let config: [(String, Value)]
    /// `input_shape=`/`input_dim=` given at construction: the per-sample shape, batch excluded.
    let declaredInputShape: [Int?]?
    /// The shape the layer was first called or built with, batch as None (Keras' `input_shape`).
    var builtInputShape: [Int?]?
    /// Layers this one wraps (Bidirectional, TimeDistributed), for `layer.layer` / `forward_layer`.
    let wrapped: [String: LayerObject]

    init(_ layer: any KerasLayer, class layerClass: PyType, context: KerasContext, config: [(String, Value)],
         declaredInputShape: [Int?]? = nil, wrapped: [String: LayerObject] = [:]) {
        self.layer = layer
        self.layerClass = layerClass
        self.context = context
        self.config = config
        self.declaredInputShape = declaredInputShape
        self.wrapped = wrapped
    }

    var typeName: String { layerClass.name }
    var pythonType: PyType { layerClass }
    var className: String { layerClass.name }
    var isRecurrent: Bool { layer is RecurrentLayer || layer is Bidirectional }

    /// Keras 3's repr: `<LSTM name=lstm, built=True>`.
    func repr() throws -> String { "<\(className) name=\(layer.name), built=\(layer.isBuilt ? "True" : "False")>" }

    var doc: String? { layerClass.doc }
    /// How the layer is called (shown by Shift-Tab on the layer and used for `name=` completion).
    var signature: String? {
        isRecurrent ? "\(layer.name)(inputs, initial_state=None, mask=None, training=None)"
                    : "\(layer.name)(inputs, mask=None, training=None)"
    }
    var isCallable: Bool { true }

    /// `layer(inputs, initial_state=None, mask=None, training=None)`.
    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        let names = isRecurrent ? ["inputs", "initial_state", "mask", "training"] : ["inputs", "mask", "training"]
        let a = try arguments.bind("\(className).call", names, required: 1)
        // Positions in `names`; a plain lookup rather than a dictionary (this runs on every call).
        func given(_ name: String) -> Value? { names.firstIndex(of: name).flatMap { a[$0] } }
        let inputs = a[0]!
        if case .object(let symbolic as KerasTensorObject) = inputs {
            return try callSymbolic(symbolic)
        }
        let x = try KerasValues.tensor(inputs, interpreter)
        var stateValues: [Value] = []
        if let s = given("initial_state"), !s.isNone {
            switch s {
            case .list, .tuple: stateValues = try interpreter.toArray(s)
            default: stateValues = [s]
            }
        }
        let states = try stateValues.map { try KerasValues.tensor($0, interpreter) }
        var mask: Tensor? = nil
        if let m = given("mask"), !m.isNone {
            mask = try KerasValues.tensor(m, interpreter)
        } else {
            mask = LossApplication.kerasMask(of: inputs, context)
        }
        let training = given("training")?.isTruthy ?? false
        // Inside `with tf.GradientTape()`: the call is one record on the tape (Keras/TapeLayerCalls.swift).
        if let tape = TapeOps.tape(for: [inputs] + stateValues, state: context.training) ?? context.training.recordingTape {
            return try callOnTape(tape, inputs: inputs, x: x, stateValues: stateValues, states: states, mask: mask, training: training)
        }
        let result = try numpyCall { try layer.call([x] + states, mask: mask, training: training) }
        if builtInputShape == nil { builtInputShape = [nil] + x.shape.dropFirst().map { Optional($0) } }
        let outputs = result.outputs.map { TensorObject($0) }
        if let outMask = result.outputMask, let first = outputs.first { context.masks.attach(outMask, to: first) }
        if outputs.count == 1 { return .object(outputs[0]) }
        return .list(outputs.map { .object($0) })
    }

    /// Calling on `tf.keras.Input(...)`: builds the layer and returns the symbolic outputs.
    func callSymbolic(_ input: KerasTensorObject) throws -> Value {
        let shapes: [[Int?]] = try numpyCall {
            try layer.build(inputShape: input.shape)
            return try layer.outputShapes(for: input.shape)
        }
        if builtInputShape == nil { builtInputShape = input.shape }
        let outputs = shapes.map { Value.object(KerasTensorObject(shape: $0, name: context.autoName("KerasTensor"))) }
        return outputs.count == 1 ? outputs[0] : .list(outputs)
    }

    /// Keras' `output_shape`: the output shape(s) for the input the layer was built with, batch None.
    func outputShapeValue() throws -> Value {
        guard let inShape = builtInputShape ?? declaredInputShape.map({ [nil] + $0 }) else {
            throw PyException(BuiltinTypes.attributeError, "The layer \(layer.name) has never been called and thus has no defined output shape.")
        }
        let shapes = try numpyCall { try layer.outputShapes(for: inShape) }
        if shapes.count == 1 { return KerasShapes.tuple(shapes[0]) }
        return .list(shapes.map(KerasShapes.tuple))
    }
}
