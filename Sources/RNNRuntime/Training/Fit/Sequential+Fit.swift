// Keras 3's fit loop (keras/src/backend/jax/trainer.py): validation_split cuts the last fraction
// before shuffling; per epoch: reset the metrics, on_epoch_begin, per batch on_train_batch_begin,
// train_step, on_train_batch_end (logs = running means) and stop after the batch if
// `stop_training` was set (TerminateOnNaN, EarlyStopping); then the epoch logs, evaluate on the
// validation data (its logs prefixed val_, silently), on_epoch_end, stop if asked. on_train_end
// closes. `shouldStop` (the kernel's interrupt) is polled before every batch: it ends the call with
// `TrainingInterrupted` and skips on_epoch_end/on_train_end, like a KeyboardInterrupt in Keras.

extension Sequential {
    /// `model.fit(x, y, batch_size=32, epochs=1, verbose=1, callbacks=None, validation_split=0.0,
    /// validation_data=None, shuffle=True, initial_epoch=0)`; returns the History (also `model.history`).
    ///
    /// - progress: receives Keras' progress bar as events (and callbacks' messages); nil = silent.
    /// - shouldStop: polled before each batch; true stops with `TrainingInterrupted`.
    /// - rng: the shuffling stream (default: a fresh random seed).
    @discardableResult
    public func fit(_ x: Tensor, _ y: Tensor, batchSize: Int? = nil, epochs: Int = 1, verbose: Int = 1,
                    callbacks: [Callback] = [], validationSplit: Double = 0, validationData: (x: Tensor, y: Tensor)? = nil,
                    shuffle: Bool = true, initialEpoch: Int = 0, progress: (any ProgressReporter)? = nil,
                    shouldStop: (() -> Bool)? = nil, rng: RandomState? = nil) throws -> History {
        let setup = try requireCompiled()
        let size = try checkedBatchSize(batchSize)
        _ = try sampleCount(x, y)
        var train = (x: x, y: y), validation = validationData
        if validationSplit != 0 && validationData == nil {
            let (t, v) = try splitForValidation(x, y, validationSplit)
            train = (t.0, t.1); validation = (v.0, v.1)
        }
        if let v = validation { _ = try sampleCount(v.x, v.y) }
        let n = train.x.shape[0]
        let steps = stepCount(n, size)

        let history = callbacks.lazy.compactMap { $0 as? History }.first ?? History()
        var defaults: [Callback] = []
        if !callbacks.contains(where: { $0 is TerminateOnNaN }) { defaults.append(TerminateOnNaN()) }
        if !callbacks.contains(where: { $0 === history }) { defaults.append(history) }
        if let progress { defaults.append(ProgressCallback(progress)) }
        let list = CallbackList(callbacks, defaults: defaults, model: self,
                                params: TrainingParams(verbose: verbose, epochs: epochs, steps: steps), reporter: progress)
        setup.history = history
        setup.stopTraining = false
        let plan = trainablePlan()
        let shuffler = rng ?? RandomState.fresh()

        try list.each { try $0.onTrainBegin(logs: TrainingLogs()) }
        var trainingLogs = TrainingLogs()
        var epoch = initialEpoch
        while epoch < epochs {
            setup.resetMetrics()
            try list.each { try $0.onEpochBegin(epoch, logs: TrainingLogs()) }
            let batches = EpochBatches(samples: n, batchSize: size, shuffle: shuffle, rng: shuffler)
            for step in 0..<steps {
                if shouldStop?() == true {
                    throw TrainingInterrupted(phase: .train, epoch: epoch, step: step, history: history)
                }
                try list.each { try $0.onTrainBatchBegin(step, logs: TrainingLogs()) }
                let idx = batches.indices(step)
                let logs = try trainStep(rows(train.x, idx), rows(train.y, idx), setup, plan)
                try list.each { try $0.onTrainBatchEnd(step, logs: logs) }
                if setup.stopTraining { break }
            }
            var epochLogs = setup.metricsResult()
            if let v = validation {
                let val = try evaluateLoop(v.x, v.y, batchSize: size, setup: setup, callbacks: list, shouldStop: shouldStop, epoch: epoch)
                epochLogs = epochLogs.appending(val, prefix: "val_")
            }
            try list.each { try $0.onEpochEnd(epoch, logs: epochLogs) }
            trainingLogs = epochLogs
            if setup.stopTraining { break }
            epoch += 1
        }
        try list.each { try $0.onTrainEnd(logs: trainingLogs) }
        return history
    }
}
