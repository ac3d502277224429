import RNNRuntime

// Shape key: y_pred (B, ..., C); a loss function gives one value per sample position (y_pred's
// shape without C); a loss object reduces them (sum_over_batch_size by default) to a scalar.

/// `tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)` in a cell: callable as
/// `loss_fn(y_true, y_pred, sample_weight=None)`, recorded when y_pred comes from a gradient tape,
/// and accepted by `model.compile(loss=...)`.
final class LossObject: NativeObject {
    let loss: Loss
    let lossClass: PyType
    let name: String
    let context: KerasContext

    init(_ loss: Loss, class lossClass: PyType, name: String, context: KerasContext) {
        self.loss = loss
        self.lossClass = lossClass
        self.name = name
        self.context = context
    }

    var typeName: String { lossClass.name }
    var pythonType: PyType { lossClass }
    var doc: String? { lossClass.doc }
    var signature: String? { "\(lossClass.name).__call__(y_true, y_pred, sample_weight=None)" }
    func repr() throws -> String { "<keras.src.losses.losses.\(lossClass.name) object>" }
    var isCallable: Bool { true }

    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        let a = try arguments.bind("\(lossClass.name).__call__", ["y_true", "y_pred", "sample_weight"], required: 2)
        return try LossApplication.apply(loss, a[0]!, a[1]!, sampleWeight: a[2], context)
    }

    var attributeNames: [String] { ["name", "reduction", "from_logits", "get_config", "call"] }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        switch attribute {
        case "name": return .str(name)
        case "reduction": return .str(loss.reduction.rawValue)
        case "from_logits": return .bool(loss.fromLogits)
        case "get_config":
            return .builtin(BuiltinFunction(name: "get_config", signature: "get_config()", doc: "The loss's configuration as a dict.") { args, _ in
                _ = try args.bind("get_config", [])
                let d = PyDict()
                try d.set(.str("name"), .str(self.name))
                try d.set(.str("reduction"), .str(self.loss.reduction.rawValue))
                if [.binaryCrossentropy, .categoricalCrossentropy, .sparseCategoricalCrossentropy].contains(self.loss.kind) {
                    try d.set(.str("from_logits"), .bool(self.loss.fromLogits))
                }
                return .dict(d)
            })
        case "call":
            return .builtin(BuiltinFunction(name: "call", signature: "call(y_true, y_pred)", doc: "The per-sample loss values (no reduction).") { args, _ in
                let a = try args.bind("call", ["y_true", "y_pred"], required: 2)
                var l = self.loss
                l.reduction = .none
                return try LossApplication.apply(l, a[0]!, a[1]!, sampleWeight: nil, self.context)
            })
        default: return nil
        }
    }
}

/// A runtime loss applied to cell values: on the tape when y_pred is tracked, else on arrays.
enum LossApplication {
    static func apply(_ loss: Loss, _ yTrue: Value, _ yPred: Value, sampleWeight: Value?, _ context: KerasContext) throws -> Value {
        let target = try TapeOps.plainTensor(yTrue)
        let weights = try sampleWeight.flatMap { $0.isNone ? nil : try TapeOps.plainTensor($0) }
        let mask = kerasMask(of: yPred, context)
        if let tape = TapeOps.tape(for: [yPred], state: context.training) {
            let p = try TapeOps.operand(yPred, on: tape)
            return TapeOps.tracked(try numpyCall { try tape.tape.loss(loss, target, p, sampleWeight: weights, mask: mask) }, tape)
        }
        let prediction = try TapeOps.plainTensor(yPred)
        return NumPyBridge.wrap(try numpyCall { try loss(target, prediction, sampleWeight: weights, mask: mask) })
    }

    /// `tf.nn.*_cross_entropy_with_logits`: the same without Keras masks.
    static func applyWithoutMask(_ loss: Loss, _ yTrue: Value, _ yPred: Value, _ state: TrainingState) throws -> Value {
        let target = try TapeOps.plainTensor(yTrue)
        if let tape = TapeOps.tape(for: [yPred], state: state) {
            let p = try TapeOps.operand(yPred, on: tape)
            return TapeOps.tracked(try numpyCall { try tape.tape.loss(loss, target, p) }, tape)
        }
        return NumPyBridge.wrap(try numpyCall { try loss(target, try TapeOps.plainTensor(yPred)) })
    }

