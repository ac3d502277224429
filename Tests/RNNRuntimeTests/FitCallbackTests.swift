// Callbacks, progress events, TerminateOnNaN and interrupts through fit/evaluate/predict.

import Testing
@testable import RNNRuntime

/// Records everything a training call reports.
final class RecordingReporter: ProgressReporter {
    var events: [ProgressEvent] = []
    var messages: [String] = []
    var warnings: [String] = []
    func report(_ event: ProgressEvent) throws { events.append(event) }
    func message(_ line: String) { messages.append(line) }
    func warning(_ text: String) { warnings.append(text) }
}

/// Records the hook calls as strings.
final class HookRecorder: Callback {
    var calls: [String] = []
    var weightsAtEpochEnd: [[Tensor]] = []
    override func onTrainBegin(logs: TrainingLogs) throws { calls.append("train_begin") }
    override func onTrainEnd(logs: TrainingLogs) throws { calls.append("train_end \(logs.names)") }
    override func onEpochBegin(_ epoch: Int, logs: TrainingLogs) throws { calls.append("epoch_begin \(epoch)") }
    override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws {
        calls.append("epoch_end \(epoch) \(logs.names)")
        weightsAtEpochEnd.append(model!.weights)
    }
    override func onTrainBatchBegin(_ batch: Int, logs: TrainingLogs) throws { calls.append("batch_begin \(batch)") }
    override func onTrainBatchEnd(_ batch: Int, logs: TrainingLogs) throws { calls.append("batch_end \(batch) \(logs.names)") }
    override func onTestBegin(logs: TrainingLogs) throws { calls.append("test_begin") }
    override func onTestBatchEnd(_ batch: Int, logs: TrainingLogs) throws { calls.append("test_batch_end \(batch)") }
    override func onTestEnd(logs: TrainingLogs) throws { calls.append("test_end \(logs.names)") }
}

/// A small compiled regression model and data (10 samples of (3, 2)).
func smallModel(seed: UInt32 = 1, learningRate: Double = 0.05, metrics: [String] = ["mae"]) throws -> (Sequential, Tensor, Tensor) {
    let namer = LayerNamer()
    let model = try Sequential(layers: [try InputLayer(shape: [3, 2]),
                                        namer.name(try GRU(units: 4, rng: RandomState(seed: seed))),
                                        namer.name(try Dense(units: 1, rng: RandomState(seed: seed + 1)))])
    model.compile(optimizer: try SGD(learningRate: learningRate), loss: Loss(.meanSquaredError),
                  metrics: try metrics.map { try Metric(named: $0) })
    let rng = RandomState(seed: seed + 2)
    return (model, try rng.randn([10, 3, 2]), try rng.randn([10, 1]))
}

@Suite struct FitCallbackTests {
    @Test func hookOrderWithValidation() throws {
        let (model, x, y) = try smallModel()
        let hooks = HookRecorder()
        try model.fit(x, y, batchSize: 4, epochs: 2, verbose: 0, callbacks: [hooks], validationSplit: 0.2)
        // 8 train samples -> batches of 4, 4; the last 2 samples validate in one batch.
        let epoch: (Int) -> [String] = { e in
            ["epoch_begin \(e)", "batch_begin 0", "batch_end 0 [\"loss\", \"mae\"]", "batch_begin 1", "batch_end 1 [\"loss\", \"mae\"]",
             "test_begin", "test_batch_end 0", "test_end [\"loss\", \"mae\"]", "epoch_end \(e) [\"loss\", \"mae\", \"val_loss\", \"val_mae\"]"]
        }
        #expect(hooks.calls == ["train_begin"] + epoch(0) + epoch(1) + ["train_end [\"loss\", \"mae\", \"val_loss\", \"val_mae\"]"])
        #expect(hooks.model === model && hooks.params == TrainingParams(verbose: 0, epochs: 2, steps: 2))
    }

