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
            ("mixed", """
                import numpy as np
                import matplotlib.pyplot as plt
                np.random.seed(1)
                plt.figure(figsize=(7, 4))
                plt.plot([0, 1, 2, 3, 4], [-3, -1, 0, 2, 1], 'bo-', label='markers')
                plt.scatter(np.random.randn(30) + 2, np.random.randn(30), s=20, c='tab:green', label='points', alpha=0.6)
                plt.axhline(0, color='k', linestyle=':', linewidth=1)
                plt.hist(np.random.randn(200), bins=15, alpha=0.3, label='hist', density=True)
                plt.xlim(-3, 5)
                plt.legend(loc='best')
                plt.title('Mixed artists')
                """),
            ("gates", """
                import numpy as np
                import matplotlib.pyplot as plt
                np.random.seed(2)
                chars = list('hello world')
                gates = 1 / (1 + np.exp(-np.random.randn(len(chars), 6)))
                fig, ax = plt.subplots(figsize=(6, 3))
                im = ax.imshow(gates.T, cmap='gray', vmin=0, vmax=1)
                ax.set_xticks(range(len(chars)))
                ax.set_xticklabels(chars)
                ax.set_ylabel('unit')
                fig.colorbar(im, ax=ax, label='gate')
                ax.set_title('forget gate')
                """),
            ("short_log", """
                import matplotlib.pyplot as plt
                plt.plot([0.31, 0.25, 0.2, 0.18], label='loss')
                plt.yscale('log')
                plt.grid(True)
                plt.xticks([0, 1, 2, 3], ['a', 'b', 'c', 'd'], rotation=45)
                """),
        ]
        for (name, code) in samples {
            let d = displays([code])
            #expect(d.result.errorLine == nil, "\(name): \(d.result)")
            let svg = try #require(d.bundles.first?["image/svg+xml"], "\(name): \(d.result)")
            try svg.write(toFile: "\(dir)/\(name).svg", atomically: true, encoding: .utf8)
        }
    }

    @Test func openFigureIsShownWhenTheCellEnds() {
        let session = NotebookSession()
        let d = displays(["import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nx = 1"], session: session)
        #expect(d.bundles.count == 1)
        #expect(d.bundles.first?["text/plain"] == "<Figure size 640x480 with 1 Axes>")
        #expect(d.bundles.first?["image/svg+xml"]?.contains("<svg") == true)
        // The inline backend closes figures after showing them: the next cell starts afresh.
        #expect(displays(["y = 2"], session: session).bundles.isEmpty)
        #expect(displays(["plt.get_fignums()"], session: session).result.valueText == "[]")
    }

    @Test func showDisplaysAtOnceAndCloses() {
        let d = displays(["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\nplt.figure(figsize=(3, 2))\nplt.bar([1], [2])\nplt.show()"])
        #expect(d.bundles.map { $0["text/plain"] } == ["<Figure size 640x480 with 1 Axes>", "<Figure size 300x200 with 1 Axes>"])
    }

    @Test func figureAsCellValueIsNotShownTwice() {
        let d = displays(["import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([3, 1])\nfig"])
        #expect(d.bundles.isEmpty)
        if case .ok(let value, _) = d.result {
            #expect(value?["image/svg+xml"]?.contains("<path") == true)
        } else {
            Issue.record("cell failed: \(d.result)")
        }
    }

    @Test func emptyFigureShowsOnlyItsSummary() {
        let d = displays(["import matplotlib.pyplot as plt\nplt.figure()\npass"])
        #expect(d.bundles == [["text/plain": "<Figure size 640x480 with 0 Axes>"]])
    }

    @Test func figureIsShownEvenWhenTheCellFails() {
        let d = displays(["import matplotlib.pyplot as plt\nplt.plot([1, 2])\n1 / 0"])
        #expect(d.result.errorLine == "ZeroDivisionError: division by zero")
        #expect(d.bundles.count == 1)
    }

    @Test func kerasHistoryRecipe() throws {
        let d = displays(["""
            import matplotlib.pyplot as plt
            history = {'loss': [1.2, 0.8, 0.5, 0.31], 'val_loss': [1.3, 0.9, 0.7, 0.6]}
            plt.plot(history['loss'], label='loss')
            plt.plot(history['val_loss'], label='val_loss')
            plt.xlabel('epoch')
            plt.legend()
            plt.show()
            """])
        #expect(d.result.errorLine == nil)
        let svg = try #require(d.bundles.first?["image/svg+xml"])
        #expect(svg.contains(">val_loss</text>") && svg.contains(">loss</text>") && svg.contains(">epoch</text>"))
        #expect(svg.contains("stroke=\"#1f77b4\"") && svg.contains("stroke=\"#ff7f0e\""))
        #expect(d.stderr.isEmpty)
    }

    @Test func longLineIsOnePathAndOutputIsDeterministic() throws {
        let code = "import numpy as np\nimport matplotlib.pyplot as plt\nx = np.linspace(0, 10, 1000)\nplt.plot(x, np.tanh(x - 5))\nplt.title('1000 points')"
        let first = try #require(displays([code]).bundles.first?["image/svg+xml"])
        let second = try #require(displays([code]).bundles.first?["image/svg+xml"])
        #expect(first == second)
        let dataPaths = first.components(separatedBy: "<path").filter { $0.contains("stroke=\"#1f77b4\"") }
        #expect(dataPaths.count == 1)
        #expect(dataPaths.first.map { $0.filter { $0 == "M" }.count } == 1)
        #expect(first.utf8.count < 30_000, "SVG is \(first.utf8.count) bytes")
    }

    @Test func nanAndInfinityBreakTheLine() throws {
        let code = "import matplotlib.pyplot as plt\nplt.plot([1, 2, float('nan'), 4, 5, float('inf'), 7, 8])"
        let svg = try #require(displays([code]).bundles.first?["image/svg+xml"])
        let line = try #require(svg.components(separatedBy: "<path").first { $0.contains("stroke=\"#1f77b4\"") })
        #expect(line.filter { $0 == "M" }.count == 3)
    }

    @Test func savefigWritesTheSVG() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plot-test-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let d = displays(["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('\(path)')\nplt.close()"])
        #expect(d.result.errorLine == nil && d.bundles.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("width=\"460.8pt\" height=\"345.6pt\""))
    }

    @Test func legendWithoutLabelsWarns() {
        let d = displays(["import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.legend()"])
        #expect(d.stderr.contains("No artists with labels found to put in legend."))
    }
}
