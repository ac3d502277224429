import RNNRuntime

/// Recording ops of cell values on a gradient tape. An op records when one of its operands is a
/// tensor tracked by a recording tape, or reads a variable (or a watched array) while a tape
/// records; every other operand enters the tape as a constant. Without a tape the same op runs
/// on plain values (the `fallback`), so `tf.reduce_mean(x)` is one function in and out of tapes.
enum TapeOps {
    /// The tape an op on `values` records on, if any.
    static func tape(for values: [Value], state: TrainingState?) -> GradientTapeObject? {
        for v in values {
            if case .object(let t as TrackedTensorObject) = v, t.tape.tape.isRecording { return t.tape }
        }
        var recording = state?.recordingTape
        if recording == nil {
            for v in values { if case .object(let tv as TFVariableObject) = v { recording = tv.state?.recordingTape; break } }
        }
        guard let tape = recording else { return nil }
        return values.contains(where: tape.reads) ? tape : nil
    }

    /// `v` as a node of `tape`: its own node, a variable read, a watched leaf, or a constant.
    static func operand(_ v: Value, on tape: GradientTapeObject) throws -> TapeTensor {
        switch v {
        case .object(let t as TrackedTensorObject) where t.tape === tape: return t.node
        case .object(let t as TrackedTensorObject): return tape.tape.constant(t.value)
        case .object(let variable as TFVariableObject): return tape.tape.read(variable.variable)
        case .object(let variable as VariableObject): return tape.tape.read(TrainingValues.runtimeVariable(variable))
        case .object(let array as TensorObject):
            if let leaf = tape.watchedLeaf(of: array) { return leaf }
            return tape.tape.constant(array.tensor)
        default:
            return tape.tape.constant(try plainTensor(v))
        }
    }

    /// The values of an operand, tracked or not (numbers become 0-d arrays).
    static func plainTensor(_ v: Value) throws -> Tensor {
        switch v {
        case .object(let c as any TensorConvertible): return try c.tensorValue()
        case .object(let variable as VariableObject): return try variable.value()
        default: return try NumPyBridge.tensor(v)
        }
    }

    /// A plain cell value for NumPy's operators (tracked tensors and variables as ndarrays).
    static func plainValue(_ v: Value) throws -> Value {
        switch v {
        case .object(let c as any TensorConvertible): return .object(TensorObject(try c.tensorValue()))
        case .object(let variable as VariableObject): return .object(TensorObject(try variable.value()))
        default: return v
        }
    }

    static func tracked(_ node: TapeTensor, _ tape: GradientTapeObject, mask: Tensor? = nil) -> Value {
        .object(TrackedTensorObject(tape: tape, node: node, mask: mask))
    }

    /// A one-input op: recorded on the input's tape, else computed on its values.
    static func unary(_ v: Value, _ state: TrainingState?, _ op: (GradientTape, TapeTensor) throws -> TapeTensor,
                      fallback: (Tensor) throws -> Tensor) throws -> Value {
        if let tape = tape(for: [v], state: state) {
            let x = try operand(v, on: tape)
            return tracked(try numpyCall { try op(tape.tape, x) }, tape)
        }
        let t = try plainTensor(v)
        return NumPyBridge.wrap(try numpyCall { try fallback(t) })
    }

    /// An op of several inputs (tf.matmul, tf.concat...).
    static func nary(_ values: [Value], _ state: TrainingState?, _ op: (GradientTape, [TapeTensor]) throws -> TapeTensor,
                     fallback: ([Tensor]) throws -> Tensor) throws -> Value {
        if let tape = tape(for: values, state: state) {
            let xs = try values.map { try operand($0, on: tape) }
            return tracked(try numpyCall { try op(tape.tape, xs) }, tape)
        }
        let ts = try values.map(plainTensor)
        return NumPyBridge.wrap(try numpyCall { try fallback(ts) })
    }

    /// Python's binary operators with a tracked tensor or variable on either side.
    static func binary(_ op: BinaryOperator, _ this: Value, _ other: Value, reflected: Bool, state: TrainingState? = nil) throws -> Value? {
        switch other {
        case .int, .float, .bool, .list, .tuple, .object: break
        default: return nil
        }
        if case .object(let o) = other, !(o is TensorObject || o is any TensorConvertible || o is VariableObject) { return nil }
        let (a, b) = reflected ? (other, this) : (this, other)
        let differentiable: Set<BinaryOperator> = [.add, .subtract, .multiply, .divide, .matrixMultiply, .power]
        guard differentiable.contains(op), let tape = tape(for: [a, b], state: state) else {
            return try TensorObject(try plainTensor(this)).binaryOperation(op, other: try plainValue(other), reflected: reflected)
        }
        let x = try operand(a, on: tape), y = try operand(b, on: tape)
        let t = tape.tape
        let node: TapeTensor = try numpyCall {
            switch op {
            case .add: return try t.add(x, y)
            case .subtract: return try t.subtract(x, y)
            case .multiply: return try t.multiply(x, y)
            case .divide: return try t.divide(x, y)
            case .matrixMultiply: return try t.matmul(x, y)
            default:
                // x ** p with a constant number p; otherwise exp(y · log x) (x > 0, as TF's pow gradient).
                if !y.requiresGradient, y.value.size == 1 { return try t.power(x, Double(try y.value.astype(.float32).item())) }
                return t.exp(try t.multiply(y, t.log(x)))
            }
        }
        return tracked(node, tape)
    }
}
