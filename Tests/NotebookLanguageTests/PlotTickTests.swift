import Testing
@testable import NotebookLanguage

/// Ticks, limits and labels against matplotlib (PlotTickFixtures.swift, made by
/// tools/make_plot_fixtures.py), and the small pieces the SVG is built from.
@Suite struct PlotTickTests {
    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)
    }

    @Test(arguments: plotTickFixtures.map(\.name))
    func matchesMatplotlib(_ name: String) throws {
        let f = try #require(plotTickFixtures.first { $0.name == name })
        let figure = PlotFigure(number: 1)
        (figure.width, figure.height) = f.size
        let axes = figure.subplot(rows: 1, columns: 1, index: 1)
        let x = f.x ?? f.y.indices.map(Double.init)
        axes.add(.line(LineArtist(x: x, y: f.y, color: .black, label: "")))
        if f.logY { axes.yScale = .log }
        let layout = FigureRenderer(figure: figure).layout(axes)
        let xl = layout.transform.xLimits, yl = layout.transform.yLimits
        #expect(Self.close(xl.0, f.xLimits.0) && Self.close(xl.1, f.xLimits.1), "\(name) xlim \(xl) vs \(f.xLimits)")
        #expect(Self.close(yl.0, f.yLimits.0) && Self.close(yl.1, f.yLimits.1), "\(name) ylim \(yl) vs \(f.yLimits)")
        func check(_ got: [(value: Double, label: TickLabel)], _ want: [(Double, String)], _ what: String) {
            let gotText = got.map { "\($0.value)=\($0.label)" }, wantText = want.map { "\($0.0)=\($0.1)" }
            #expect(got.count == want.count, "\(name) \(what): \(gotText) vs \(wantText)")
            for (g, w) in zip(got, want) {
                #expect(Self.close(g.value, w.0) && g.label.description == w.1, "\(name) \(what): \(gotText) vs \(wantText)")
            }
        }
        check(layout.xTicks.major, f.xTicks, "x ticks")
        check(layout.yTicks.major, f.yTicks, "y ticks")
        check(layout.yTicks.minor, f.yMinorTicks, "y minor ticks")
        #expect(layout.xTicks.offsetText == f.xOffset, "\(name) x offset")
        #expect(layout.yTicks.offsetText == f.yOffset, "\(name) y offset")
    }

    @Test func scalarFormatterHasNoFloatNoise() {
        let f = ScalarTickFormatter(locs: [0, 0.1, 0.2, 0.30000000000000004], view: (0, 0.3))
        #expect([0, 0.1, 0.2, 0.30000000000000004].map(f.label) == ["0.0", "0.1", "0.2", "0.3"])
        let negative = ScalarTickFormatter(locs: [-1, -0.5, 0, 0.5], view: (-1, 0.5))
        #expect(negative.label(-0.5) == "\u{2212}0.5")
        #expect(negative.label(-1e-17) == "0.0")
    }

    @Test func locatorPicksOneTwoFiveSteps() {
        #expect(TickLocator.linear(0, 1, bins: 9) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(TickLocator.linear(0, 100, bins: 9) == [0, 20, 40, 60, 80, 100])
        #expect(TickLocator.linear(0, 29, bins: 9) == [0, 5, 10, 15, 20, 25, 30])
        // A degenerate or overflowing range never loops or traps.
        #expect(TickLocator.linear(-1e308, 1e308, bins: 9).count == 2)
        #expect(TickLocator.linear(3, 3, bins: 9).count >= 2)
    }

    @Test func pythonFloatArithmetic() {
        #expect(TickLocator.pyDivmod(7, 2) == (3, 1))
        #expect(TickLocator.pyDivmod(-7, 2) == (-4, 1))
        #expect(TickLocator.pyDivmod(7, -2) == (-4, -1))
        #expect(TickLocator.pyFloorDivide(-0.5, 0.2) == -3)
        #expect(TickLocator.npRound(2.5, decimals: 0) == 2)
        #expect(TickLocator.npRound(0.125, decimals: 2) == 0.12)
    }

    @Test func formatStrings() throws {
        let f = try FormatString.parse("r--o")
        #expect(f.color == PlotColor.named("r") && f.lineStyle == .dashed && f.marker == Marker(symbol: "o"))
        #expect(try FormatString.parse("bo").lineStyle == LineStyle.none)
        #expect(try FormatString.parse("C3").color == PlotColor.cycle[3])
        #expect(try FormatString.parse("green").color == PlotColor.named("green"))
        for (bad, why) in [("rx-z", "unrecognized character 'z'"), ("rg", "two color symbols"), ("--:", "two linestyle symbols"), ("ox", "two marker symbols")] {
            #expect(throws: PyException.self) { try FormatString.parse(bad) }
            do { _ = try FormatString.parse(bad) } catch let e as PyException {
                #expect(e.message == "'\(bad)' is not a valid format string (\(why))")
            }
        }
    }

    @Test func colors() {
        #expect(PlotColor.named("tab:orange")?.hex == "#ff7f0e")
        #expect(PlotColor.named("0.5")?.hex == "#808080")
        #expect(PlotColor.named("#abc")?.hex == "#aabbcc")
        #expect(PlotColor.named("C11")?.hex == "#ff7f0e")
        #expect(PlotColor.named("blu") == nil)
    }

    @Test func svgNumbersAndEscaping() {
        #expect(SVGCanvas.number(12.0) == "12")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(3.14159) == "3.14")
        #expect(SVGCanvas.number(.nan) == "0")
        #expect(SVGCanvas.escape("a<b & \"c\"\u{1}") == "a&lt;b &amp; &quot;c&quot;")
    }

    @Test func pngChecksums() {
        // Reference values from zlib: adler32(b"Wikipedia") and crc32(b"IEND").
        #expect(PNGEncoder.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(PNGEncoder.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        let png = PNGEncoder.encode(width: 2, height: 2, rgba: [UInt8](repeating: 200, count: 16))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(PNGEncoder.base64(Array("Man".utf8)) == "TWFu" && PNGEncoder.base64(Array("Ma".utf8)) == "TWE=")
    }

    @Test func longLinesKeepTheirEnvelope() {
        // 100,000 points across 360 pt: at most 4 kept per 0.25 pt column, extremes included.
        let points: [(Double, Double)?] = (0..<100_000).map { i in
            let x = Double(i) * 360 / 100_000
            return (x, 100 + 50 * ((i % 7 == 0) ? 1 : -1) * Double(i % 13) / 13)
        }
        let kept = FigureRenderer.decimate(points).compactMap { $0 }
        #expect(kept.count <= 4 * 1440 + 4 && kept.count > 1000)
        #expect(kept.map(\.1).max() == points.compactMap { $0?.1 }.max())
        #expect(kept.map(\.1).min() == points.compactMap { $0?.1 }.min())
        // Gaps survive.
        #expect(FigureRenderer.decimate((0..<100).map { $0 == 50 ? nil : (Double($0), 0) }).contains { $0 == nil })
    }
}
