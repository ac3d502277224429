/// Thrown when a training call's `shouldStop` fires: the loop stopped at a batch boundary, every
/// finished update is in the weights, and the History holds the finished epochs (also
/// `model.history`). The notebook language shows it as `KeyboardInterrupt`.
public struct TrainingInterrupted: Error, CustomStringConvertible {
    /// Which loop stopped.
    public let phase: ProgressEvent.Phase
    /// The 0-based epoch that was running (0 for evaluate/predict).
    public let epoch: Int
    /// Batches finished in that epoch (or run) before stopping.
    public let step: Int
    /// fit's History (nil for evaluate/predict).
    public let history: History?

    public var description: String {
        "KeyboardInterrupt: \(phase.rawValue) stopped in epoch \(epoch + 1) after \(step) batch\(step == 1 ? "" : "es")"
    }
}
