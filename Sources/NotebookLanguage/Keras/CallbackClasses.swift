import RNNRuntime

/// `keras.callbacks`: `Callback` (a class cells can subclass: override `on_epoch_end(self, epoch,
/// logs)` and friends, read `self.model`, set `self.model.stop_training = True`), `History`,
/// `EarlyStopping`, `TerminateOnNaN`, `LambdaCallback` and `LearningRateScheduler`.
enum CallbackClasses {
    /// Keras' hook names, in the order fit calls them.
    static let hooks = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end",
                        "on_train_batch_begin", "on_train_batch_end", "on_batch_begin", "on_batch_end",
                        "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end",
                        "on_predict_begin", "on_predict_end", "on_predict_batch_begin", "on_predict_batch_end"]

    /// `keras.callbacks.Callback`: a class as if defined in a cell, whose hooks do nothing, so a
    /// cell's `class Printer(keras.callbacks.Callback)` overrides only what it needs.
    static let base: PyType = {
        let t = PyType(name: "Callback", base: BuiltinTypes.object, doc: """
            The base of Keras callbacks. Subclass it in a cell and override hooks such as \
            on_epoch_end(self, epoch, logs=None) or on_train_batch_end(self, batch, logs=None); \
            self.model is the model being trained (set self.model.stop_training = True to stop).
            """, signature: "Callback()")
        var namespace: [String: Value] = [:]
        for hook in hooks + ["set_model", "set_params"] {
            namespace[hook] = .builtin(BuiltinFunction(name: hook, signature: "\(hook)(...)", doc: "Does nothing unless overridden.") { _, _ in .none })
        }
        t.namespace = namespace
        return t
    }()

    static func members() -> [(String, Value)] {
        [("Callback", .type(base)),
         ("History", .type(PyType(name: "History", base: base, doc: HistoryObject.type.doc, signature: "History()") { args, _ in
             _ = try args.bind("History", [])
             return .object(HistoryObject(History()))
         })),
         ("EarlyStopping", .type(RuntimeCallbackObject.earlyStoppingType)),
         ("TerminateOnNaN", .type(RuntimeCallbackObject.terminateOnNaNType)),
         ("LambdaCallback", .type(FunctionCallbackObject.lambdaType)),
         ("LearningRateScheduler", .type(FunctionCallbackObject.schedulerType))]
    }

    /// The runtime callbacks for `fit(callbacks=[...])`: Keras' own, cell subclasses of Callback,
    /// LambdaCallback/LearningRateScheduler (their functions run in the cell's interpreter).
    static func runtimeCallbacks(_ value: Value?, model: ModelObject, _ interp: Interpreter) throws -> (callbacks: [Callback], history: HistoryObject?) {
        guard let value, !value.isNone else { return ([], nil) }
        let items: [Value]
        switch value {
        case .list, .tuple: items = try interp.toArray(value)
        default:
            throw PyException(BuiltinTypes.typeError, "`callbacks` must be a list of keras.callbacks.Callback objects, got \(value.typeName)")
        }
        var out: [Callback] = [], history: HistoryObject? = nil
        for item in items {
            switch item {
            case .object(let h as HistoryObject):
                h.model = .object(model)
                history = h
                out.append(h.history)
            case .object(let r as RuntimeCallbackObject): out.append(r.callback)
            case .object(let f as FunctionCallbackObject): out.append(try f.makeCallback(model: model, interp))
            case .object(let instance as PyInstance) where instance.cls.isSubtype(of: base):
                out.append(try CellCallback.forInstance(instance, model: model, interp))
            default:
                throw PyException(BuiltinTypes.typeError, "Expected a keras.callbacks.Callback in `callbacks`, got \((try? item.repr()) ?? item.typeName) of type \(item.typeName)")
            }
        }
        return (out, history)
    }
}

/// Keras' `logs` dict.
extension TrainingLogs {
    var dict: Value {
        let d = PyDict()
        for e in entries { try? d.set(.str(e.name), .float(e.value)) }
        return .dict(d)
    }
}

/// A runtime callback (EarlyStopping, TerminateOnNaN) seen from a cell, with Keras' attributes.
final class RuntimeCallbackObject: NativeObject {
    let callback: Callback
    let callbackClass: PyType

    init(_ callback: Callback, class callbackClass: PyType) {
        self.callback = callback
        self.callbackClass = callbackClass
    }

    var typeName: String { callbackClass.name }
    var pythonType: PyType { callbackClass }
    var doc: String? { callbackClass.doc }
    func repr() throws -> String { "<keras.src.callbacks.\(LayerNamer.snakeCase(callbackClass.name)).\(callbackClass.name) object>" }

    static let earlyStoppingType: PyType = PyType(name: "EarlyStopping", base: CallbackClasses.base, doc: """
        Stops fit when the monitored value (val_loss by default) has not improved by more than \
        min_delta for patience epochs; restore_best_weights=True puts back the best epoch's weights.
        """, signature: "EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto', baseline=None, restore_best_weights=False, start_from_epoch=0)") { args, _ in
        let a = try args.bind("EarlyStopping.__init__", ["monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights", "start_from_epoch"])
        func number(_ i: Int, _ fallback: Double) throws -> Double { try a[i].map { $0.isNone ? fallback : try NumPyBridge.double($0) } ?? fallback }
        func integer(_ i: Int, _ fallback: Int) throws -> Int { try a[i].map { $0.isNone ? fallback : try NumPyBridge.int($0) } ?? fallback }
        let baseline = try a[5].flatMap { $0.isNone ? nil : try NumPyBridge.double($0) }
        let callback = EarlyStopping(monitor: try a[0].map { try $0.str() } ?? "val_loss", minDelta: try number(1, 0),
                                     patience: try integer(2, 0), verbose: try integer(3, 0), mode: try a[4].map { try $0.str() } ?? "auto",
                                     baseline: baseline, restoreBestWeights: a[6]?.isTruthy ?? false, startFromEpoch: try integer(7, 0))
        return .object(RuntimeCallbackObject(callback, class: earlyStoppingType))
    }

    static let terminateOnNaNType: PyType = PyType(name: "TerminateOnNaN", base: CallbackClasses.base, doc: """
        Stops fit after a batch whose loss is NaN or infinite (fit here always runs one; \
        raise_error=True raises instead).
        """, signature: "TerminateOnNaN(raise_error=False)") { args, _ in
        let a = try args.bind("TerminateOnNaN.__init__", ["raise_error"])
        return .object(RuntimeCallbackObject(TerminateOnNaN(raiseError: a[0]?.isTruthy ?? false), class: terminateOnNaNType))
    }

    var attributeNames: [String] {
        callback is EarlyStopping ? ["monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights",
                                     "start_from_epoch", "wait", "stopped_epoch", "best", "best_epoch", "model"] : ["model"]
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        if let e = callback as? EarlyStopping {
            switch name {
            case "monitor": return .str(e.monitor)
            case "min_delta": return .float(e.minDelta)
            case "patience": return .int(Int64(e.patience))
            case "verbose": return .int(Int64(e.verbose))
            case "mode": return .str(e.mode)
            case "baseline": return e.baseline.map { .float($0) } ?? .none
            case "restore_best_weights": return .bool(e.restoreBestWeights)
            case "start_from_epoch": return .int(Int64(e.startFromEpoch))
            case "wait": return .int(Int64(e.wait))
            case "stopped_epoch": return .int(Int64(e.stoppedEpoch))
            case "best": return e.best.map { .float($0) } ?? .none
            case "best_epoch": return .int(Int64(e.bestEpoch))
            default: break
            }
        }
        return nil
    }
}
