// keras/src/callbacks/history.py: appended to every fit's callbacks; on_epoch_end appends each
// log value under its name, and fit returns it (and sets `model.history` to it when fit starts,
// so an interrupted fit leaves the epochs it finished there).

/// Keras `History`: `history["loss"]`, `history["val_accuracy"]`, ... one value per finished epoch.
public final class History: Callback {
    /// Name -> one value per epoch (Keras' `history.history`).
    public private(set) var history: [String: [Double]] = [:]
    /// The names in the order Keras' dict has them (first-logged first).
    public private(set) var keys: [String] = []
    /// The epoch indices recorded (0-based, from `initialEpoch`).
    public private(set) var epoch: [Int] = []

    public override init() {}

    /// `history.history[name]`.
    public subscript(name: String) -> [Double]? { history[name] }

    public override func onTrainBegin(logs: TrainingLogs) throws { epoch = [] }

    public override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws {
        self.epoch.append(epoch)
        for e in logs.entries {
            if history[e.name] == nil { keys.append(e.name) }
            history[e.name, default: []].append(e.value)
        }
    }
}
