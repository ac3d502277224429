import RNNRuntime

/// The training vocabulary of one session, built once and placed in both the `tensorflow.keras`
/// and `keras` trees: `optimizers`, `losses`, `metrics`, `callbacks`, `preprocessing` (text and
/// sequence), `utils.pad_sequences` and `layers.StringLookup`.
final class TrainingMembers {
    let optimizerTypes: [(String, PyType)]
    let lossTypes: [(String, PyType)]
    let metricTypes: [(String, PyType)]
    private(set) var optimizers: [(String, Value)] = []
    private(set) var losses: [(String, Value)] = []
    private(set) var metrics: [(String, Value)] = []
    private(set) var callbacks: [(String, Value)] = []

    init(context: KerasContext) {
        let opt = OptimizerClasses.types()
        optimizerTypes = opt.classes
        optimizers = opt.classes.map { ($0.0, .type($0.1)) } + [("Optimizer", .type(opt.base))]
        let classes = opt.classes
        optimizers.append(("get", .builtin(BuiltinFunction(name: "get", signature: "get(identifier)", doc: "An optimizer by name ('adam', 'sgd', 'rmsprop', 'adagrad') with default arguments, or the optimizer given.") { args, _ in
            let a = try args.bind("get", ["identifier"], required: 1)
            return .object(try TrainingMembers.optimizer(a[0]!, classes: classes))
        })))

        let loss = LossClasses.members(context)
        lossTypes = loss.types
        losses = loss.types.map { ($0.0, .type($0.1)) } + loss.functions + [("Loss", .type(loss.base))]
        let lossFunctions = loss.functions, lossTypes = loss.types
        losses.append(("get", .builtin(BuiltinFunction(name: "get", signature: "get(identifier)", doc: "A loss function by name ('mse', 'sparse_categorical_crossentropy', ...) or a loss object by class name.") { args, interp in
            let a = try args.bind("get", ["identifier"], required: 1)
            guard case .str(let name) = a[0]! else { return a[0]! }
            if let f = lossFunctions.first(where: { $0.0 == name }) { return f.1 }
            if let t = lossTypes.first(where: { $0.0 == name }) { return try interp.call(.type(t.1), []) }
            throw PyException(BuiltinTypes.valueError, "Could not interpret loss identifier: \(name)")
        })))

        let metric = MetricClasses.members()
        metricTypes = metric.types
        metrics = metric.types.map { ($0.0, .type($0.1)) } + metric.functions + [("Metric", .type(metric.base))]
        for (name, f) in loss.functions where ["mean_squared_error", "mean_absolute_error", "mse", "mae", "MSE", "MAE",
                                                "binary_crossentropy", "categorical_crossentropy", "sparse_categorical_crossentropy"].contains(name) {
            metrics.append((name, f))
        }
        callbacks = CallbackClasses.members()
        context.training.members = self
    }

    /// `compile(optimizer=...)` / `optimizers.get`: a name or an optimizer object.
    static func optimizer(_ v: Value, classes: [(String, PyType)]) throws -> OptimizerObject {
        switch v {
        case .object(let o as OptimizerObject): return o
        case .str(let name): return try OptimizerClasses.named(name, classes: classes)
        default:
            throw PyException(BuiltinTypes.valueError, "Could not interpret optimizer identifier: \((try? v.str()) ?? v.typeName)")
        }
    }

    /// Places the training modules into one Keras tree (`tensorflow.keras` or `keras`).
    func install(into top: PyModule, python: String, display: String) {
        func sub(_ name: String, _ noun: String, _ doc: String, _ items: [(String, Value)]) -> PyModule {
            let m = KerasNamespace.module("\(python).\(name)", display: "\(display).\(name)", members: noun, doc: doc)
            for (k, v) in items { m.set(k, v) }
            return m
        }
        top.set("optimizers", .module(sub("optimizers", "optimizers", "Keras optimizers (SGD, Adam, RMSprop, Adagrad) updating weights in place.", optimizers)))
        top.set("losses", .module(sub("losses", "losses", "Keras losses: classes (reduced to one number) and functions (one value per sample).", losses)))
        top.set("metrics", .module(sub("metrics", "metrics", "Keras metrics: running accuracies and means.", metrics)))
        top.set("callbacks", .module(sub("callbacks", "callbacks", "Keras callbacks for fit (History, EarlyStopping, TerminateOnNaN, LambdaCallback).", callbacks)))
        let padSequences = Value.builtin(SequencePadding.function())
        let preprocessing = sub("preprocessing", "preprocessing modules", "Keras' legacy text and sequence preprocessing.", [])
        preprocessing.set("text", .module(KerasNamespaceTraining.text(python: "\(python).preprocessing.text", display: "\(display).preprocessing.text")))
        preprocessing.set("sequence", .module(KerasNamespaceTraining.sequence(python: "\(python).preprocessing.sequence", display: "\(display).preprocessing.sequence", pad: padSequences)))
        top.set("preprocessing", .module(preprocessing))
        if case .module(let utils)? = top["utils"] { utils.set("pad_sequences", padSequences) }
        if case .module(let layers)? = top["layers"] { layers.set("StringLookup", .type(StringLookupObject.type)) }
    }
}

/// The `preprocessing.text` and `preprocessing.sequence` modules.
enum KerasNamespaceTraining {
    static func text(python: String, display: String) -> PyModule {
        let m = KerasNamespace.module(python, display: display, members: "text preprocessing", doc: "Word and character vocabularies (Tokenizer).")
        m.set("Tokenizer", .type(TokenizerObject.type))
        m.addFunction("text_to_word_sequence", signature: "text_to_word_sequence(input_text, filters='!\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n', lower=True, split=' ')",
                      doc: "The words of a text: lower-cased, punctuation (filters) removed, split on split.") { args, _ in
            let a = try args.bind("text_to_word_sequence", ["input_text", "filters", "lower", "split"], required: 1)
            let text = try a[0]!.str()
            let filters = try a[1].map { try $0.str() } ?? TokenizerObject.defaultFilters
            let split = try a[3].map { try $0.str() } ?? " "
            guard !split.isEmpty else { throw PyException(BuiltinTypes.valueError, "empty separator") }
            return .list(PyList(TokenizerObject.words(text, filters: Set(filters), lower: a[2]?.isTruthy ?? true, split: split).map { .str($0) }))
        }
        return m
    }

    static func sequence(python: String, display: String, pad: Value) -> PyModule {
        let m = KerasNamespace.module(python, display: display, members: "sequence preprocessing", doc: "Padding sequences to one length.")
        m.set("pad_sequences", pad)
        return m
    }
}
