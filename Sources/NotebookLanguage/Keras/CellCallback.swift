import RNNRuntime

/// A runtime callback whose hooks are cell functions: the methods a cell's Callback subclass
/// overrides, LambdaCallback's functions, or LearningRateScheduler's schedule. Errors they raise
/// stop fit and reach the cell as they are.
final class CellCallback: Callback {
    /// Hook name -> function taking Keras' arguments (`epoch, logs` or `logs`).
    private let functions: [String: Value]
    private let interp: Interpreter
    /// Extra work at epoch begin (LearningRateScheduler), given the epoch.
    private let epochBegin: ((Int) throws -> Void)?

    /// The cell's Callback instance, whose `params` Keras sets when training starts.
    private var instance: PyInstance?

    init(functions: [String: Value], interp: Interpreter, epochBegin: ((Int) throws -> Void)? = nil) {
        self.functions = functions
        self.interp = interp
        self.epochBegin = epochBegin
    }

    /// The hooks a Callback subclass overrides, bound to the instance; `self.model` and
    /// `self.params` are set first, as Keras' set_model/set_params do.
    static func forInstance(_ instance: PyInstance, model: ModelObject, _ interp: Interpreter) throws -> CellCallback {
        var functions: [String: Value] = [:]
        for hook in CallbackClasses.hooks {
            guard let found = instance.cls.lookupUserAttribute(hook), found.owner !== CallbackClasses.base else { continue }
            functions[hook] = try interp.getAttribute(.object(instance), hook)
        }
        _ = try instance.setAttribute("model", value: .object(model))
        let callback = CellCallback(functions: functions, interp: interp)
        callback.instance = instance
        return callback
    }

    private func call(_ names: [String], _ args: [Value]) throws {
        guard let f = names.lazy.compactMap({ self.functions[$0] }).first else { return }
        _ = try interp.call(f, args)
    }

    override func onTrainBegin(logs: TrainingLogs) throws {
        if let instance {
            let p = PyDict()
            try p.set(.str("verbose"), .int(Int64(params.verbose)))
            try p.set(.str("epochs"), .int(Int64(params.epochs)))
            try p.set(.str("steps"), .int(Int64(params.steps)))
            _ = try instance.setAttribute("params", value: .dict(p))
        }
        try call(["on_train_begin"], [logs.dict])
    }
    override func onTrainEnd(logs: TrainingLogs) throws { try call(["on_train_end"], [logs.dict]) }
    override func onEpochBegin(_ epoch: Int, logs: TrainingLogs) throws {
        try epochBegin?(epoch)
        try call(["on_epoch_begin"], [.int(Int64(epoch)), logs.dict])
    }
    override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws { try call(["on_epoch_end"], [.int(Int64(epoch)), logs.dict]) }
    // Keras' on_train_batch_* default to the older on_batch_* names.
    override func onTrainBatchBegin(_ batch: Int, logs: TrainingLogs) throws {
        try call(["on_train_batch_begin", "on_batch_begin"], [.int(Int64(batch)), logs.dict])
    }
    override func onTrainBatchEnd(_ batch: Int, logs: TrainingLogs) throws {
        try call(["on_train_batch_end", "on_batch_end"], [.int(Int64(batch)), logs.dict])
    }
    override func onTestBegin(logs: TrainingLogs) throws { try call(["on_test_begin"], [logs.dict]) }
    override func onTestEnd(logs: TrainingLogs) throws { try call(["on_test_end"], [logs.dict]) }
    override func onTestBatchBegin(_ batch: Int, logs: TrainingLogs) throws { try call(["on_test_batch_begin"], [.int(Int64(batch)), logs.dict]) }
    override func onTestBatchEnd(_ batch: Int, logs: TrainingLogs) throws { try call(["on_test_batch_end"], [.int(Int64(batch)), logs.dict]) }
    override func onPredictBegin(logs: TrainingLogs) throws { try call(["on_predict_begin"], [logs.dict]) }
    override func onPredictEnd(logs: TrainingLogs) throws { try call(["on_predict_end"], [logs.dict]) }
    override func onPredictBatchBegin(_ batch: Int, logs: TrainingLogs) throws { try call(["on_predict_batch_begin"], [.int(Int64(batch)), logs.dict]) }
    override func onPredictBatchEnd(_ batch: Int, logs: TrainingLogs) throws { try call(["on_predict_batch_end"], [.int(Int64(batch)), logs.dict]) }
}

