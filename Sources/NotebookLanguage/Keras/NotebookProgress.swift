#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RNNRuntime

/// Keras' progress output in a notebook. Keras 3 redraws its bar on stdout with carriage returns;
/// here each bar is a `display_data` (text/plain) with its own display id, replaced in place by
/// `update_display_data` as batches finish (at most every 0.05 s, Keras' Progbar interval, and
/// always at the end). Frontends show one line moving; a notebook saved by `jupyter execute` or
/// nbclient keeps each bar's final line. `Epoch 3/10` headers, verbose=2 lines and callbacks'
/// messages are stdout, as Keras prints them; warnings are stderr.
final class NotebookProgress: ProgressReporter {
    private let output: CellOutput
    /// The bar being drawn (nil between bars) and the text it shows.
    private var displayID: String?
    private var shown: String?
    /// How many display messages went out (tests read it).
    private(set) var displayCount = 0

    init(output: CellOutput) {
        self.output = output
    }

    func report(_ event: ProgressEvent) throws {
        switch event.kind {
        case .epochBegin:
            endBar()
            if let header = event.text() { output.write(header + "\n", stream: "stdout") }
        case .batch:
            guard event.verbose == 1, event.redraw, let line = event.text() else { return }
            draw(line)
        case .end:
            guard let line = event.text() else { endBar(); return }
            if event.verbose == 1 { draw(line) } else { output.write(line + "\n", stream: "stdout") }
            endBar()
        }
    }

    func message(_ line: String) {
        output.write(line + "\n", stream: "stdout")
    }

    func warning(_ text: String) {
        output.write("UserWarning: \(text)\n", stream: "stderr")
    }

    /// Shows `line` in the current bar, starting one if needed; unchanged text is not resent.
    private func draw(_ line: String) {
        if let id = displayID {
            guard line != shown else { return }
            output.display(["text/plain": line], displayID: id, update: true)
        } else {
            let id = "keras-progress-" + UUID().uuidString.lowercased()
            displayID = id
            output.display(["text/plain": line], displayID: id, update: false)
        }
        shown = line
        displayCount += 1
    }

    /// The bar is final: the next one is a new output.
    private func endBar() {
        displayID = nil
        shown = nil
    }
}
