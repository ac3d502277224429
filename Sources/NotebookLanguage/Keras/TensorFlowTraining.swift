import RNNRuntime

/// The `tf` names a custom training loop needs: `tf.GradientTape`, `tf.Variable`, the math
/// functions recorded on a tape (`tf.reduce_mean`, `tf.matmul`, `tf.nn.softmax`...; without a
/// tape they are the plain functions), `tf.nn.sparse_softmax_cross_entropy_with_logits`,
/// `tf.random.categorical` and `tf.strings` helpers for character models.
enum TensorFlowTraining {
    static func install(into tf: PyModule, context: KerasContext) {
        let state = context.training
        let variableType = PyType(name: "Variable", base: BuiltinTypes.object, doc: TFVariableObject.type.doc,
                                  signature: "Variable(initial_value, trainable=True, name=None, dtype=None)") { [weak state] args, interp in
            let a = try args.bind("Variable", ["initial_value", "trainable", "validate_shape", "caching_device", "name", "variable_def", "dtype"], required: 1)
            var t = try TapeOps.plainTensor(a[0]!)
            if let d = try NumPyBridge.dtype(a[6]), d != .float32 {
                throw PyException(BuiltinTypes.notImplementedError, "tf.Variable(dtype=\(d)) is not supported by this kernel; variables are float32")
            }
            t = try numpyCall { try t.astype(.float32) }
            let name = try a[4].flatMap { $0.isNone ? nil : try $0.str() } ?? "Variable"
            let v = try numpyCall { try Variable(t, name: name, trainable: a[1].map { $0.isTruthy } ?? true) }
            return .object(TFVariableObject(v, state: state))
        }
        tf.set("Variable", .type(variableType))
        tf.set("GradientTape", .type(PyType(name: "GradientTape", base: BuiltinTypes.object, doc: GradientTapeObject.type.doc,
                                            signature: "GradientTape(persistent=False, watch_accessed_variables=True)") { [weak state] args, _ in
            guard let state else { throw PyException(BuiltinTypes.runtimeError, "the tensorflow module of this session is gone") }
            let a = try args.bind("GradientTape", ["persistent", "watch_accessed_variables"])
            return .object(GradientTapeObject(persistent: a[0]?.isTruthy ?? false, watchAccessedVariables: a[1]?.isTruthy ?? true, state: state))
        }))
        installMath(tf, state)
        if case .module(let random)? = tf["random"] { installRandom(random, context) }
        tf.set("strings", .module(makeStrings()))
    }

    // MARK: Math on the tape

    /// `axis=` as a list of axes (None: all).
    static func axes(_ v: Value?, _ interp: Interpreter) throws -> [Int]? {
        guard let v, !v.isNone else { return nil }
        switch v {
        case .list, .tuple: return try interp.toArray(v).map { try NumPyBridge.int($0) }
        default: return [try NumPyBridge.int(v)]
        }
    }

    /// `axis` in 0..<ndim (negative counts from the end), NumPy's AxisError otherwise.
    static func normalizedAxis(_ axis: Int, _ ndim: Int) throws -> Int {
        let a = axis < 0 ? axis + ndim : axis
        guard a >= 0, a < Swift.max(ndim, 1) else {
            throw PyException(BuiltinTypes.exceptionType(named: "AxisError") ?? BuiltinTypes.valueError, "axis \(axis) is out of bounds for array of dimension \(ndim)")
        }
        return a
    }

    /// A plain reduction over several axes (the runtime reduces one axis at a time).
    static func reduce(_ t: Tensor, _ axes: [Int]?, keepdims: Bool, _ f: (Tensor, Int?, Bool) throws -> Tensor) throws -> Tensor {
        guard let axes else { return try f(t, nil, keepdims) }
        let normalized = try axes.map { try normalizedAxis($0, t.ndim) }.sorted(by: >)
        var r = t
        for a in normalized { r = try f(r, a, keepdims) }
        return r
    }

