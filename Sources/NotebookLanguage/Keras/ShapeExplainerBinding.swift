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
