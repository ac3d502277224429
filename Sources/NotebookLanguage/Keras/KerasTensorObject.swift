import RNNRuntime

/// A symbolic tensor (Keras' `KerasTensor`): what `tf.keras.Input(shape=(2, 10))` returns and what
/// a layer called on one returns. It has a shape with None for unknown sizes and no values; a
/// Sequential model takes its shape, and layers called on it build and report their output shapes.
final class KerasTensorObject: NativeObject {
    static let type = PyType(name: "KerasTensor", base: BuiltinTypes.object,
                             doc: "A symbolic tensor: a shape (None for unknown sizes) and a dtype, no values. Made by keras.Input(shape=...) and by calling layers on one.")
    let shape: [Int?]
    let name: String
    /// The InputLayer that made this tensor (`keras.Input`), if any.
    let inputLayer: LayerObject?

    init(shape: [Int?], name: String, inputLayer: LayerObject? = nil) {
        self.shape = shape
        self.name = name
        self.inputLayer = inputLayer
    }

    var typeName: String { "KerasTensor" }
    var pythonType: PyType { KerasTensorObject.type }
    func repr() throws -> String {
        "<KerasTensor shape=\(SymbolicShape.describe(shape)), dtype=float32, sparse=False, name=\(name)>"
    }
    var doc: String? { KerasTensorObject.type.doc }

    var attributeNames: [String] { ["shape", "dtype", "name", "ndim"] }
    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "shape": return KerasShapes.tuple(shape)
        case "dtype": return .str("float32")
        case "name": return .str(name)
        case "ndim": return .int(Int64(shape.count))
        default: return nil
        }
    }

    func length() throws -> Int? {
        guard let n = shape.first, let n else {
            throw PyException(BuiltinTypes.typeError, "len() of a KerasTensor with unknown first dimension (shape \(SymbolicShape.describe(shape)))")
        }
        return n
    }
}