    /// The mask a layer attached to its output (Keras' `_keras_mask`), which losses honour.
    static func kerasMask(of v: Value, _ context: KerasContext) -> Tensor? {
        switch v {
        case .object(let t as TrackedTensorObject): return t.mask
        case .object(let a as TensorObject): return context.masks.mask(of: a)
        default: return nil
        }
    }
}

/// `keras.losses`: the loss classes and functions with Keras 3's signatures and names.
enum LossClasses {
    struct Spec {
        let className: String
        let kind: Loss.Kind
        /// The function names Keras exports for it (the first is its `name`).
        let functions: [String]
        let doc: String
        var hasLogits: Bool { [.binaryCrossentropy, .categoricalCrossentropy, .sparseCategoricalCrossentropy].contains(kind) }
    }

    static let specs: [Spec] = [
        Spec(className: "MeanSquaredError", kind: .meanSquaredError, functions: ["mean_squared_error", "mse", "MSE"],
             doc: "Mean of the squared differences over the last axis."),
        Spec(className: "MeanAbsoluteError", kind: .meanAbsoluteError, functions: ["mean_absolute_error", "mae", "MAE"],
             doc: "Mean of the absolute differences over the last axis."),
        Spec(className: "BinaryCrossentropy", kind: .binaryCrossentropy, functions: ["binary_crossentropy"],
             doc: "Cross-entropy of 0/1 targets against probabilities (or logits with from_logits=True), averaged over the last axis."),
        Spec(className: "CategoricalCrossentropy", kind: .categoricalCrossentropy, functions: ["categorical_crossentropy"],
             doc: "Cross-entropy of one-hot (or soft) targets against class probabilities (or logits with from_logits=True)."),
        Spec(className: "SparseCategoricalCrossentropy", kind: .sparseCategoricalCrossentropy, functions: ["sparse_categorical_crossentropy"],
             doc: "Cross-entropy of integer class targets against class probabilities (or logits with from_logits=True)."),
    ]

    static func classSignature(_ s: Spec) -> String {
        var p: [String] = []
        if s.hasLogits { p.append("from_logits=False") }
        if s.kind == .sparseCategoricalCrossentropy { p.append("ignore_class=None") }
        else if s.hasLogits { p += ["label_smoothing=0.0", "axis=-1"] }
        p += ["reduction='sum_over_batch_size'", "name='\(s.functions[0])'", "dtype=None"]
        return "\(s.className)(" + p.joined(separator: ", ") + ")"
    }

    static func functionParameters(_ s: Spec) -> [String] {
        var p = ["y_true", "y_pred"]
        if s.hasLogits { p.append("from_logits") }
        if s.kind == .sparseCategoricalCrossentropy { p += ["ignore_class", "axis"] }
        else if s.hasLogits { p += ["label_smoothing", "axis"] }
        return p
    }

    /// Keras' `reduction=` values.
    static func reduction(_ v: Value?) throws -> Loss.Reduction {
        switch v {
        case nil, .str("sum_over_batch_size")?, .str("auto")?, .str("mean")?: return .sumOverBatchSize
        case .str("sum")?: return .sum
        case .none?, .str("none")?: return .none
        case let other?:
            throw PyException(BuiltinTypes.valueError, "Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', 'none', None}. Received: reduction=\((try? other.repr()) ?? "?")")
        }
    }

    /// Arguments the runtime does not implement, accepted only at Keras' defaults.
    static func checkUnsupported(_ name: String, labelSmoothing: Value?, axis: Value?, ignoreClass: Value?) throws {
        if let v = labelSmoothing, !v.isNone, (v.doubleValue ?? 1) != 0 {
            throw PyException(BuiltinTypes.notImplementedError, "\(name)(label_smoothing=\((try? v.repr()) ?? "?")) is not supported by this kernel yet")
        }
        if let v = axis, !v.isNone, (try? NumPyBridge.int(v)) != -1 {
            throw PyException(BuiltinTypes.notImplementedError, "\(name)(axis=\((try? v.repr()) ?? "?")) is not supported by this kernel yet; the class axis is the last (axis=-1)")
        }
        if let v = ignoreClass, !v.isNone {
            throw PyException(BuiltinTypes.notImplementedError, "\(name)(ignore_class=\((try? v.repr()) ?? "?")) is not supported by this kernel yet")
        }
    }

