// What Keras' `model.compile(optimizer, loss, metrics)` sets up, kept on the model: the optimizer
// (its slots carry over between fits, as Keras'), the loss, the compiled metrics, the loss tracker
// (Keras' `Mean(name="loss")`, each batch weighted by its size), `stop_training` and the History
// of the last fit.

/// A compiled model's training set-up (`Sequential.training`).
public final class TrainingConfiguration {
    public let optimizer: Optimizer
    public let loss: Loss
    /// The compiled metrics in the order given (`metrics=['accuracy']`).
    public let metrics: [Metric]
    /// Keras' `model.stop_training`: set by callbacks, read by fit after each batch and epoch.
    public var stopTraining = false
    /// The History of the latest fit (set when that fit starts, so an interrupted fit leaves its
    /// finished epochs here).
    public internal(set) var history: History?
    var lossTracker = RunningMean()

    init(optimizer: Optimizer, loss: Loss, metrics: [Metric]) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }

    /// Keras' `reset_metrics()`: the loss tracker and every compiled metric back to empty.
    func resetMetrics() {
        lossTracker.reset()
        for m in metrics { m.reset() }
    }

    /// Keras' `get_metrics_result()` in the JAX backend's (sorted) order: loss and the metrics.
    func metricsResult() -> TrainingLogs {
        var logs = TrainingLogs([("loss", lossTracker.result)])
        for m in metrics { logs[m.name] = Double(m.result) }
        return logs.sortedByName()
    }

    /// Keras' `_flatten_metrics_in_order`: loss first, then the metrics as compiled, then any
    /// other name in sorted order.
    func orderedValues(_ logs: TrainingLogs) -> [Double] {
        let order = ["loss"] + metrics.map(\.name)
        var values = order.compactMap { logs[$0] }
        for e in logs.entries.sorted(by: { $0.name < $1.name }) where !order.contains(e.name) { values.append(e.value) }
        return values
    }
}

extension Metric {
    /// Keras' metric `_direction`: accuracies go up, loss-like metrics down.
    var increasesWhenBetter: Bool { kind != .loss }
}
