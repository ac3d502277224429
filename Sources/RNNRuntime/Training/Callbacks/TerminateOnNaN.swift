// keras/src/callbacks/terminate_on_nan.py. Keras adds it only on request; fit here always runs
// it (after the user's callbacks, where a user's own TerminateOnNaN would sit) unless the user
// passes one. The logged loss is the epoch's running mean, so once one batch's loss is NaN or
// infinite the check fires at that batch.

/// Keras `TerminateOnNaN(raise_error=False)`: a NaN or infinite loss stops training after the batch.
public final class TerminateOnNaN: Callback {
    /// Throw a RuntimeError at once instead of stopping after the batch (no on_train_end then).
    public let raiseError: Bool

    public init(raiseError: Bool = false) { self.raiseError = raiseError }

    public override func onTrainBatchEnd(_ batch: Int, logs: TrainingLogs) throws {
        guard let loss = logs["loss"], loss.isNaN || loss.isInfinite else { return }
        if raiseError {
            throw TensorError(.runtimeError, "NaN or Inf loss encountered at batch \(batch). Loss value: \(pythonFloat(loss)). Terminating training immediately.")
        }
        print("Batch \(batch): Invalid loss, terminating training")
        model?.stopTraining = true
    }
}