    /// The classes and functions of `keras.losses`, bound to one session's context.
    static func members(_ context: KerasContext) -> (types: [(String, PyType)], functions: [(String, Value)], base: PyType) {
        let base = PyType(name: "Loss", base: BuiltinTypes.object, doc: "The base class of Keras losses (for isinstance).")
        var types: [(String, PyType)] = [], functions: [(String, Value)] = []
        for s in specs {
            final class Holder { weak var type: PyType? }
            let holder = Holder()
            let sig = classSignature(s)
            let type = PyType(name: s.className, base: base, doc: s.doc + " Call it as loss(y_true, y_pred, sample_weight=None); the default reduction averages over all sample positions.",
                              signature: sig) { [weak context] args, _ in
                guard let context, let type = holder.type else { throw PyException(BuiltinTypes.runtimeError, "the Keras module of this session is gone") }
                var names = ["reduction", "name", "dtype"]
                if s.hasLogits { names.insert("from_logits", at: 0) }
                if s.kind == .sparseCategoricalCrossentropy { names.insert("ignore_class", at: 1) }
                else if s.hasLogits { names.insert(contentsOf: ["label_smoothing", "axis"], at: 1) }
                let a = try args.bind("\(s.className).__init__", names)
                func arg(_ n: String) -> Value? { names.firstIndex(of: n).flatMap { a[$0] } }
                try checkUnsupported(s.className, labelSmoothing: arg("label_smoothing"), axis: arg("axis"), ignoreClass: arg("ignore_class"))
                let loss = Loss(s.kind, fromLogits: arg("from_logits")?.isTruthy ?? false, reduction: try reduction(arg("reduction")))
                var name = s.functions[0]
                if let n = arg("name"), !n.isNone {
                    guard case .str(let text) = n else { throw PyException(BuiltinTypes.typeError, "\(s.className): `name` must be a string") }
                    name = text
                }
                return .object(LossObject(loss, class: type, name: name, context: context))
            }
            holder.type = type
            types.append((s.className, type))
            let params = functionParameters(s)
            // One function under every alias (`keras.losses.mse is keras.losses.mean_squared_error`).
            let fname = s.functions[0]
            let fsig = "\(fname)(" + params.map { p in
                switch p {
                case "y_true", "y_pred": return p
                case "from_logits": return "from_logits=False"
                case "label_smoothing": return "label_smoothing=0.0"
                case "axis": return "axis=-1"
                default: return "\(p)=None"
                }
            }.joined(separator: ", ") + ")"
            let f = BuiltinFunction(name: fname, signature: fsig, doc: s.doc + " Returns one value per sample position (no reduction).") { [weak context] args, _ in
                guard let context else { return .none }
                let a = try args.bind(fname, params, required: 2)
                func arg(_ n: String) -> Value? { params.firstIndex(of: n).flatMap { a[$0] } }
                try checkUnsupported(fname, labelSmoothing: arg("label_smoothing"), axis: arg("axis"), ignoreClass: arg("ignore_class"))
                let loss = Loss(s.kind, fromLogits: arg("from_logits")?.isTruthy ?? false, reduction: .none)
                return try LossApplication.apply(loss, a[0]!, a[1]!, sampleWeight: nil, context)
            }
            for alias in s.functions { functions.append((alias, .builtin(f))) }
        }
        return (types, functions, base)
    }

    /// Which loss a function of `keras.losses` computes (so `compile(loss=keras.losses.mse)` works):
    /// builtins cannot be made in cells, so the name identifies it.
    static func kind(ofFunction f: BuiltinFunction) -> Loss.Kind? {
        specs.first(where: { $0.functions.contains(f.name) })?.kind
    }
}