/// `LambdaCallback(on_epoch_end=lambda epoch, logs: ...)` and `LearningRateScheduler(schedule)`:
/// the functions are kept, and each fit gets a `CellCallback` running them.
final class FunctionCallbackObject: NativeObject {
    let callbackClass: PyType
    let functions: [String: Value]
    /// LearningRateScheduler's `schedule(epoch, lr)` and verbose flag.
    let schedule: Value?
    let verbose: Bool

    init(class callbackClass: PyType, functions: [String: Value], schedule: Value? = nil, verbose: Bool = false) {
        self.callbackClass = callbackClass
        self.functions = functions
        self.schedule = schedule
        self.verbose = verbose
    }

    var typeName: String { callbackClass.name }
    var pythonType: PyType { callbackClass }
    var doc: String? { callbackClass.doc }
    func repr() throws -> String { "<keras.src.callbacks.\(LayerNamer.snakeCase(callbackClass.name)).\(callbackClass.name) object>" }

    static let lambdaHooks = ["on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end",
                              "on_train_batch_begin", "on_train_batch_end", "on_batch_begin", "on_batch_end"]

    static let lambdaType: PyType = PyType(name: "LambdaCallback", base: CallbackClasses.base, doc: """
        A callback from functions: on_epoch_begin/on_epoch_end(epoch, logs), on_train_begin/\
        on_train_end(logs), on_train_batch_begin/on_train_batch_end(batch, logs) \
        (on_batch_begin/on_batch_end too).
        """, signature: "LambdaCallback(on_epoch_begin=None, on_epoch_end=None, on_train_begin=None, on_train_end=None, on_train_batch_begin=None, on_train_batch_end=None, **kwargs)") { args, _ in
        let a = try args.bind("LambdaCallback.__init__", lambdaHooks)
        var functions: [String: Value] = [:]
        for (name, v) in zip(lambdaHooks, a) { if let v, !v.isNone { functions[name] = v } }
        return .object(FunctionCallbackObject(class: lambdaType, functions: functions))
    }

    static let schedulerType: PyType = PyType(name: "LearningRateScheduler", base: CallbackClasses.base, doc: """
        Sets the optimizer's learning rate at the start of each epoch to schedule(epoch, lr) \
        (or schedule(epoch) for a one-argument function).
        """, signature: "LearningRateScheduler(schedule, verbose=0)") { args, _ in
        let a = try args.bind("LearningRateScheduler.__init__", ["schedule", "verbose"], required: 1)
        return .object(FunctionCallbackObject(class: schedulerType, functions: [:], schedule: a[0]!, verbose: a[1]?.isTruthy ?? false))
    }

    func makeCallback(model: ModelObject, _ interp: Interpreter) throws -> CellCallback {
        guard let schedule else { return CellCallback(functions: functions, interp: interp) }
        let verbose = self.verbose
        weak var callback: CellCallback?
        let made = CellCallback(functions: [:], interp: interp) { epoch in
            guard let optimizer = model.model.optimizer else {
                throw PyException(BuiltinTypes.valueError, "LearningRateScheduler needs a compiled model with an optimizer")
            }
            let current = NumPyBridge.pyFloat(optimizer.learningRate)
            var rate: Value
            do {
                rate = try interp.call(schedule, [.int(Int64(epoch)), current])
            } catch let e as PyException where e.type === BuiltinTypes.typeError {
                rate = try interp.call(schedule, [.int(Int64(epoch))])   // Keras' old one-argument API
            }
            if case .object(let o) = rate, let t = try Value.oneElementTensor(o), t.dtype == .float32 { rate = .float(try numpyCall { try t.item() }) }
            guard case .float(let lr) = rate else {
                throw PyException(BuiltinTypes.valueError, "The output of the `schedule` function should be a float. Got: \((try? rate.repr()) ?? rate.typeName)")
            }
            optimizer.learningRate = Float(lr)
            if verbose { callback?.print("\nEpoch \(epoch + 1): LearningRateScheduler setting learning rate to \(try Value.float(lr).repr()).") }
        }
        callback = made
        return made
    }
}
