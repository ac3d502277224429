// Keras' ProgbarLogger (keras/src/callbacks/progbar_logger.py) turned into events: a bar per epoch
// (reset at on_epoch_begin), advanced at every train batch end and finalized at on_epoch_end with
// the epoch's logs (validation included); inside fit the validation run is silent. Standalone
// evaluate/predict get one bar from on_test/predict_begin to their end. Last in the callback list,
// as Keras appends its ProgbarLogger, so the other callbacks' messages come first.

/// The callback that feeds a `ProgressReporter`.
final class ProgressCallback: Callback {
    let target: any ProgressReporter
    private var timer = ProgressTimer(now: 0)
    private var inFit = false
    private let clock: () -> Double

    init(_ reporter: any ProgressReporter, clock: @escaping () -> Double = TrainingClock.now) {
        target = reporter
        self.clock = clock
    }

    private func send(_ phase: ProgressEvent.Phase, _ kind: ProgressEvent.Kind, epoch: Int, step: Int, logs: TrainingLogs) throws {
        let now = clock()
        let perStep = kind == .epochBegin ? 0 : timer.timePerStep(current: step, now: now)
        let redraw = kind == .epochBegin ? true : timer.redraw(now: now, finalize: kind == .end)
        try target.report(ProgressEvent(phase: phase, kind: kind, epoch: epoch, epochs: params.epochs, step: step,
                                        steps: params.steps, elapsed: now - timer.start, timePerStep: perStep,
                                        logs: logs, verbose: params.verbose, redraw: redraw))
    }

    private var epoch = 0

    override func onTrainBegin(logs: TrainingLogs) throws { inFit = true }
    override func onTrainEnd(logs: TrainingLogs) throws { inFit = false }

    override func onEpochBegin(_ epoch: Int, logs: TrainingLogs) throws {
        self.epoch = epoch
        timer = ProgressTimer(now: clock())
        try send(.train, .epochBegin, epoch: epoch, step: 0, logs: logs)
    }
    override func onTrainBatchEnd(_ batch: Int, logs: TrainingLogs) throws {
        try send(.train, .batch, epoch: epoch, step: batch + 1, logs: logs)
    }
    override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws {
        try send(.train, .end, epoch: epoch, step: params.steps, logs: logs)
    }

    override func onTestBegin(logs: TrainingLogs) throws {
        if !inFit { timer = ProgressTimer(now: clock()) }
    }
    override func onTestBatchEnd(_ batch: Int, logs: TrainingLogs) throws {
        if !inFit { try send(.test, .batch, epoch: 0, step: batch + 1, logs: logs) }
    }
    override func onTestEnd(logs: TrainingLogs) throws {
        if !inFit { try send(.test, .end, epoch: 0, step: params.steps, logs: logs) }
    }

    override func onPredictBegin(logs: TrainingLogs) throws { timer = ProgressTimer(now: clock()) }
    override func onPredictBatchEnd(_ batch: Int, logs: TrainingLogs) throws {
        try send(.predict, .batch, epoch: 0, step: batch + 1, logs: TrainingLogs())
    }
    override func onPredictEnd(logs: TrainingLogs) throws {
        try send(.predict, .end, epoch: 0, step: params.steps, logs: TrainingLogs())
    }
}