    @Test func progressEventsOfFitEvaluatePredict() throws {
        let (model, x, y) = try smallModel()
        let r = RecordingReporter()
        try model.fit(x, y, batchSize: 4, epochs: 2, verbose: 1, validationData: (x, y), progress: r)
        // Per epoch: the header, 3 batches (4, 4, 2 samples), the end with val_ logs; validation silent.
        #expect(r.events.map { "\($0.kind)" } == ["epochBegin", "batch", "batch", "batch", "end", "epochBegin", "batch", "batch", "batch", "end"])
        #expect(r.events.allSatisfy { $0.phase == .train && $0.epochs == 2 && $0.steps == 3 && $0.verbose == 1 })
        #expect(r.events.filter { $0.kind == .batch }.map(\.step) == [1, 2, 3, 1, 2, 3])
        let end = r.events[4]
        #expect(end.step == 3 && end.logs.names == ["loss", "mae", "val_loss", "val_mae"])
        #expect(r.events[0].text() == "Epoch 1/2")
        let line = try #require(end.text())
        #expect(line.hasPrefix("3/3 ━━━━━━━━━━━━━━━━━━━━ "), "\(line)")
        #expect(line.contains("/step - loss: ") && line.contains(" - val_mae: "))
        #expect(end.elapsed >= 0 && end.timePerStep >= 0 && end.redraw)
        #expect(model.history!["loss"]!.count == 2)

        let e = RecordingReporter()
        let logs = try model.evaluate(x, y, batchSize: 3, verbose: 2, progress: e)
        #expect(e.events.map { "\($0.phase) \($0.kind) \($0.step)/\($0.steps)" } == ["test batch 1/4", "test batch 2/4", "test batch 3/4", "test batch 4/4", "test end 4/4"])
        #expect(e.events.last!.logs == logs && e.events[0].text() == nil)
        #expect(e.events.last!.text()!.hasPrefix("4/4 - "))

        let p = RecordingReporter()
        let out = try model.predict(x, batchSize: 4, progress: p)
        #expect(out[0].shape == [10, 1])
        #expect(p.events.map { "\($0.phase) \($0.kind) \($0.step)" } == ["predict batch 1", "predict batch 2", "predict batch 3", "predict end 3"])
        #expect(p.events.last!.text()!.hasSuffix("/step"))

        // verbose 0: events still come (the language may want them), Keras prints nothing.
        let q = RecordingReporter()
        try model.fit(x, y, epochs: 1, verbose: 0, progress: q)
        #expect(!q.events.isEmpty && q.events.allSatisfy { $0.text() == nil })
    }

