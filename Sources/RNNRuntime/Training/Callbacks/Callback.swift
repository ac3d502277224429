// Keras 3's callback hook points (keras/src/callbacks/callback.py). `fit` calls, in order:
// on_train_begin; per epoch on_epoch_begin, per batch on_train_batch_begin/end, then (with
// validation) evaluate's on_test_begin, on_test_batch_begin/end, on_test_end, and on_epoch_end;
// finally on_train_end. `evaluate` and `predict` call the test/predict hooks. Batch indices are
// 0-based within the epoch; epochs are 0-based (Keras prints epoch + 1).

/// What a training call tells its callbacks (Keras' `callback.params`).
public struct TrainingParams: Equatable, Sendable {
    /// 0 silent, 1 progress bar, 2 one line per epoch.
    public var verbose: Int
    /// The epoch count given to fit (1 for evaluate/predict).
    public var epochs: Int
    /// Batches per epoch (or per evaluate/predict run).
    public var steps: Int

    public init(verbose: Int, epochs: Int, steps: Int) {
        self.verbose = verbose
        self.epochs = epochs
        self.steps = steps
    }
}

/// Keras `keras.callbacks.Callback`: override the hooks you need; every default does nothing.
/// A hook that throws stops the training call and the error propagates to its caller.
open class Callback {
    /// The model being trained (Keras' `self.model`), set by fit/evaluate/predict.
    public internal(set) weak var model: Sequential?
    /// Keras' `self.params`.
    public internal(set) var params = TrainingParams(verbose: 0, epochs: 1, steps: 0)
    /// Where `print` goes: the training call's progress reporter, if any.
    var reporter: (any ProgressReporter)?

    public init() {}

    open func onTrainBegin(logs: TrainingLogs) throws {}
    open func onTrainEnd(logs: TrainingLogs) throws {}
    open func onEpochBegin(_ epoch: Int, logs: TrainingLogs) throws {}
    open func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws {}
    open func onTrainBatchBegin(_ batch: Int, logs: TrainingLogs) throws {}
    open func onTrainBatchEnd(_ batch: Int, logs: TrainingLogs) throws {}
    open func onTestBegin(logs: TrainingLogs) throws {}
    open func onTestEnd(logs: TrainingLogs) throws {}
    open func onTestBatchBegin(_ batch: Int, logs: TrainingLogs) throws {}
    open func onTestBatchEnd(_ batch: Int, logs: TrainingLogs) throws {}
    open func onPredictBegin(logs: TrainingLogs) throws {}
    open func onPredictEnd(logs: TrainingLogs) throws {}
    open func onPredictBatchBegin(_ batch: Int, logs: TrainingLogs) throws {}
    open func onPredictBatchEnd(_ batch: Int, logs: TrainingLogs) throws {}

    /// Keras' `io_utils.print_msg`: a line for the user (TerminateOnNaN, EarlyStopping's verbose
    /// messages), handed to the progress reporter in order with the progress lines.
    public func print(_ line: String) { reporter?.message(line) }

    /// Python's `warnings.warn(...)` (stderr in Keras), handed to the progress reporter.
    public func warn(_ text: String) { reporter?.warning(text) }
}

/// The callbacks of one training call, in Keras' order: the user's, then the defaults that are
/// missing (TerminateOnNaN here, History, then the progress logger last, as Keras appends its
/// ProgbarLogger), each given the model, the params and the reporter.
final class CallbackList {
    let callbacks: [Callback]

    init(_ user: [Callback], defaults: [Callback], model: Sequential, params: TrainingParams, reporter: (any ProgressReporter)?) {
        callbacks = user + defaults
        for c in callbacks {
            c.model = model
            c.params = params
            c.reporter = reporter
        }
    }

    func each(_ body: (Callback) throws -> Void) throws { for c in callbacks { try body(c) } }
}
