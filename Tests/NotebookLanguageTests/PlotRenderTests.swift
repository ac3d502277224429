import Foundation
import Testing
@testable import NotebookLanguage

/// Figures through the session: display_data at cell end and on show(), and the SVG they carry.
@Suite struct PlotRenderTests {
    /// Runs cells in one session; returns every display bundle and the last result.
    func displays(_ cells: [String], session: NotebookSession = NotebookSession()) -> (bundles: [[String: String]], result: CellResult, stderr: String) {
        var bundles: [[String: String]] = []
        var result = CellResult.ok(value: nil, pages: [])
        var stderr = ""
        for cell in cells {
            let out = TestOutput()
            result = session.run(cell, output: out)
            bundles += out.displays
            stderr += out.stderr
        }
        return (bundles, result, stderr)
    }

    /// Writes the SVGs of a few typical notebook figures to $PLOT_SAMPLES (when set) for viewing.
    @Test func writesSamplesWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["PLOT_SAMPLES"] else { return }
        let samples: [(String, String)] = [
            ("loss", """
                import matplotlib.pyplot as plt
                loss = [2.3 * 0.8 ** i + 0.05 for i in range(30)]
                val = [2.4 * 0.82 ** i + 0.09 for i in range(30)]
                plt.plot(loss, label='loss')
                plt.plot(val, label='val_loss')
                plt.title('Training history')
                plt.xlabel('epoch')
                plt.ylabel('loss')
                plt.legend()
                plt.grid(True)
                """),
            ("logloss", """
                import matplotlib.pyplot as plt
                loss = [2.3 * 0.7 ** i + 0.001 for i in range(40)]
                plt.figure(figsize=(8, 4))
                plt.plot(loss, 'r--', label='loss')
                plt.yscale('log')
                plt.legend()
                """),
            ("heatmap", """
                import numpy as np
                import matplotlib.pyplot as plt
                np.random.seed(0)
                h = np.tanh(np.random.randn(20, 8))
                plt.imshow(h.T, cmap='coolwarm', aspect='auto')
                plt.colorbar()
                plt.xlabel('time step')
                plt.ylabel('unit')
                plt.title('hidden state')
                """),
            ("subplots", """
                import numpy as np
                import matplotlib.pyplot as plt
                fig, axes = plt.subplots(2, 2, figsize=(8, 6))
                x = np.linspace(0, 6.28, 1000)
                axes[0, 0].plot(x, np.tanh(x - 3))
                axes[0, 0].set_title('tanh')
                axes[0, 1].scatter([1, 2, 3, 4], [4, 1, 3, 2], c=[1, 2, 3, 4])
                axes[1, 0].bar(['a', 'b', 'c'], [3, 5, 2])
                axes[1, 1].imshow(np.arange(12).reshape(3, 4))
                axes[1, 1].set_title('image')
                plt.tight_layout()
                """),
        ]
        for (name, code) in samples {
            let d = displays([code])
            #expect(d.result.errorLine == nil, "\(name): \(d.result)")
            let svg = try #require(d.bundles.first?["image/svg+xml"], "\(name): \(d.result)")
            try svg.write(toFile: "\(dir)/\(name).svg", atomically: true, encoding: .utf8)
        }
    }
}
