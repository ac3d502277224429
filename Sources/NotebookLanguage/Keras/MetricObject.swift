import RNNRuntime

// Shape key: y_pred (B, ..., C); a metric adds per-sample means of its values batch by batch
// (Keras' MeanMetricWrapper) and result() is their running mean.

/// `tf.keras.metrics.SparseCategoricalAccuracy()` and friends in a cell: `update_state(y_true,
/// y_pred, sample_weight=None)`, `result()`, `reset_state()`, and usable in `compile(metrics=[...])`.
final class MetricObject: NativeObject {
    /// What accumulates: the runtime's metric (accuracies, loss functions) or a plain mean.
    enum Accumulator {
        case runtime(Metric)
        /// `Mean` (of values) and `Accuracy` (exact equality of y_true and y_pred): Σ v·w and Σ w.
        case mean(total: Double, count: Double, equality: Bool)
    }

    var accumulator: Accumulator
    let metricClass: PyType
    let name: String

    init(_ accumulator: Accumulator, class metricClass: PyType, name: String) {
        self.accumulator = accumulator
        self.metricClass = metricClass
        self.name = name
    }

    var typeName: String { metricClass.name }
    var pythonType: PyType { metricClass }
    var doc: String? { metricClass.doc }
    func repr() throws -> String { "<\(metricClass.name) name=\(name)>" }

    /// The metric's current value.
    var result: Float {
        switch accumulator {
        case .runtime(let m): return m.result
        case .mean(let total, let count, _): return count == 0 ? 0 : Float(total / count)
        }
    }

    func reset() {
        switch accumulator {
        case .runtime(let m): m.reset()
        case .mean(_, _, let eq): accumulator = .mean(total: 0, count: 0, equality: eq)
        }
    }

    /// Adds one batch (y_pred may be a tracked tensor: metrics read values only).
    func update(_ yTrue: Value?, _ yPred: Value, sampleWeight: Value?) throws {
        let weights = try sampleWeight.flatMap { $0.isNone ? nil : try TapeOps.plainTensor($0) }
        switch accumulator {
        case .runtime(let m):
            guard let yTrue else { throw PyException(BuiltinTypes.typeError, "update_state() missing required argument 'y_pred'") }
            try numpyCall { try m.update(try TapeOps.plainTensor(yTrue), try TapeOps.plainTensor(yPred), mask: weights) }
        case .mean(var total, var count, let equality):
            var values = try TapeOps.plainTensor(yPred)
            if equality, let yTrue {
                let t = try TapeOps.plainTensor(yTrue)
                values = try numpyCall { try t.astype(.float32).compare(.equal, try values.astype(.float32)).astype(.float32) }
            }
            let v = try numpyCall { try values.astype(.float32) }.floats
            var w = [Float](repeating: 1, count: v.count)
            if let weights {
                w = try numpyCall { try (Tensor.zeros(values.shape) + weights.astype(.float32)).floats }
                guard w.count == v.count else {
                    throw PyException(BuiltinTypes.valueError, "sample_weight of shape \(weights.shapeDescription) does not match the values' shape \(values.shapeDescription)")
                }
            }
            for i in v.indices { total += Double(v[i]) * Double(w[i]); count += Double(w[i]) }
            accumulator = .mean(total: total, count: count, equality: equality)
        }
    }

    var attributeNames: [String] { ["name", "update_state", "result", "reset_state", "reset_states", "get_config"] }

    func getAttribute(_ attribute: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: attribute, signature: sig, doc: doc, body))
        }
        switch attribute {
        case "name": return .str(name)
        case "update_state":
            if case .mean(_, _, false) = accumulator {
                return method("update_state(values, sample_weight=None)", "Adds values (weighted by sample_weight) to the running mean.") { args, _ in
                    let a = try args.bind("update_state", ["values", "sample_weight"], required: 1)
                    try self.update(nil, a[0]!, sampleWeight: a[1])
                    return .none
                }
            }
            return method("update_state(y_true, y_pred, sample_weight=None)", "Adds one batch of targets and predictions.") { args, _ in
                let a = try args.bind("update_state", ["y_true", "y_pred", "sample_weight"], required: 2)
                try self.update(a[0]!, a[1]!, sampleWeight: a[2])
                return .none
            }
        case "result":
            return method("result()", "The metric's value so far (a scalar array; float(m.result()) is a number).") { args, _ in
                _ = try args.bind("result", [])
                return .object(TensorObject(Tensor(self.result)))
            }
        case "reset_state", "reset_states":
            return method("\(attribute)()", "Forgets every batch seen so far.") { args, _ in
                _ = try args.bind(attribute, [])
                self.reset()
                return .none
            }
        case "get_config":
            return method("get_config()", "The metric's configuration as a dict.") { args, _ in
                _ = try args.bind("get_config", [])
                let d = PyDict()
                try d.set(.str("name"), .str(self.name))
                try d.set(.str("dtype"), .str("float32"))
                if case .runtime(let m) = self.accumulator, m.kind == .binaryAccuracy { try d.set(.str("threshold"), NumPyBridge.pyFloat(m.threshold)) }
                return .dict(d)
            }
        default: return nil
        }
    }
}