    static func installMath(_ tf: PyModule, _ state: TrainingState) {
        func define(_ module: PyModule, _ name: String, _ params: [String], required: Int, _ doc: String,
                    _ body: @escaping ([Value?], Interpreter) throws -> Value) {
            let shown = params.enumerated().map { i, p in i < required ? p : "\(p)=None" } + ["name=None"]
            module.set(name, .builtin(BuiltinFunction(name: name, signature: "\(name)(\(shown.joined(separator: ", ")))", doc: doc) { args, interp in
                let a = try args.bind(name, params + ["name"], required: required)
                return try body(a, interp)
            }))
        }
        let nn: PyModule? = { if case .module(let m)? = tf["nn"] { return m }; return nil }()
        let math: PyModule? = { if case .module(let m)? = tf["math"] { return m }; return nil }()
        func both(_ name: String, _ params: [String], required: Int, _ doc: String, inMath: Bool = true,
                  _ body: @escaping ([Value?], Interpreter) throws -> Value) {
            define(tf, name, params, required: required, doc, body)
            if inMath, let math { define(math, name, params, required: required, doc, body) }
        }
        for (name, isMean) in [("reduce_sum", false), ("reduce_mean", true)] {
            both(name, ["input_tensor", "axis", "keepdims"], required: 1, "\(isMean ? "Mean" : "Sum") of elements across axes (all by default); recorded on a GradientTape.") { a, interp in
                let ax = try axes(a[1], interp), keep = a[2]?.isTruthy ?? false
                return try TapeOps.unary(a[0]!, state) { tape, x in
                    isMean ? try tape.mean(x, axes: ax, keepdims: keep) : try tape.sum(x, axes: ax, keepdims: keep)
                } fallback: { t in
                    try reduce(t, ax, keepdims: keep) { isMean ? try $0.mean(axis: $1, keepdims: $2) : try $0.sum(axis: $1, keepdims: $2) }
                }
            }
        }
        both("matmul", ["a", "b"], required: 2, "Matrix product (OpenBLAS sgemm); recorded on a GradientTape.", inMath: false) { a, _ in
            try TapeOps.nary([a[0]!, a[1]!], state) { tape, xs in try tape.matmul(xs[0], xs[1]) } fallback: { try $0[0].matmul($0[1]) }
        }
        for (name, op) in [("add", BinaryOperator.add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .divide)] {
            both(name, ["x", "y"], required: 2, "Element-wise \(name) with broadcasting; recorded on a GradientTape.") { a, _ in
                if let r = try TapeOps.binary(op, a[0]!, a[1]!, reflected: false, state: state) { return r }
                throw PyException(BuiltinTypes.typeError, "tf.\(name) expects arrays or numbers")
            }
        }
        both("pow", ["x", "y"], required: 2, "x to the power y, element-wise; recorded on a GradientTape.") { a, _ in
            if let r = try TapeOps.binary(.power, a[0]!, a[1]!, reflected: false, state: state) { return r }
            throw PyException(BuiltinTypes.typeError, "tf.pow expects arrays or numbers")
        }
        let unaries: [(String, String, (GradientTape, TapeTensor) throws -> TapeTensor, (Tensor) throws -> Tensor)] = [
            ("exp", "e to the power x", { $0.exp($1) }, { $0.exp() }),
            ("log", "natural logarithm", { $0.log($1) }, { $0.log() }),
            ("tanh", "hyperbolic tangent", { $0.tanh($1) }, { $0.tanh() }),
            ("sigmoid", "1 / (1 + exp(-x))", { $0.sigmoid($1) }, { $0.sigmoid() }),
            ("square", "x * x", { try $0.square($1) }, { try $0.square() }),
            ("sqrt", "square root", { $0.sqrt($1) }, { $0.sqrt() }),
            ("abs", "absolute value", { $0.abs($1) }, { $0.abs() }),
        ]
        for (name, what, op, plain) in unaries {
            both(name, ["x"], required: 1, "Element-wise \(what); recorded on a GradientTape.") { a, _ in
                let x = try floatOperand(a[0]!)
                return try TapeOps.unary(x, state, op, fallback: plain)
            }
        }
        if let nn {
            define(nn, "relu", ["features"], required: 1, "max(x, 0), element-wise; recorded on a GradientTape.") { a, _ in
                try TapeOps.unary(try floatOperand(a[0]!), state, { $0.relu($1) }, fallback: { $0.relu() })
            }
            for name in ["tanh", "sigmoid"] { if let v = tf[name] { nn.set(name, v) } }
            for (name, isLog) in [("softmax", false), ("log_softmax", true)] {
                define(nn, name, ["logits", "axis"], required: 1, "\(isLog ? "log(softmax(x))" : "exp(x) / sum(exp(x))") along an axis (the last by default); recorded on a GradientTape.") { a, _ in
                    let axis = try NumPyBridge.axis(a[1]) ?? -1
                    return try TapeOps.unary(try floatOperand(a[0]!), state) { tape, x in
                        isLog ? try tape.logSoftmax(x, axis: axis) : try tape.softmax(x, axis: axis)
                    } fallback: { t in
                        isLog ? try t.softmax(axis: axis).log() : try t.softmax(axis: axis)
                    }
                }
            }
            for (name, sparse) in [("sparse_softmax_cross_entropy_with_logits", true), ("softmax_cross_entropy_with_logits", false)] {
                nn.set(name, .builtin(BuiltinFunction(name: name, signature: "\(name)(labels, logits, axis=-1, name=None)",
                                                      doc: "Per-example cross-entropy of \(sparse ? "integer class labels" : "one-hot (or soft) labels") against unnormalised logits (no reduction); recorded on a GradientTape.") { args, _ in
                    let a = try args.bind(name, ["labels", "logits", "axis", "name"])
                    guard let labels = a[0], let logits = a[1] else {
                        throw PyException(BuiltinTypes.valueError, "Only call `\(name)` with named arguments (labels=..., logits=..., ...).")
                    }
                    let loss = Loss(sparse ? .sparseCategoricalCrossentropy : .categoricalCrossentropy, fromLogits: true, reduction: .none)
                    return try LossApplication.applyWithoutMask(loss, labels, logits, state)
                }))
            }
        }
        both("gather", ["params", "indices", "axis"], required: 2, "Slices of params along axis (0) picked by integer indices; recorded on a GradientTape.", inMath: false) { a, _ in
            let indices = try TapeOps.plainTensor(a[1]!)
            let axis = try NumPyBridge.axis(a[2]) ?? 0
            return try TapeOps.unary(a[0]!, state) { tape, x in try tape.gather(x, indices: indices, axis: axis) } fallback: { t in
                let ax = try normalizedAxis(axis, t.ndim)
                return try t[[TensorIndex](repeating: .all, count: ax) + [.array(indices)]]
            }
        }
        // Shape functions: recorded when given a tracked tensor, else the functions tf already has.
        wrapShapeFunction(tf, "reshape", state) { tape, x, a, interp in try tape.reshape(x, try NumPyBridge.shape(a[1]!, interp)) }
        wrapShapeFunction(tf, "transpose", state) { tape, x, a, interp in
            try tape.transpose(x, try a.count > 1 ? a[1].flatMap { $0.isNone ? nil : try NumPyBridge.shape($0, interp) } : nil)
        }
        wrapShapeFunction(tf, "expand_dims", state) { tape, x, a, _ in try tape.reshape(x, try x.value.expandDims(try NumPyBridge.int(a[1]!)).shape) }
        wrapShapeFunction(tf, "squeeze", state) { tape, x, a, _ in
            try tape.reshape(x, try x.value.squeeze(try a.count > 1 ? NumPyBridge.axis(a[1]) : nil).shape)
        }
        wrapShapeFunction(tf, "cast", state) { tape, x, a, _ in
            // Casting to float keeps the gradient; other dtypes end it (as in TF).
            guard (try NumPyBridge.dtype(a[1])) == .float32 else { return tape.constant(try x.value.astype(try NumPyBridge.dtype(a[1]) ?? .float32)) }
            return x
        }
        for (name, isStack) in [("concat", false), ("stack", true)] {
            guard case .builtin(let original)? = tf[name] else { continue }
            tf.set(name, .builtin(BuiltinFunction(name: name, signature: original.signature, doc: original.doc + " Recorded on a GradientTape.") { args, interp in
                let a = try args.bind(name, ["values", "axis", "name"], required: isStack ? 1 : 2)
                let values = try interp.toArray(a[0]!)
                let axis = try NumPyBridge.axis(a[1]) ?? 0
                guard TapeOps.tape(for: values, state: state) != nil else { return try original.impl(args, interp) }
                return try TapeOps.nary(values, state) { tape, xs in
                    isStack ? try tape.stack(xs, axis: axis) : try tape.concatenate(xs, axis: axis)
                } fallback: { ts in isStack ? try Tensor.stack(ts, axis: axis) : try Tensor.concatenate(ts, axis: axis) }
            }))
        }
    }

