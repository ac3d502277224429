import RNNRuntime

/// `tf.Variable(initial_value, trainable=True, name=None)`: a float32 tensor with identity that
/// a gradient tape watches when it is read inside the `with` block (trainable ones), and that
/// optimizers update in place.
final class TFVariableObject: NativeObject, TensorConvertible {
    static let type = PyType(name: "ResourceVariable", base: VariableObject.type, doc: """
        A mutable float32 tensor: read it in tf.* ops or Python operators (recorded inside a \
        GradientTape when trainable), change it with assign/assign_add/assign_sub or an optimizer.
        """, signature: "Variable(initial_value, trainable=True, name=None, dtype=None)")

    let variable: Variable
    weak var state: TrainingState?

    init(_ variable: Variable, state: TrainingState?) {
        self.variable = variable
        self.state = state
    }

    func tensorValue() throws -> Tensor { variable.value }

    var typeName: String { "ResourceVariable" }
    var pythonType: PyType { TFVariableObject.type }
    var doc: String? { TFVariableObject.type.doc }

    /// TF's repr: `<tf.Variable 'w:0' shape=(2,) dtype=float32, numpy=array([1., 2.], dtype=float32)>`.
    func repr() throws -> String {
        let v = variable.value
        let numpy = v.ndim == 0 ? try NumPyBridge.scalar(v, at: 0).repr() : v.repr
        return "<tf.Variable '\(variable.name):0' shape=\(v.shapeDescription) dtype=float32, numpy=\(v.ndim == 0 ? "" : "\n")\(numpy)>"
    }

    var attributeNames: [String] { ["name", "shape", "dtype", "ndim", "trainable", "numpy", "value", "read_value", "assign", "assign_add", "assign_sub"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: sig, doc: doc, body))
        }
        switch name {
        case "name": return .str("\(variable.name):0")
        case "shape": return .tuple(variable.shape.map { .int(Int64($0)) })
        case "ndim": return .int(Int64(variable.shape.count))
        case "dtype": return .object(DTypeObject(.float32))
        case "trainable": return .bool(variable.trainable)
        case "numpy":
            return method("numpy()", "The current value as an ndarray (a copy).") { args, _ in
                _ = try args.bind("numpy", [])
                return .object(TensorObject(self.variable.value))
            }
        case "value", "read_value":
            return method("\(name)()", "The current value (recorded as a read inside a GradientTape).") { args, _ in
                _ = try args.bind(name, [])
                return try TapeOps.unary(.object(self), self.state, { _, x in x }, fallback: { $0 })
            }
        case "assign", "assign_add", "assign_sub":
            return method("\(name)(value)", name == "assign" ? "Replaces the value (same shape)." : "Adds (or subtracts) value in place.") { args, interp in
                let a = try args.bind(name, ["value", "use_locking", "name", "read_value"], required: 1)
                let delta = try TapeOps.plainTensor(a[0]!)
                try numpyCall {
                    switch name {
                    case "assign": try self.variable.assign(try delta.astype(.float32))
                    case "assign_add": try self.variable.assignAdd(delta)
                    default: try self.variable.assignSub(delta)
                    }
                }
                return .object(self)
            }
        case "__float__":
            return method("__float__()", "The value of a one-element variable.") { _, _ in
                .float(try numpyCall { try self.variable.value.item() })
            }
        default: return nil
        }
    }

    func setAttribute(_ name: String, value: Value) throws -> Bool {
        guard name == "trainable" else { return false }
        variable.trainable = value.isTruthy
        return true
    }

    func getItem(_ key: Value) throws -> Value? {
        let items = try NumPyBridge.indices(key)
        return try TapeOps.unary(.object(self), state) { tape, x in try tape.index(x, items) } fallback: { try $0[items] }
    }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        try TapeOps.binary(op, .object(self), other, reflected: reflected, state: state)
    }

    func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        switch op {
        case .negate: return try TapeOps.unary(.object(self), state) { tape, x in tape.negate(x) } fallback: { -$0 }
        case .plus: return try TapeOps.unary(.object(self), state, { _, x in x }, fallback: { $0 })
        case .invert: return nil
        }
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        try TensorObject(variable.value).compare(op, other: try TapeOps.plainValue(other))
    }

    func length() throws -> Int? {
        guard let n = variable.shape.first else { throw PyException(BuiltinTypes.typeError, "len() of unsized object") }
        return n
    }
}

/// Conversions between cell values and the runtime's training types.
enum TrainingValues {
    /// A layer weight's view as the runtime variable optimizers and tapes key by (layer, index).
    static func runtimeVariable(_ v: VariableObject) -> Variable {
        Variable(layer: v.owner, index: v.index, name: v.name, trainable: v.owner.trainable)
    }

    /// A variable cell value (layer weight or tf.Variable) as a runtime variable.
    static func variable(_ v: Value) -> Variable? {
        switch v {
        case .object(let tv as TFVariableObject): return tv.variable
        case .object(let lv as VariableObject): return runtimeVariable(lv)
        default: return nil
        }
    }
}
