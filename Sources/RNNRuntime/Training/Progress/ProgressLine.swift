// Keras 3's progress text (keras/src/utils/progbar.py, ProgbarLogger), as pure functions of the
// numbers, so the notebook language draws the line in place however it likes:
//
//   verbose=1  "32/32 ━━━━━━━━━━━━━━━━━━━━ 1s 5ms/step - accuracy: 0.9000 - loss: 0.1234"
//              while running the time is the ETA ("%ds" truncated, "m:ss", "h:mm:ss"); on the final
//              line it is the elapsed time ("{:.0f}s"). The bar is 20 wide: int(20·current/target)
//              done cells, the rest pending (green and white with ANSI styling, as Keras prints).
//   verbose=2  "32/32 - 1s - 5ms/step - loss: 0.1234", once per epoch.
//   header     "Epoch 3/10" before each epoch when epochs > 1 (and verbose != 0).
// Values print "{:.4f}" when |v| > 1e-3 (verbose 2: when v > 1e-3), else "{:.4e}"; the time per
// step "{:.0f}s/step" at ≥ 1 s or exactly 0, "{:.0f}ms/step" at ≥ 1 ms, else "{:.0f}us/step".

#if canImport(Glibc)
import Glibc
#endif

/// Formats Keras 3's progress lines.
public enum ProgressLine {
    /// Keras' bar width.
    public static let width = 20

    /// `Epoch 3/10` (`epoch` is 0-based).
    public static func epochHeader(epoch: Int, epochs: Int) -> String { "Epoch \(epoch + 1)/\(epochs)" }

    /// The verbose=1 line. `elapsed` is seconds since the bar started (shown on the final line),
    /// `timePerStep` Keras' estimate (`ProgressTimer`); `target` nil draws `   current/Unknown`.
    /// `styled` adds Keras' ANSI codes (bold counts and times, green done cells, white pending).
    public static func verbose1(current: Int, target: Int?, elapsed: Double, timePerStep: Double,
                                logs: TrainingLogs, finalize: Bool, unit: String = "step", styled: Bool = false) -> String {
        func bold(_ s: String) -> String { styled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        var line: String
        if let target, target > 0 {
            line = bold(counter(current, target)) + " "
            // Keras draws int(20·current/target) done cells, more than 20 past the target (capped here).
            let done = Swift.min(Swift.max(0, Int(Double(width) * Swift.min(Double(current) / Double(target), 1000))), 20_000)
            let cells = Swift.min(done, width)
            if cells > 0 {
                let bar = String(repeating: "━", count: done)
                line += styled ? "\u{1B}[32m\(bar)\u{1B}[0m" : bar
            }
            let rest = String(repeating: "━", count: width - cells)
            line += styled ? "\u{1B}[37m\(rest)\u{1B}[0m" : rest
        } else {
            let c = String(current)
            line = String(repeating: " ", count: Swift.max(0, 7 - c.count)) + c + "/Unknown"
        }
        if let target, target > 0, !finalize {
            line += " " + bold(eta(timePerStep * Double(target - current)))
        } else {
            line += " " + bold(cFormat("%.0f", elapsed) + "s")
        }
        line += time(perStep: timePerStep, unit: unit)
        for e in logs.entries { line += " - \(e.name): " + value(e.value, absolute: true) }
        return line
    }

    /// The verbose=2 line, printed once when a bar finalizes (nil without a known target, as Keras).
    public static func verbose2(current: Int, target: Int?, elapsed: Double, timePerStep: Double,
                                logs: TrainingLogs, unit: String = "step") -> String? {
        guard let target, target > 0 else { return nil }
        var line = counter(current, target) + " - " + cFormat("%.0f", elapsed) + "s -" + time(perStep: timePerStep, unit: unit)
        for e in logs.entries { line += " - \(e.name): " + value(e.value, absolute: false) }
        return line
    }

    /// `%{digits}d/%d` with the current count right-aligned to the target's width.
    static func counter(_ current: Int, _ target: Int) -> String {
        let digits = String(target).count
        let c = String(current)
        return String(repeating: " ", count: Swift.max(0, digits - c.count)) + c + "/\(target)"
    }

    /// The ETA: `%ds` below a minute, `%d:%02d` below an hour, else `%d:%02d:%02d` (Python's
    /// `%d` truncates, `//` floors).
    public static func eta(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "0s" }
        func whole(_ x: Double) -> String { cFormat("%.0f", x.rounded(.towardZero)) }
        func two(_ x: Double) -> String { let s = whole(x); return s.count < 2 ? "0" + s : s }
        let r = seconds.truncatingRemainder(dividingBy: 60)
        if seconds > 3600 {
            return whole((seconds / 3600).rounded(.down)) + ":" + two((seconds.truncatingRemainder(dividingBy: 3600) / 60).rounded(.down)) + ":" + two(r)
        }
        if seconds > 60 { return whole((seconds / 60).rounded(.down)) + ":" + two(r) }
        return whole(seconds) + "s"
    }

    /// Keras' `_format_time`: ` 5ms/step` (leading space included).
    public static func time(perStep t: Double, unit: String = "step") -> String {
        if t >= 1 || t == 0 { return " " + cFormat("%.0f", t) + "s/\(unit)" }
        if t >= 1e-3 { return " " + cFormat("%.0f", t * 1000) + "ms/\(unit)" }
        return " " + cFormat("%.0f", t * 1_000_000) + "us/\(unit)"
    }

    /// A metric value: `0.1234`, or `1.2346e-04` at or below 1e-3 in magnitude (`absolute`) or
    /// value (verbose 2, which compares the signed value); `nan`, `inf` as Python prints them.
    public static func value(_ v: Double, absolute: Bool = true) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v < 0 ? "-inf" : "inf" }
        return cFormat((absolute ? Swift.abs(v) : v) > 1e-3 ? "%.4f" : "%.4e", v)
    }

    /// C's printf of one number (glibc rounds the exact binary value half-to-even, as Python does).
    static func cFormat(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 400)
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(cString: buffer)
    }
}
