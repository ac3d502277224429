import RNNRuntime

// Shape key: x (N, ...) samples, y (N, ...) targets; batches of S = batch_size rows.

/// Keras' training API on a Sequential in a cell: `compile`, `fit` (live progress, interrupts),
/// `evaluate`, `predict`, `train_on_batch`, `test_on_batch`, and the attributes compile and fit
/// set (`optimizer`, `loss`, `history`, `stop_training`, `metrics_names`).
extension ModelObject {
    static let trainingAttributes = ["compile", "fit", "evaluate", "predict", "train_on_batch", "test_on_batch",
                                     "optimizer", "loss", "history", "stop_training", "compiled", "metrics_names", "reset_states"]

    /// What compile was given, kept so `model.optimizer` is the user's object.
    final class Compiled {
        let optimizer: OptimizerObject
        /// The loss as given (a name, a loss object or function), nil when compile had none.
        let lossValue: Value?
        init(optimizer: OptimizerObject, lossValue: Value?) {
            self.optimizer = optimizer
            self.lossValue = lossValue
        }
    }

    func trainingAttribute(_ attribute: String) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: attribute, signature: sig, doc: doc, body))
        }
        switch attribute {
        case "compile":
            return method("compile(optimizer='rmsprop', loss=None, metrics=None, loss_weights=None, weighted_metrics=None, run_eagerly=False, steps_per_execution=1, jit_compile='auto', auto_scale_loss=True)",
                          "Sets the optimizer (a name such as 'adam' or an optimizer object), the loss (a name, a keras.losses object or function) and metrics (e.g. ['accuracy']) that fit and evaluate use.") { args, interp in
                try self.compile(args, interp)
                return .none
            }
        case "fit":
            return method("fit(x=None, y=None, batch_size=None, epochs=1, verbose='auto', callbacks=None, validation_split=0.0, validation_data=None, shuffle=True, class_weight=None, sample_weight=None, initial_epoch=0, steps_per_epoch=None, validation_steps=None, validation_batch_size=None, validation_freq=1)",
                          "Trains for epochs passes over (x, y) in batches of batch_size (32), shuffled each epoch; shows Keras' progress bar updating in place (verbose=1; 2: one line per epoch; 0: silent) and returns the History. Interrupting stops after the current batch, keeping the weights and model.history.") { args, interp in
                try self.fit(args, interp)
            }
        case "evaluate":
            return method("evaluate(x=None, y=None, batch_size=None, verbose='auto', sample_weight=None, steps=None, callbacks=None, return_dict=False)",
                          "The loss (and metrics, as [loss, metric, ...]) of the model on (x, y), in batches of batch_size (32).") { args, interp in
                try self.evaluate(args, interp)
            }
        case "predict":
            return method("predict(x, batch_size=None, verbose='auto', steps=None, callbacks=None)",
                          "The model's outputs for x (inference: Dropout off), computed in batches of batch_size (32), with Keras' progress bar (verbose=0 hides it).") { args, interp in
                try self.predictWithProgress(args, interp)
            }
        case "train_on_batch", "test_on_batch":
            let train = attribute == "train_on_batch"
            return method("\(attribute)(x, y=None, sample_weight=None, class_weight=None, return_dict=False)",
                          train ? "One update on exactly this batch; returns its loss (and metrics)." : "The loss (and metrics) of this batch, without an update.") { args, interp in
                try self.onBatch(args, interp, train: train)
            }
        case "optimizer": return compiled.map { .object($0.optimizer) } ?? .none
        case "loss": return compiled?.lossValue ?? .none
        case "compiled": return .bool(model.isCompiled)
        case "stop_training": return .bool(model.stopTraining)
        case "metrics_names":
            guard model.isCompiled else { return .list([]) }
            return .list(PyList((["loss"] + model.compiledMetrics.map(\.name)).map { .str($0) }))
        case "history":
            guard let h = model.history else { return .none }
            return .object(historyObject(h))
        case "reset_states":
            return method("reset_states()", "Resets the carried states of every stateful recurrent layer to zeros.") { args, _ in
                _ = try args.bind("reset_states", [])
                self.model.resetStates()
                return .none
            }
        default: return nil
        }
    }

    /// One History object per runtime History, so `model.history is history` holds.
    func historyObject(_ h: History) -> HistoryObject {
        if let cached = lastHistory, cached.history === h { return cached }
        let object = HistoryObject(h)
        object.model = .object(self)
        lastHistory = object
        return object
    }

    // MARK: fit, evaluate, predict

    /// Keras' `verbose`: 'auto' is 1.
    static func verbosity(_ v: Value?) throws -> Int {
        switch v {
        case nil, .str("auto")?: return 1
        case .int(let i)? where (0...2).contains(i): return Int(i)
        case .bool(let b)?: return b ? 1 : 0
        case let other?:
            throw PyException(BuiltinTypes.valueError, "verbose must be 'auto', 0, 1 or 2, got \((try? other.repr()) ?? "?")")
        }
    }

    static func batchSize(_ v: Value?) throws -> Int? {
        guard let v, !v.isNone else { return nil }
        guard case .int(let i) = v else {
            throw PyException(BuiltinTypes.typeError, "Expected `batch_size` to be an integer, got \((try? v.repr()) ?? "?") of type \(v.typeName)")
        }
        guard i > 0 else {
            throw PyException(BuiltinTypes.valueError, "Expected `batch_size` to be a positive integer, received: batch_size=\(i)")
        }
        // A batch larger than the data is the whole data; clamping keeps the runtime's batch
        // arithmetic (n + size - 1) far from overflow.
        return Int(Swift.min(i, Int64(Shape.maxElements)))
    }

    /// Arguments Keras has but this kernel does not implement: accepted only at their defaults.
    static func refuse(_ a: [Value?], _ names: [String], _ unsupported: [String], in function: String) throws {
        for n in unsupported {
            guard let i = names.firstIndex(of: n), let v = a[i], !v.isNone else { continue }
            if n == "validation_freq", (try? NumPyBridge.int(v)) == 1 { continue }
            throw PyException(BuiltinTypes.notImplementedError, "\(function)(\(n)=...) is not supported by this kernel yet")
        }
    }

    /// x and y as arrays; a missing y is Keras' error for array inputs.
    func data(_ x: Value?, _ y: Value?, _ interp: Interpreter, _ function: String) throws -> (Tensor, Tensor) {
        guard let x, !x.isNone else { throw PyException(BuiltinTypes.valueError, "\(function)() needs input data x") }
        guard let y, !y.isNone else {
            throw PyException(BuiltinTypes.valueError, "\(function)() needs targets y: this kernel trains on arrays (x, y); datasets and generators are not available")
        }
        return (try KerasValues.tensor(x, interp), try KerasValues.tensor(y, interp))
    }

    /// The runtime loop's interrupt poll and errors as the cell sees them.
    func runTraining<T>(_ interp: Interpreter, _ body: (@escaping () -> Bool) throws -> T) throws -> T {
        let flag = interp.interruptFlag
        do {
            return try numpyCall { try body { flag.isSet } }
        } catch is TrainingInterrupted {
            throw PyException(BuiltinTypes.keyboardInterrupt, args: [])
        } catch let e as PyException where e.type === BuiltinTypes.valueError {
            guard let hint = lossHint(e.message) else { throw e }
            throw PyException(BuiltinTypes.valueError, e.message + hint)
        }
    }

    /// The classic mix-up of one-hot and integer targets, named after Keras' own shape message.
    func lossHint(_ message: String) -> String? {
        guard message.hasPrefix("Arguments `target` and `output` must have the same shape"), let loss = model.compiledLoss else { return nil }
        switch loss.kind {
        case .sparseCategoricalCrossentropy:
            return ". sparse_categorical_crossentropy takes integer class ids as targets (one fewer axis than the predictions); for one-hot targets use categorical_crossentropy"
        case .categoricalCrossentropy:
            return ". categorical_crossentropy takes one-hot targets shaped like the predictions; for integer class ids use sparse_categorical_crossentropy"
        default:
            return nil
        }
    }

    func requireLoss() throws {
        guard let compiled else { throw PyException(BuiltinTypes.valueError, "You must call `compile()` before using the model.") }
        guard compiled.lossValue != nil, model.isCompiled else {
            throw PyException(BuiltinTypes.valueError, "No loss to compute. Provide a `loss` argument in `compile()`.")
        }
    }

    func fit(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let names = ["x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data", "shuffle",
                     "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch", "validation_steps",
                     "validation_batch_size", "validation_freq"]
        let a = try args.bind("fit", names)
        try ModelObject.refuse(a, names, ["class_weight", "sample_weight", "steps_per_epoch", "validation_steps",
                                          "validation_batch_size", "validation_freq"], in: "fit")
        try requireLoss()
        let (x, y) = try data(a[0], a[1], interp, "fit")
        let batch = try ModelObject.batchSize(a[2])
        let epochs = try a[3].map { try NumPyBridge.int($0) } ?? 1
        let initialEpoch = try a[11].map { try NumPyBridge.int($0) } ?? 0
        guard epochs >= 0, initialEpoch >= 0 else {
            throw PyException(BuiltinTypes.valueError, "`epochs` and `initial_epoch` must be non-negative integers, got epochs=\(epochs), initial_epoch=\(initialEpoch)")
        }
        let verbose = try ModelObject.verbosity(a[4])
        let split = try a[6].map { try NumPyBridge.double($0) } ?? 0
        guard split.isFinite, split >= 0, split < 1 else {
            throw PyException(BuiltinTypes.valueError, "`validation_split` must be a float in [0, 1), got \(split)")
        }
        var validation: (x: Tensor, y: Tensor)? = nil
        if let v = a[7], !v.isNone {
            let parts: [Value]
            switch v {
            case .tuple, .list: parts = try interp.toArray(v)
            default: throw PyException(BuiltinTypes.valueError, "`validation_data` should be a tuple (x_val, y_val), got \(v.typeName)")
            }
            guard parts.count == 2 else {
                throw PyException(parts.count == 3 ? BuiltinTypes.notImplementedError : BuiltinTypes.valueError,
                                  parts.count == 3 ? "validation_data with sample weights (x_val, y_val, sample_weight) is not supported by this kernel yet"
                                                   : "`validation_data` should be a tuple (x_val, y_val), got \(parts.count) items")
            }
            validation = (try KerasValues.tensor(parts[0], interp), try KerasValues.tensor(parts[1], interp))
        }
        var shuffle = a[8]?.isTruthy ?? true
        if case .str("batch")? = a[8] { shuffle = true }
        let (callbacks, givenHistory) = try CallbackClasses.runtimeCallbacks(a[5], model: self, interp)
        let progress = NotebookProgress(output: interp.output)
        let history = try runTraining(interp) { stop in
            try model.fit(x, y, batchSize: batch, epochs: epochs, verbose: verbose, callbacks: callbacks,
                          validationSplit: split, validationData: validation, shuffle: shuffle, initialEpoch: initialEpoch,
                          progress: progress, shouldStop: stop, rng: core.context.weightRNG)
        }
        if let givenHistory, givenHistory.history === history { lastHistory = givenHistory }
        return .object(historyObject(history))
    }

    /// Keras' list form of logs (a scalar when there is only the loss), or the dict.
    func logsValue(_ logs: TrainingLogs, asDict: Bool) -> Value {
        if asDict { return logs.dict }
        let values = model.orderedValues(logs)
        return values.count == 1 ? .float(values[0]) : .list(PyList(values.map { .float($0) }))
    }

    func evaluate(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let names = ["x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks", "return_dict"]
        let a = try args.bind("evaluate", names)
        try ModelObject.refuse(a, names, ["sample_weight", "steps"], in: "evaluate")
        try requireLoss()
        let (x, y) = try data(a[0], a[1], interp, "evaluate")
        let batch = try ModelObject.batchSize(a[2]), verbose = try ModelObject.verbosity(a[3])
        let (callbacks, _) = try CallbackClasses.runtimeCallbacks(a[6], model: self, interp)
        let progress = NotebookProgress(output: interp.output)
        let logs = try runTraining(interp) { stop in
            try model.evaluate(x, y, batchSize: batch, verbose: verbose, callbacks: callbacks, progress: progress, shouldStop: stop)
        }
        return logsValue(logs, asDict: a[7]?.isTruthy ?? false)
    }

    func predictWithProgress(_ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("predict", ["x", "batch_size", "verbose", "steps", "callbacks"], required: 1)
        if let s = a[3], !s.isNone { throw PyException(BuiltinTypes.notImplementedError, "predict(steps=...) is not supported by this kernel yet") }
        let x = try KerasValues.tensor(a[0]!, interp)
        let batch = try ModelObject.batchSize(a[1]), verbose = try ModelObject.verbosity(a[2])
        let (callbacks, _) = try CallbackClasses.runtimeCallbacks(a[4], model: self, interp)
        let progress = NotebookProgress(output: interp.output)
        let outputs = try runTraining(interp) { stop in
            try model.predict(x, batchSize: batch, verbose: verbose, callbacks: callbacks, progress: progress, shouldStop: stop)
        }
        if outputs.count == 1 { return .object(TensorObject(outputs[0])) }
        return .list(PyList(outputs.map { .object(TensorObject($0)) }))
    }

    func onBatch(_ args: Arguments, _ interp: Interpreter, train: Bool) throws -> Value {
        let name = train ? "train_on_batch" : "test_on_batch"
        let names = ["x", "y", "sample_weight", "class_weight", "return_dict"]
        let a = try args.bind(name, names)
        try ModelObject.refuse(a, names, ["sample_weight", "class_weight"], in: name)
        try requireLoss()
        let (x, y) = try data(a[0], a[1], interp, name)
        let logs = try runTraining(interp) { _ in train ? try model.trainOnBatch(x, y) : try model.testOnBatch(x, y) }
        return logsValue(logs, asDict: a[4]?.isTruthy ?? false)
    }
}
