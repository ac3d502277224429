// Keras' compile and the training attributes of a model: `model.compile(optimizer='adam',
// loss='sparse_categorical_crossentropy', metrics=['accuracy'])` with objects or names,
// `model.optimizer`, `model.history`, `model.stop_training`, and `reset_states()`.

extension Sequential {
    /// `model.compile(optimizer, loss, metrics)` with objects (a new compile replaces the old one).
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [Metric] = []) {
        training = TrainingConfiguration(optimizer: optimizer, loss: loss, metrics: metrics)
    }

    /// `model.compile(optimizer='adam', loss='mse', metrics=['accuracy'])` by Keras names
    /// (optimizers sgd, adam, rmsprop, adagrad with Keras' defaults; any loss or metric name Keras takes).
    public func compile(optimizer: String, loss: String, metrics: [String] = []) throws {
        compile(optimizer: try Optimizer.named(optimizer), loss: try Loss(named: loss),
                metrics: try metrics.map { try Metric(named: $0) })
    }

    /// Whether `compile` was called (Keras' `model.compiled`).
    public var isCompiled: Bool { training != nil }
    /// `model.optimizer` (nil before compile).
    public var optimizer: Optimizer? { training?.optimizer }
    /// `model.loss` (nil before compile).
    public var compiledLoss: Loss? { training?.loss }
    /// The metrics given to compile, in order.
    public var compiledMetrics: [Metric] { training?.metrics ?? [] }
    /// `model.history`: the History of the latest fit (partial when it was interrupted).
    public var history: History? { training?.history }

    /// Keras' `model.stop_training`: a callback sets it to end fit after the current batch.
    public var stopTraining: Bool {
        get { training?.stopTraining ?? false }
        set { training?.stopTraining = newValue }
    }

    /// Keras' `_assert_compile_called`.
    func requireCompiled() throws -> TrainingConfiguration {
        guard let training else { throw TensorError.value("You must call `compile()` before using the model.") }
        return training
    }

    /// `evaluate`/`train_on_batch`'s list form: loss first, then the metrics as compiled (Keras'
    /// `_flatten_metrics_in_order`; one value means Keras returns a scalar).
    public func orderedValues(_ logs: TrainingLogs) -> [Double] {
        training?.orderedValues(logs) ?? logs.entries.map(\.value)
    }
}
