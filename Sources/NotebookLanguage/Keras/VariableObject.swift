import RNNRuntime

/// One weight of a layer as Keras shows it in `layer.weights`: a live view (it reads the layer's
/// current value, so `set_weights` is seen), with `name`, `path`, `shape`, `numpy()` and `assign`.
final class VariableObject: NativeObject {
    static let type = PyType(name: "Variable", base: BuiltinTypes.object,
                             doc: "A layer weight (Keras' Variable): read it with .numpy(), replace it with .assign(value).")
    let owner: any KerasLayer
    let index: Int
    let name: String
    let path: String

    init(owner: any KerasLayer, index: Int, name: String, path: String) {
        self.owner = owner
        self.index = index
        self.name = name
        self.path = path
    }

    var typeName: String { "Variable" }
    var pythonType: PyType { VariableObject.type }
    var isHashable: Bool { true }

    /// The weight's current value; an error if the layer lost it (a rebuild with fewer weights).
    func value() throws -> Tensor {
        let w = owner.weights
        guard index < w.count else { throw PyException(BuiltinTypes.valueError, "The variable \(path) no longer exists in layer '\(owner.name)'") }
        return w[index]
    }

    /// Keras 3: `<KerasVariable shape=(10, 80), dtype=float32, path=lstm/lstm_cell/kernel>`.
    func repr() throws -> String {
        "<KerasVariable shape=\(try value().shapeDescription), dtype=float32, path=\(path)>"
    }
    var doc: String? { VariableObject.type.doc }

    var attributeNames: [String] { ["name", "path", "shape", "dtype", "trainable", "value", "numpy", "assign"] }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "name": return .str(name)
        case "path": return .str(path)
        case "shape": return .tuple(try value().shape.map { .int(Int64($0)) })
        case "dtype": return .str("float32")
        case "trainable": return .bool(owner.trainable)
        case "value": return .object(TensorObject(try value()))
        case "numpy":
            return .builtin(BuiltinFunction(name: "numpy", signature: "numpy()", doc: "The weight's current value as a NumPy array (a copy).") { args, _ in
                _ = try args.bind("numpy", [])
                return .object(TensorObject(try self.value()))
            })
        case "assign":
            return .builtin(BuiltinFunction(name: "assign", signature: "assign(value)", doc: "Replaces the weight's value (same shape).") { args, interp in
                let a = try args.bind("assign", ["value"], required: 1)
                var all = self.owner.weights
                guard self.index < all.count else { return .none }
                all[self.index] = try KerasValues.tensor(a[0]!, interp)
                try numpyCall { try self.owner.setWeights(all) }
                return .object(self)
            })
        default: return nil
        }
    }

    /// Arithmetic on a variable works on its value, as with Keras' variables.
    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        try TensorObject(try value()).binaryOperation(op, other: other, reflected: reflected)
    }
}
