// keras/src/callbacks/early_stopping.py and monitor_callback.py. At each epoch end (from
// `startFromEpoch` on) the monitored value either improves on the best so far — by more than
// `minDelta`, in the direction `mode` says — or `wait` grows; at `patience` (and not in epoch 0)
// training stops. mode "auto" minimises `loss`/`val_loss` and the loss-like metrics and maximises
// the accuracies (Keras' metric `_direction`); anything else is Keras' ValueError.

/// Keras `EarlyStopping(monitor='val_loss', min_delta=0, patience=0, verbose=0, mode='auto',
/// baseline=None, restore_best_weights=False, start_from_epoch=0)`.
public final class EarlyStopping: Callback {
    public let monitor: String
    public let minDelta: Double
    public let patience: Int
    public let verbose: Int
    /// "auto", "min" or "max" (an unknown mode falls back to "auto" with Keras' warning).
    public private(set) var mode: String
    public let baseline: Double?
    public let restoreBestWeights: Bool
    public let startFromEpoch: Int

    /// Epochs without improvement so far.
    public private(set) var wait = 0
    /// The epoch (0-based) that stopped training, 0 if none did.
    public private(set) var stoppedEpoch = 0
    /// The best monitored value so far.
    public private(set) var best: Double?
    public private(set) var bestEpoch = 0
    private var bestWeights: [Tensor]?
    /// true: smaller is better; nil until the first epoch end resolves it.
    private var minimizes: Bool?
    private var modeWarning: String?

    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, verbose: Int = 0,
                mode: String = "auto", baseline: Double? = nil, restoreBestWeights: Bool = false,
                startFromEpoch: Int = 0) {
        self.monitor = monitor
        self.minDelta = Swift.abs(minDelta)
        self.patience = patience
        self.verbose = verbose
        if ["auto", "min", "max"].contains(mode) {
            self.mode = mode
        } else {
            self.mode = "auto"
            modeWarning = "EarlyStopping mode '\(mode)' is unknown, fallback to auto mode."
        }
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
    }

    public override func onTrainBegin(logs: TrainingLogs) throws {
        if let w = modeWarning { warn(w); modeWarning = nil }
        wait = 0; stoppedEpoch = 0; best = nil; bestWeights = nil; bestEpoch = 0
    }

    public override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws {
        if minimizes == nil { minimizes = try direction() }
        guard let current = logs[monitor] else {
            warn("Early stopping conditioned on metric `\(monitor)` which is not available. Available metrics are: \(logs.names.joined(separator: ","))")
            return
        }
        guard epoch >= startFromEpoch else { return }
        if restoreBestWeights && bestWeights == nil {
            bestWeights = model?.weights
            bestEpoch = epoch
        }
        wait += 1
        if isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = model?.weights }
            if baseline == nil || isImprovement(current, over: baseline) { wait = 0 }
            return
        }
        if wait >= patience && epoch > 0 {
            stoppedEpoch = epoch
            model?.stopTraining = true
        }
    }

    public override func onTrainEnd(logs: TrainingLogs) throws {
        if stoppedEpoch > 0 && verbose > 0 { print("Epoch \(stoppedEpoch + 1): early stopping") }
        if restoreBestWeights, let w = bestWeights {
            if verbose > 0 { print("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).") }
            try model?.setWeights(w)
        }
    }

    /// MonitorCallback._is_improvement: `current ∓ minDelta` beats `reference` strictly.
    func isImprovement(_ current: Double, over reference: Double?) -> Bool {
        guard let reference else { return true }
        return minimizes ?? true ? current + minDelta < reference : current - minDelta > reference
    }

    /// MonitorCallback._set_monitor_op: min/max, or for auto the metric's direction.
    private func direction() throws -> Bool {
        if mode == "min" { return true }
        if mode == "max" { return false }
        let name = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if name == "loss" { return true }
        if let m = model?.compiledMetrics.first(where: { $0.name == name }) { return !m.increasesWhenBetter }
        throw TensorError.value("EarlyStopping callback received monitor=\(monitor), but Keras isn't able to automatically determine whether that metric should be maximized or minimized. Pass `mode='max'` in order to monitor based on the highest metric value, or pass `mode='min'` in order to use the lowest value.")
    }
}