/// `keras.metrics`: metric classes and functions with Keras 3's names.
enum MetricClasses {
    struct Spec {
        let className: String
        /// Keras' default `name=`.
        let defaultName: String
        /// The runtime metric's name, or nil for `Mean` / `Accuracy`.
        let runtimeName: String?
        let doc: String
    }

    static let specs: [Spec] = [
        Spec(className: "Accuracy", defaultName: "accuracy", runtimeName: nil,
             doc: "How often y_pred equals y_true exactly (for class predictions; compile's 'accuracy' picks the right variant itself)."),
        Spec(className: "BinaryAccuracy", defaultName: "binary_accuracy", runtimeName: "binary_accuracy",
             doc: "How often y_pred > threshold (0.5) matches the 0/1 targets."),
        Spec(className: "CategoricalAccuracy", defaultName: "categorical_accuracy", runtimeName: "categorical_accuracy",
             doc: "How often argmax(y_pred) equals argmax of the one-hot targets."),
        Spec(className: "SparseCategoricalAccuracy", defaultName: "sparse_categorical_accuracy", runtimeName: "sparse_categorical_accuracy",
             doc: "How often argmax(y_pred) equals the integer targets."),
        Spec(className: "MeanSquaredError", defaultName: "mean_squared_error", runtimeName: "mean_squared_error",
             doc: "Running mean of the squared error."),
        Spec(className: "MeanAbsoluteError", defaultName: "mean_absolute_error", runtimeName: "mean_absolute_error",
             doc: "Running mean of the absolute error."),
        Spec(className: "Mean", defaultName: "mean", runtimeName: nil,
             doc: "Running (weighted) mean of the values given to update_state(values)."),
    ]

    static let functionNames = ["binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"]

    static func members() -> (types: [(String, PyType)], functions: [(String, Value)], base: PyType) {
        let base = PyType(name: "Metric", base: BuiltinTypes.object, doc: "The base class of Keras metrics (for isinstance).")
        var types: [(String, PyType)] = []
        for s in specs {
            final class Holder { weak var type: PyType? }
            let holder = Holder()
            let params = s.className == "BinaryAccuracy" ? ["name", "dtype", "threshold"] : ["name", "dtype"]
            let sig = "\(s.className)(name='\(s.defaultName)', dtype=None\(s.className == "BinaryAccuracy" ? ", threshold=0.5" : ""))"
            let type = PyType(name: s.className, base: base, doc: s.doc, signature: sig) { args, _ in
                guard let type = holder.type else { throw PyException(BuiltinTypes.runtimeError, "the metric class is gone") }
                let a = try args.bind("\(s.className).__init__", params)
                return .object(try make(s, type: type, name: a[0], threshold: params.count > 2 ? a[2] : nil))
            }
            holder.type = type
            types.append((s.className, type))
        }
        var functions: [(String, Value)] = []
        for name in functionNames {
            let params = name == "binary_accuracy" ? ["y_true", "y_pred", "threshold"] : ["y_true", "y_pred"]
            let f = BuiltinFunction(name: name, signature: "\(name)(y_true, y_pred\(params.count > 2 ? ", threshold=0.5" : ""))",
                                    doc: "Per-sample 1.0 where the prediction is right, 0.0 where not.") { args, _ in
                let a = try args.bind(name, params, required: 2)
                guard let kind = Metric.Kind(rawValue: name) else { return .none }
                let threshold = try a.count > 2 ? a[2].flatMap { $0.isNone ? nil : Float(try NumPyBridge.double($0)) } ?? 0.5 : 0.5
                let values = try numpyCall { try Metric.values(kind, try TapeOps.plainTensor(a[0]!), try TapeOps.plainTensor(a[1]!), threshold: threshold) }
                return NumPyBridge.wrap(values)
            }
            functions.append((name, .builtin(f)))
        }
        return (types, functions, base)
    }

    static func make(_ s: Spec, type: PyType, name: Value?, threshold: Value?) throws -> MetricObject {
        var metricName = s.defaultName
        if let n = name, !n.isNone {
            guard case .str(let text) = n else { throw PyException(BuiltinTypes.typeError, "\(s.className): `name` must be a string") }
            metricName = text
        }
        guard let runtimeName = s.runtimeName else {
            return MetricObject(.mean(total: 0, count: 0, equality: s.className == "Accuracy"), class: type, name: metricName)
        }
        let metric = try numpyCall { try Metric(named: runtimeName) }
        if let t = threshold, !t.isNone { metric.threshold = Float(try NumPyBridge.double(t)) }
        return MetricObject(.runtime(metric), class: type, name: metricName)
    }
}
