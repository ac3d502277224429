// Progress as data: fit/evaluate/predict hand a `ProgressReporter` one `ProgressEvent` per batch
// and per bar start/end (what Keras' ProgbarLogger sees), plus the lines Keras' callbacks print.
// The runtime draws nothing; the notebook language renders `event.text()` in place (or anything
// else from the numbers). Keras' ProgbarLogger redraws a verbose=1 line at most every 0.05 s;
// `event.redraw` says whether it would have drawn this one.

/// Receives training progress; implemented by whoever shows it (the notebook language).
public protocol ProgressReporter: AnyObject {
    /// A bar started, advanced or finished (verbose is in the event; silent runs report too).
    func report(_ event: ProgressEvent) throws
    /// A line Keras prints with `print_msg` (`Batch 3: Invalid loss, terminating training`,
    /// EarlyStopping's verbose lines), in order with the progress lines.
    func message(_ line: String)
    /// A Python `warnings.warn` text Keras would write to stderr.
    func warning(_ text: String)
}

/// One progress update.
public struct ProgressEvent: Equatable, Sendable {
    /// Which loop is running.
    public enum Phase: String, Sendable { case train, test, predict }
    /// What happened.
    public enum Kind: String, Sendable {
        /// An epoch starts (train only): Keras prints `Epoch 3/10` when epochs > 1.
        case epochBegin
        /// A batch finished: the bar advances.
        case batch
        /// The bar finished (epoch end with validation results, evaluate or predict end).
        case end
    }

    public var phase: Phase
    public var kind: Kind
    /// 0-based epoch (0 for evaluate and predict) and the epoch count given to fit.
    public var epoch: Int
    public var epochs: Int
    /// Batches done in this bar (Keras' `current`) and batches per bar (`target`).
    public var step: Int
    public var steps: Int
    /// Seconds since the bar started (the epoch's, evaluate's or predict's start).
    public var elapsed: Double
    /// Keras' estimate of the seconds per batch (the first batch excluded once there are more).
    public var timePerStep: Double
    /// The running metric values (epoch end: with `val_` values); empty for predict.
    public var logs: TrainingLogs
    /// The call's `verbose` (0 silent, 1 bar, 2 one line per epoch).
    public var verbose: Int
    /// Whether Keras' verbose=1 bar would redraw now (always for `end`; batches ≥ 0.05 s apart).
    public var redraw: Bool

    public init(phase: Phase, kind: Kind, epoch: Int, epochs: Int, step: Int, steps: Int, elapsed: Double,
                timePerStep: Double, logs: TrainingLogs, verbose: Int, redraw: Bool) {
        self.phase = phase; self.kind = kind; self.epoch = epoch; self.epochs = epochs
        self.step = step; self.steps = steps; self.elapsed = elapsed; self.timePerStep = timePerStep
        self.logs = logs; self.verbose = verbose; self.redraw = redraw
    }

    /// What Keras 3 prints for this event, without the carriage-return/backspace redrawing and the
    /// final newline: `Epoch 3/10`; a verbose=1 bar line (to replace the previous one; `end`
    /// finishes it); the verbose=2 line at the end; nil when Keras prints nothing.
    public func text(styled: Bool = false) -> String? {
        switch (kind, verbose) {
        case (_, 0): return nil
        case (.epochBegin, _): return epochs > 1 ? ProgressLine.epochHeader(epoch: epoch, epochs: epochs) : nil
        case (.batch, 1), (.end, 1):
            return ProgressLine.verbose1(current: step, target: steps, elapsed: elapsed, timePerStep: timePerStep,
                                         logs: logs, finalize: kind == .end, styled: styled)
        case (.end, 2):
            return ProgressLine.verbose2(current: step, target: steps, elapsed: elapsed, timePerStep: timePerStep, logs: logs)
        default: return nil
        }
    }
}

/// Keras Progbar's clock: the bar's start, the time after its first step, the last redraw.
struct ProgressTimer {
    let start: Double
    private var afterFirstStep: Double?
    private var lastRedraw = 0.0
    /// Keras' minimum seconds between verbose=1 redraws.
    static let interval = 0.05

    init(now: Double) { start = now }

    /// Progbar._estimate_step_duration: (now - after step 1)/(current - 1) once past step 1,
    /// else (now - start)/current; 0 before any step.
    mutating func timePerStep(current: Int, now: Double) -> Double {
        guard current > 0 else { return 0 }
        let t: Double
        if let a = afterFirstStep, current > 1 { t = (now - a) / Double(current - 1) } else { t = (now - start) / Double(current) }
        if current == 1 { afterFirstStep = now }
        return t
    }

    /// Whether a verbose=1 bar redraws now, recording the redraw.
    mutating func redraw(now: Double, finalize: Bool) -> Bool {
        guard finalize || now - lastRedraw >= ProgressTimer.interval else { return false }
        lastRedraw = now
        return true
    }
}
