import RNNRuntime

/// `model.compile(optimizer, loss, metrics)` in a cell: names, objects and `keras.losses`
/// functions resolved to the runtime's optimizer, loss and metrics.
extension ModelObject {
    func compile(_ args: Arguments, _ interp: Interpreter) throws {
        let names = ["optimizer", "loss", "metrics", "loss_weights", "weighted_metrics", "run_eagerly",
                     "steps_per_execution", "jit_compile", "auto_scale_loss"]
        let a = try args.bind("compile", names)
        for (i, accepted) in [(3, "None"), (4, "None")] where !(a[i]?.isNone ?? true) {
            throw PyException(BuiltinTypes.notImplementedError, "compile(\(names[i])=...) is not supported by this kernel yet (accepted: \(accepted))")
        }
        if let s = a[6], !s.isNone, (try? NumPyBridge.int(s)) != 1 {
            throw PyException(BuiltinTypes.notImplementedError, "compile(steps_per_execution=\((try? s.repr()) ?? "?")) is not supported by this kernel; each step runs on its own")
        }
        guard let members = core.context.training.members else {
            throw PyException(BuiltinTypes.runtimeError, "the Keras module of this session is gone")
        }
        let optimizer = try TrainingMembers.optimizer(a[0] ?? .str("rmsprop"), classes: members.optimizerTypes)
        let metrics = try compiledMetrics(a[2], interp)
        let lossValue = a[1].flatMap { $0.isNone ? nil : $0 }
        let loss = try lossValue.map(compiledLoss)
        compiled = Compiled(optimizer: optimizer, lossValue: lossValue)
        // Keras compiles without a loss too; fit then says there is nothing to compute.
        guard let loss else { return }
        model.compile(optimizer: optimizer.optimizer, loss: loss, metrics: metrics)
    }

    /// compile's `loss`: a Keras name, a loss object, or a `keras.losses` function.
    func compiledLoss(_ v: Value) throws -> Loss {
        switch v {
        case .str(let name): return try numpyCall { try Loss(named: name) }
        case .object(let l as LossObject): return l.loss
        case .builtin(let f):
            if let kind = LossClasses.kind(ofFunction: f) { return Loss(kind) }
        case .function, .type:
            throw PyException(BuiltinTypes.notImplementedError, "compile(loss=<function>): loss functions written in cells are not supported by fit yet; use a keras.losses name or object, or train with tf.GradientTape")
        default: break
        }
        throw PyException(BuiltinTypes.valueError, "Could not interpret loss identifier: \((try? v.str()) ?? v.typeName)")
    }

    /// compile's `metrics`: a list of names, metric objects or `keras.metrics` functions.
    func compiledMetrics(_ v: Value?, _ interp: Interpreter) throws -> [Metric] {
        guard let v, !v.isNone else { return [] }
        let items: [Value]
        switch v {
        case .list, .tuple: items = try interp.toArray(v)
        case .dict: throw PyException(BuiltinTypes.notImplementedError, "compile(metrics={...}) for several outputs is not supported by this kernel; give a list")
        default:
            throw PyException(BuiltinTypes.valueError, "Expected `metrics` argument to be a list, tuple, or dict. Received instead: metrics=\((try? v.str()) ?? "?") of type <class '\(v.typeName)'>")
        }
        return try items.map { item in
            switch item {
            case .str(let name): return try numpyCall { try Metric(named: name) }
            case .object(let m as MetricObject):
                guard case .runtime(let metric) = m.accumulator else {
                    throw PyException(BuiltinTypes.notImplementedError, "\(m.typeName) in compile is not supported by this kernel; use metrics=['accuracy'] (or a SparseCategoricalAccuracy / CategoricalAccuracy / BinaryAccuracy object)")
                }
                return metric
            case .builtin(let f): return try numpyCall { try Metric(named: f.name) }
            default:
                throw PyException(BuiltinTypes.valueError, "Could not interpret metric identifier: \((try? item.str()) ?? item.typeName)")
            }
        }
    }
}
