// Keras 3's evaluate / predict / train_on_batch / test_on_batch on a compiled Sequential. evaluate
// resets the metrics and returns their running means over all batches (the loss weighted by batch
// size); `orderedValues(logs)` gives Keras' list form ([loss, metrics...], a scalar when alone).
// train_on_batch and test_on_batch reset the metrics first, so they report that one batch.

extension Sequential {
    /// `model.evaluate(x, y, batch_size=32, verbose=1)`: the logs (`loss`, metrics), sorted by name.
    public func evaluate(_ x: Tensor, _ y: Tensor, batchSize: Int? = nil, verbose: Int = 1, callbacks: [Callback] = [],
                         progress: (any ProgressReporter)? = nil, shouldStop: (() -> Bool)? = nil) throws -> TrainingLogs {
        let setup = try requireCompiled()
        let size = try checkedBatchSize(batchSize)
        let n = try sampleCount(x, y)
        let list = CallbackList(callbacks, defaults: progress.map { [ProgressCallback($0)] } ?? [], model: self,
                                params: TrainingParams(verbose: verbose, epochs: 1, steps: stepCount(n, size)), reporter: progress)
        return try evaluateLoop(x, y, batchSize: size, setup: setup, callbacks: list, shouldStop: shouldStop, epoch: 0)
    }

    /// The test loop shared by evaluate and fit's validation (whose progress logger stays silent).
    func evaluateLoop(_ x: Tensor, _ y: Tensor, batchSize: Int, setup: TrainingConfiguration, callbacks: CallbackList,
                      shouldStop: (() -> Bool)?, epoch: Int) throws -> TrainingLogs {
        let batches = EpochBatches(samples: try sampleCount(x, y), batchSize: batchSize, shuffle: false, rng: RandomState(seed: 0))
        try callbacks.each { try $0.onTestBegin(logs: TrainingLogs()) }
        setup.resetMetrics()
        var logs = TrainingLogs()
        for step in 0..<batches.steps {
            if shouldStop?() == true {
                throw TrainingInterrupted(phase: .test, epoch: epoch, step: step, history: setup.history)
            }
            try callbacks.each { try $0.onTestBatchBegin(step, logs: TrainingLogs()) }
            let idx = batches.indices(step)
            logs = try testStep(rows(x, idx), rows(y, idx), setup)
            try callbacks.each { try $0.onTestBatchEnd(step, logs: logs) }
        }
        logs = setup.metricsResult()
        try callbacks.each { try $0.onTestEnd(logs: logs) }
        return logs
    }

    /// `model.predict(x, batch_size=32, verbose=1)`: every output (several when the last layer
    /// returns states), batches concatenated. Needs no compile.
    public func predict(_ x: Tensor, batchSize: Int? = nil, verbose: Int = 1, callbacks: [Callback] = [],
                        progress: (any ProgressReporter)? = nil, shouldStop: (() -> Bool)? = nil) throws -> [Tensor] {
        let size = try checkedBatchSize(batchSize)
        let n = try sampleCount(x, nil)
        let batches = EpochBatches(samples: n, batchSize: size, shuffle: false, rng: RandomState(seed: 0))
        let list = CallbackList(callbacks, defaults: progress.map { [ProgressCallback($0)] } ?? [], model: self,
                                params: TrainingParams(verbose: verbose, epochs: 1, steps: batches.steps), reporter: progress)
        try list.each { try $0.onPredictBegin(logs: TrainingLogs()) }
        var parts: [[Tensor]] = []
        for step in 0..<batches.steps {
            if shouldStop?() == true { throw TrainingInterrupted(phase: .predict, epoch: 0, step: step, history: nil) }
            try list.each { try $0.onPredictBatchBegin(step, logs: TrainingLogs()) }
            parts.append(try call([rows(x, batches.indices(step))], mask: nil, training: false).outputs)
            try list.each { try $0.onPredictBatchEnd(step, logs: TrainingLogs()) }
        }
        let outputs = try parts[0].indices.map { k in try Tensor.concatenate(parts.map { $0[k] }, axis: 0) }
        try list.each { try $0.onPredictEnd(logs: TrainingLogs()) }
        return outputs
    }

    /// `model.train_on_batch(x, y)`: one update on exactly this batch; its loss and metrics.
    public func trainOnBatch(_ x: Tensor, _ y: Tensor) throws -> TrainingLogs {
        let setup = try requireCompiled()
        _ = try sampleCount(x, y)
        setup.resetMetrics()
        return try trainStep(x, y, setup, trainablePlan())
    }

    /// `model.test_on_batch(x, y)`: the loss and metrics of this batch, no update.
    public func testOnBatch(_ x: Tensor, _ y: Tensor) throws -> TrainingLogs {
        let setup = try requireCompiled()
        _ = try sampleCount(x, y)
        setup.resetMetrics()
        return try testStep(x, y, setup)
    }
}