    /// Element-wise math takes floats (integer arrays are converted, as TF would refuse them).
    static func floatOperand(_ v: Value) throws -> Value {
        switch v {
        case .object(is TrackedTensorObject), .object(is TFVariableObject): return v
        // The same array object, so a watched array stays watched.
        case .object(let a as TensorObject) where a.tensor.dtype == .float32: return v
        default: return .object(TensorObject(try numpyCall { try TapeOps.plainTensor(v).astype(.float32) }))
        }
    }

    /// Replaces `tf.<name>` by a version that records on a tape when its first argument is tracked.
    static func wrapShapeFunction(_ tf: PyModule, _ name: String, _ state: TrainingState,
                                  _ op: @escaping (GradientTape, TapeTensor, [Value?], Interpreter) throws -> TapeTensor) {
        guard case .builtin(let original)? = tf[name] else { return }
        let params = BuiltinFunction.parameterNames(of: original.signature)
        tf.set(name, .builtin(BuiltinFunction(name: name, signature: original.signature, doc: original.doc) { args, interp in
            let a = try args.bind(name, params, required: 1)
            guard let first = a[0], let tape = TapeOps.tape(for: [first], state: state) else { return try original.impl(args, interp) }
            let x = try TapeOps.operand(first, on: tape)
            return TapeOps.tracked(try numpyCall { try op(tape.tape, x, a, interp) }, tape)
        }))
    }
}