    @Test func nanLossStopsAfterThatBatch() throws {
        let (model, x, y) = try smallModel()
        var bad = x
        bad.floats[7 * 6] = .nan                      // sample 7 is in batch 3 with batch size 2
        let r = RecordingReporter()
        let hooks = HookRecorder()
        let history = try model.fit(bad, y, batchSize: 2, epochs: 5, verbose: 1, callbacks: [hooks], shuffle: false, progress: r)
        #expect(r.messages == ["Batch 3: Invalid loss, terminating training"])
        #expect(history["loss"]!.count == 1 && history["loss"]![0].isNaN)
        #expect(hooks.calls.filter { $0.hasPrefix("batch_end") }.count == 4)
        #expect(hooks.calls.last!.hasPrefix("train_end"))
        // Keras finalizes the bar at its target even when the epoch stopped early.
        #expect(r.events.last!.kind == .end && r.events.last!.step == 5)
        #expect(r.events.last!.text()!.contains("loss: nan"))
        #expect(model.stopTraining)

        // raise_error=True: a RuntimeError at once.
        let (m2, _, _) = try smallModel()
        #expect(throws: TensorError.self) {
            try m2.fit(bad, y, batchSize: 2, verbose: 0, callbacks: [TerminateOnNaN(raiseError: true)], shuffle: false)
        }
    }

    @Test func interruptKeepsWeightsAndPartialHistory() throws {
        let (model, x, y) = try smallModel()
        let (reference, _, _) = try smallModel()
        var polls = 0
        let r = RecordingReporter()
        do {
            // 10 samples in batches of 4: 3 steps per epoch; stop before the 8th batch (epoch 2, step 1).
            try model.fit(x, y, batchSize: 4, epochs: 10, verbose: 1, shuffle: false, progress: r,
                          shouldStop: { polls += 1; return polls == 8 })
            Issue.record("fit should have been interrupted")
        } catch let stop as TrainingInterrupted {
            #expect(stop.phase == .train && stop.epoch == 2 && stop.step == 1)
            #expect(stop.history === model.history)
            #expect("\(stop)" == "KeyboardInterrupt: train stopped in epoch 3 after 1 batch")
        }
        #expect(model.history!["loss"]!.count == 2, "two finished epochs")
        #expect(r.events.last!.kind == .batch && r.events.last!.step == 1)
        // The same 7 updates by train_on_batch give the same weights.
        for step in 0..<7 {
            let s = (step % 3) * 4
            _ = try reference.trainOnBatch(rows(x, s..<min(10, s + 4)), rows(y, s..<min(10, s + 4)))
        }
        for (a, b) in zip(model.weights, reference.weights) { #expect(a == b) }

        #expect(throws: TrainingInterrupted.self) { try model.evaluate(x, y, verbose: 0, shouldStop: { true }) }
        #expect(throws: TrainingInterrupted.self) { try model.predict(x, verbose: 0, shouldStop: { true }) }
    }

    @Test func earlyStoppingPatienceAndRestore() throws {
        // Learning rate 0: the loss never improves after epoch 0, so patience p stops at epoch p (or 1).
        for (patience, epochs) in [(0, 2), (3, 4)] {
            let (model, x, y) = try smallModel(learningRate: 0)
            let stop = EarlyStopping(monitor: "loss", patience: patience, verbose: 1)
            let r = RecordingReporter()
            let history = try model.fit(x, y, epochs: 10, verbose: 0, callbacks: [stop], progress: r)
            #expect(history["loss"]!.count == epochs)
            #expect(stop.stoppedEpoch == epochs - 1)
            #expect(r.messages == ["Epoch \(epochs): early stopping"])
        }
        // mode max on a falling loss: epoch 0 is best; patience 2 stops at epoch 2 and restores epoch 0's weights.
        let (model, x, y) = try smallModel(learningRate: 0.1)
        let hooks = HookRecorder()
        let stop = EarlyStopping(monitor: "loss", patience: 2, verbose: 1, mode: "max", restoreBestWeights: true)
        let r = RecordingReporter()
        let history = try model.fit(x, y, epochs: 10, verbose: 0, callbacks: [hooks, stop], shuffle: false, progress: r)
        #expect(history["loss"]!.count == 3 && history["loss"]![2] < history["loss"]![0])
        #expect(r.messages == ["Epoch 3: early stopping", "Restoring model weights from the end of the best epoch: 1."])
        for (a, b) in zip(model.weights, hooks.weightsAtEpochEnd[0]) { #expect(a == b) }
        #expect(model.weights != hooks.weightsAtEpochEnd[2])

        // min_delta: improvements smaller than it do not count.
        let (m2, x2, y2) = try smallModel(learningRate: 1e-4)
        let strict = EarlyStopping(monitor: "loss", minDelta: 10, patience: 1)
        #expect(try m2.fit(x2, y2, epochs: 10, verbose: 0, callbacks: [strict])["loss"]!.count == 2)

        // auto mode: accuracy is maximised; an unknown metric is Keras' ValueError; a missing one warns.
        let (m3, x3, y3) = try smallModel(metrics: ["mae"])
        let missing = RecordingReporter()
        try m3.fit(x3, y3, epochs: 2, verbose: 0, callbacks: [EarlyStopping(monitor: "val_loss")], progress: missing)
        #expect(missing.warnings.first == "Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: loss,mae")
        #expect(throws: TensorError.self) { try m3.fit(x3, y3, verbose: 0, callbacks: [EarlyStopping(monitor: "mystery")]) }
    }
}
