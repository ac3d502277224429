import RNNRuntime

/// A tensor computed while a `tf.GradientTape` records (TF's `EagerTensor`): its value plus the
/// runtime `TapeTensor` that links it to the tape, so `tape.gradient(loss, vars)` can walk back
/// through the ops that made it. Python operators and `tf.*` functions on it are recorded;
/// NumPy functions see its plain value (as NumPy does with TF tensors: no gradient through them).
/// `isinstance(t, tf.Tensor)` holds, and `t.numpy()` is an ndarray.
final class TrackedTensorObject: NativeObject, TensorConvertible {
    static let type = PyType(name: "EagerTensor", base: TensorObject.type,
                             doc: "A tensor recorded by a GradientTape: Python operators and tf.* functions on it are differentiable; .numpy() gives its values as an ndarray.")
    let tape: GradientTapeObject
    let node: TapeTensor
    /// The Keras mask that travels with a layer output (`_keras_mask`), used by the next layer and losses.
    let mask: Tensor?

    init(tape: GradientTapeObject, node: TapeTensor, mask: Tensor? = nil) {
        self.tape = tape
        self.node = node
        self.mask = mask
    }

    var value: Tensor { node.value }
    func tensorValue() throws -> Tensor { node.value }

    var typeName: String { "EagerTensor" }
    var pythonType: PyType { TrackedTensorObject.type }
    var isHashable: Bool { false }
    var doc: String? { TrackedTensorObject.type.doc }

    /// TF's eager repr: `<tf.Tensor: shape=(2,), dtype=float32, numpy=array([1., 2.], dtype=float32)>`.
    func repr() throws -> String {
        let v = value
        let numpy = v.ndim == 0 ? try NumPyBridge.scalar(v, at: 0).repr() : v.repr
        return "<tf.Tensor: shape=\(v.shapeDescription), dtype=\(v.dtype == .int64 ? "int64" : v.dtype.rawValue), numpy=\(v.ndim == 0 ? "" : "\n")\(numpy)>"
    }
    /// TF's str: `tf.Tensor(81.25, shape=(), dtype=float32)`, the values on their own lines when 2-D or more.
    func str() throws -> String {
        let v = value
        let numpy = v.ndim == 0 ? try NumPyBridge.scalar(v, at: 0).str() : v.description
        return "tf.Tensor(\(v.ndim > 1 ? "\n" : "")\(numpy), shape=\(v.shapeDescription), dtype=\(v.dtype == .int64 ? "int64" : v.dtype.rawValue))"
    }

    func length() throws -> Int? {
        guard let n = value.shape.first else { throw PyException(BuiltinTypes.typeError, "len() of unsized object") }
        return n
    }
    var isTruthy: Bool { TensorObject(value).isTruthy }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        guard let n = value.shape.first else { throw PyException(BuiltinTypes.typeError, "Cannot iterate over a scalar tensor.") }
        var i = 0
        return PyIterator(typeName: "iterator") {
            guard i < n else { return nil }
            defer { i += 1 }
            return try self.getItem(.int(Int64(i)))
        }
    }

    var attributeNames: [String] { ["shape", "dtype", "ndim", "numpy", "T"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "shape": return .tuple(value.shape.map { .int(Int64($0)) })
        case "ndim": return .int(Int64(value.ndim))
        case "dtype": return .object(DTypeObject(value.dtype))
        case "T": return try TapeOps.unary(.object(self), nil) { tape, x in try tape.transpose(x) } fallback: { $0.T }
        case "numpy":
            return .builtin(BuiltinFunction(name: "numpy", signature: "numpy()", doc: "The tensor's values as an ndarray (no longer tracked).") { args, _ in
                _ = try args.bind("numpy", [])
                return .object(TensorObject(self.value))
            })
        case "__float__":
            return .builtin(BuiltinFunction(name: "__float__", signature: "__float__()", doc: "The value of a one-element tensor.") { _, _ in
                guard self.value.size == 1 else {
                    throw PyException(BuiltinTypes.typeError, "only length-1 arrays can be converted to Python scalars")
                }
                return .float(try numpyCall { try self.value.item() })
            })
        default: return nil
        }
    }

    func getItem(_ key: Value) throws -> Value? {
        let items = try NumPyBridge.indices(key)
        return try TapeOps.unary(.object(self), nil) { tape, x in try tape.index(x, items) } fallback: { try $0[items] }
    }

    func binaryOperation(_ op: BinaryOperator, other: Value, reflected: Bool) throws -> Value? {
        try TapeOps.binary(op, .object(self), other, reflected: reflected)
    }

    func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        switch op {
        case .negate: return try TapeOps.unary(.object(self), nil) { tape, x in tape.negate(x) } fallback: { -$0 }
        case .plus: return .object(self)
        case .invert: return nil
        }
    }

    func compare(_ op: ComparisonOperator, other: Value) throws -> Value? {
        // Comparisons have no gradient: they answer on the values, as NumPy arrays.
        let o: Value
        if case .object(let c as any TensorConvertible) = other { o = .object(TensorObject(try c.tensorValue())) } else { o = other }
        return try TensorObject(value).compare(op, other: o)
    }
}
