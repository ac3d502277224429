#if canImport(Glibc)
import Glibc
#endif

// Draws a PlotFigure as SVG with matplotlib's default style (classic "v2" defaults): spines 0.8 pt,
// ticks outward 3.5 pt with 3.5 pt padding, 10 pt labels, 12 pt titles 6 pt above the axes.
// Clip-path ids come from a hash of the document, so output is deterministic and two different
// figures inlined in one page never share ids.

/// Maps data coordinates to points inside an axes box (y down).
struct AxesTransform {
    let box: PlotRect
    let xLimits: (Double, Double)
    let yLimits: (Double, Double)
    let xLog: Bool
    let yLog: Bool

    private static func fraction(_ v: Double, _ limits: (Double, Double), _ log: Bool) -> Double {
        if log {
            guard v > 0 else { return .nan }
            let a = log10(limits.0), b = log10(limits.1)
            return (log10(v) - a) / (b - a)
        }
        return (v - limits.0) / (limits.1 - limits.0)
    }

    func x(_ v: Double) -> Double { box.x + Self.fraction(v, xLimits, xLog) * box.width }
    func y(_ v: Double) -> Double { box.maxY - Self.fraction(v, yLimits, yLog) * box.height }
}

/// Where one axes and its decorations go, computed before drawing (tight_layout uses it too).
struct AxesLayout {
    let transform: AxesTransform
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    /// Everything the axes draws: box, tick labels, axis labels, title.
    let extent: PlotRect
    let xTickLabelBottom: Double
    let yTickLabelLeft: Double
}

/// Renders a figure to an SVG document.
final class FigureRenderer {
    let figure: PlotFigure
    let canvas: SVGCanvas
    static let fontSize = 10.0
    static let titleSize = 12.0
    static let tickLength = 3.5
    static let tickPad = 3.5
    static let labelPad = 4.0
    private var clipCount = 0

    init(figure: PlotFigure) {
        self.figure = figure
        canvas = SVGCanvas(width: figure.width * 72, height: figure.height * 72)
    }

    func render(tight: Bool) -> String {
        if figure.tightLayout { TightLayout.apply(to: figure, renderer: self) }
        for axes in figure.axes { draw(axes) }
        if !figure.suptitle.isEmpty {
            canvas.text(figure.suptitle, x: canvas.width / 2, y: canvas.height * 0.02, size: Self.titleSize,
                        align: .middle, baseline: .top)
        }
        let document = canvas.document(tight: tight)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in document.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return document.replacing("__CLIP__", with: "clip" + hex)
    }

    // MARK: Layout

    /// The axes box in points, narrowed to keep a fixed aspect when one is set.
    func box(of axes: PlotAxes, xLimits: (Double, Double), yLimits: (Double, Double)) -> PlotRect {
        let w = canvas.width, h = canvas.height
        let p = axes.position
        var box = PlotRect(x: p.left * w, y: (1 - p.bottom - p.height) * h, width: p.width * w, height: p.height * h)
        if let aspect = axes.aspect, axes.colorbar == nil {
            func span(_ l: (Double, Double), _ log: Bool) -> Double {
                log ? abs(log10(l.1) - log10(l.0)) : abs(l.1 - l.0)
            }
            let dx = span(xLimits, axes.xScale == .log), dy = span(yLimits, axes.yScale == .log)
            if dx > 0, dy > 0, dx.isFinite, dy.isFinite {
                let wanted = aspect * dy / dx // box height / width
                if box.height / box.width > wanted {
                    let newHeight = box.width * wanted
                    box = PlotRect(x: box.x, y: box.midY - newHeight / 2, width: box.width, height: newHeight)
                } else {
                    let newWidth = box.height / wanted
                    box = PlotRect(x: box.midX - newWidth / 2, y: box.y, width: newWidth, height: box.height)
                }
            }
        }
        return box
    }

    func layout(_ axes: PlotAxes) -> AxesLayout {
        let xLimits = axes.viewLimits(horizontal: true), yLimits = axes.viewLimits(horizontal: false)
        let box = box(of: axes, xLimits: xLimits, yLimits: yLimits)
        let transform = AxesTransform(box: box, xLimits: xLimits, yLimits: yLimits,
                                      xLog: axes.xScale == .log, yLog: axes.yScale == .log)
        let isColorbar = axes.colorbar != nil
        let xTicks = isColorbar ? AxisTicks() : AxisTicks.compute(axes, horizontal: true, limits: xLimits, length: box.width)
        let yTicks = AxisTicks.compute(axes, horizontal: false, limits: yLimits, length: box.height)
        var extent = box
        let fs = Self.fontSize
        func labelWidth(_ l: TickLabel) -> Double {
            SVGCanvas.textWidth(l.text, size: fs) + (l.superscript.map { SVGCanvas.textWidth($0, size: fs * 0.7) } ?? 0)
        }
        // x tick labels hang below the axes; rotated ones take their width downwards.
        let xLabels = (xTicks.major + xTicks.minor).filter { !$0.label.isEmpty }
        var xBottom = box.maxY + Self.tickLength
        if !xLabels.isEmpty {
            let rotated = axes.xTickRotation != 0
            let depth = rotated ? (xLabels.map { labelWidth($0.label) }.max() ?? 0) * abs(sin(axes.xTickRotation * Double.pi / 180)) + fs * 0.5
                : fs * (xLabels.contains { $0.label.superscript != nil } ? 1.25 : 1.0)
            xBottom = box.maxY + Self.tickLength + Self.tickPad + depth
        }
        extent = extent.union(PlotRect(x: box.x, y: box.y, width: box.width, height: xBottom - box.y))
        let yLabels = (yTicks.major + yTicks.minor).filter { !$0.label.isEmpty }
        let yWidth = yLabels.map { labelWidth($0.label) }.max() ?? 0
        var yLeft = box.x - Self.tickLength
        if isColorbar {
            let right = box.maxX + Self.tickLength + Self.tickPad + yWidth
            extent = extent.union(PlotRect(x: box.x, y: box.y, width: right - box.x, height: box.height))
            if !axes.colorbarLabel.isEmpty {
                extent = extent.union(PlotRect(x: right, y: box.y, width: Self.labelPad + fs * 1.2, height: box.height))
            }
        } else if !yLabels.isEmpty {
            yLeft = box.x - Self.tickLength - Self.tickPad - yWidth
            extent = extent.union(PlotRect(x: yLeft, y: box.y, width: box.x - yLeft, height: box.height))
        }
        if !axes.xLabel.isEmpty {
            extent = extent.union(PlotRect(x: box.midX, y: xBottom, width: 1, height: Self.labelPad + fs * 1.2))
        }
        if !axes.yLabel.isEmpty {
            extent = extent.union(PlotRect(x: yLeft - Self.labelPad - fs * 1.2, y: box.midY, width: 1, height: 1))
        }
        if !axes.title.isEmpty {
            let width = SVGCanvas.textWidth(axes.title, size: Self.titleSize)
            extent = extent.union(PlotRect(x: box.midX - width / 2, y: box.y - 6 - Self.titleSize * 0.76, width: width, height: 1))
        }
        return AxesLayout(transform: transform, xTicks: xTicks, yTicks: yTicks, extent: extent,
                          xTickLabelBottom: xBottom, yTickLabelLeft: yLeft)
    }

    // MARK: Drawing

    func newClipID() -> String {
        defer { clipCount += 1 }
        return "__CLIP__-\(clipCount)"
    }

    private func draw(_ axes: PlotAxes) {
        let layout = layout(axes)
        let t = layout.transform, box = t.box
        if axes.axisVisible { canvas.rect(box, fill: .white) } else { canvas.include(box) }
        if let mapping = axes.colorbar {
            drawColorbar(axes, mapping: mapping, layout: layout)
            return
        }
        let clip = newClipID()
        canvas.raw("<defs><clipPath id=\"\(clip)\"><rect x=\"\(SVGCanvas.number(box.x))\" y=\"\(SVGCanvas.number(box.y))\" width=\"\(SVGCanvas.number(box.width))\" height=\"\(SVGCanvas.number(box.height))\"/></clipPath></defs>")
        for image in axes.images { drawImage(image, transform: t, clip: clip) }
        for bars in axes.bars { drawBars(bars, transform: t, clip: clip) }
        for scatter in axes.scatters { drawScatter(scatter, transform: t, clip: clip) }
        drawGrid(axes, layout: layout)
        for line in axes.lines { drawLine(line, transform: t, clip: clip) }
        drawFrame(axes, layout: layout)
        if let legend = axes.legend { LegendRenderer(renderer: self).draw(legend, axes: axes, transform: t) }
    }

    private func drawGrid(_ axes: PlotAxes, layout: AxesLayout) {
        let t = layout.transform, box = t.box
        var d = ""
        if axes.xGrid { for tick in layout.xTicks.major { d += "M\(SVGCanvas.number(t.x(tick.value))) \(SVGCanvas.number(box.y))V\(SVGCanvas.number(box.maxY))" } }
        if axes.yGrid { for tick in layout.yTicks.major { d += "M\(SVGCanvas.number(box.x)) \(SVGCanvas.number(t.y(tick.value)))H\(SVGCanvas.number(box.maxX))" } }
        canvas.path(d, stroke: axes.gridColor, strokeWidth: axes.gridLineWidth,
                    dash: axes.gridLineStyle.dashArray(lineWidth: axes.gridLineWidth), bounds: nil, square: true)
    }

    /// Spines, tick marks, tick labels, offset texts, axis labels and the title.
    private func drawFrame(_ axes: PlotAxes, layout: AxesLayout) {
        let t = layout.transform, box = t.box, fs = Self.fontSize
        let n = SVGCanvas.number
        guard axes.axisVisible else {
            if !axes.title.isEmpty {
                canvas.text(axes.title, x: box.midX, y: box.y - 6, size: Self.titleSize, align: .middle, baseline: .baseline)
            }
            return
        }
        canvas.path("M\(n(box.x)) \(n(box.y))H\(n(box.maxX))V\(n(box.maxY))H\(n(box.x))Z", stroke: .black, strokeWidth: 0.8,
                    bounds: nil, square: true)
        var major = "", minor = ""
        for tick in layout.xTicks.major { major += "M\(n(t.x(tick.value))) \(n(box.maxY))v\(n(Self.tickLength))" }
        for tick in layout.xTicks.minor { minor += "M\(n(t.x(tick.value))) \(n(box.maxY))v2" }
        for tick in layout.yTicks.major { major += "M\(n(box.x)) \(n(t.y(tick.value)))h\(n(-Self.tickLength))" }
        for tick in layout.yTicks.minor { minor += "M\(n(box.x)) \(n(t.y(tick.value)))h-2" }
        canvas.path(major, stroke: .black, strokeWidth: 0.8, bounds: nil, square: true)
        canvas.path(minor, stroke: .black, strokeWidth: 0.6, bounds: nil, square: true)
        let labelTop = box.maxY + Self.tickLength + Self.tickPad
        for tick in layout.xTicks.major + layout.xTicks.minor where !tick.label.isEmpty {
            if axes.xTickRotation != 0 {
                canvas.text(tick.label.text, x: t.x(tick.value), y: labelTop, size: fs, align: .end,
                            baseline: .centerBaseline, rotation: axes.xTickRotation, superscript: tick.label.superscript)
            } else {
                canvas.text(tick.label.text, x: t.x(tick.value), y: labelTop, size: fs, align: .middle, baseline: .top,
                            superscript: tick.label.superscript)
            }
        }
        let labelRight = box.x - Self.tickLength - Self.tickPad
        for tick in layout.yTicks.major + layout.yTicks.minor where !tick.label.isEmpty {
            canvas.text(tick.label.text, x: labelRight, y: t.y(tick.value), size: fs, align: .end, baseline: .centerBaseline,
                        rotation: axes.yTickRotation, superscript: tick.label.superscript)
        }
        if !layout.xTicks.offsetText.isEmpty {
            canvas.text(layout.xTicks.offsetText, x: box.maxX, y: layout.xTickLabelBottom + 3, size: fs, align: .end, baseline: .top)
        }
        if !layout.yTicks.offsetText.isEmpty {
            canvas.text(layout.yTicks.offsetText, x: box.x, y: box.y - 4, size: fs, align: .start, baseline: .baseline)
        }
        if !axes.xLabel.isEmpty {
            canvas.text(axes.xLabel, x: box.midX, y: layout.xTickLabelBottom + Self.labelPad, size: fs, align: .middle, baseline: .top)
        }
        if !axes.yLabel.isEmpty {
            canvas.text(axes.yLabel, x: layout.yTickLabelLeft - Self.labelPad, y: box.midY, size: fs, align: .middle,
                        baseline: .bottom, rotation: 90)
        }
        if !axes.title.isEmpty {
            var top = box.y - 6
            if !layout.yTicks.offsetText.isEmpty { top -= fs }
            canvas.text(axes.title, x: box.midX, y: top, size: Self.titleSize, align: .middle, baseline: .baseline)
        }
    }

    /// A colorbar: the colormap as a gradient, an outline, ticks and labels on the right.
    private func drawColorbar(_ axes: PlotAxes, mapping: ColorMapping, layout: AxesLayout) {
        let t = layout.transform, box = t.box, n = SVGCanvas.number, fs = Self.fontSize
        let steps = mapping.colormap.table.count
        var pixels: [UInt8] = []
        pixels.reserveCapacity(steps * 4)
        for i in (0..<steps).reversed() {
            let c = mapping.colormap.table[i]
            pixels += [c.red, c.green, c.blue].map { UInt8(min(max($0, 0), 1) * 255 + 0.5) } + [255]
        }
        // The gradient covers vmin...vmax, which may be inside the (nonsingular) limits.
        let top = t.y(max(mapping.vmax, mapping.vmin)), bottom = t.y(min(mapping.vmin, mapping.vmax))
        let png = PNGEncoder.encode(width: 1, height: steps, rgba: pixels)
        canvas.raw("<image x=\"\(n(box.x))\" y=\"\(n(top))\" width=\"\(n(box.width))\" height=\"\(n(max(bottom - top, 0)))\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,\(PNGEncoder.base64(png))\"/>")
        canvas.path("M\(n(box.x)) \(n(box.y))H\(n(box.maxX))V\(n(box.maxY))H\(n(box.x))Z", stroke: .black, strokeWidth: 0.8,
                    bounds: nil, square: true)
        var d = ""
        for tick in layout.yTicks.major { d += "M\(n(box.maxX)) \(n(t.y(tick.value)))h\(n(Self.tickLength))" }
        canvas.path(d, stroke: .black, strokeWidth: 0.8, bounds: nil, square: true)
        let x = box.maxX + Self.tickLength + Self.tickPad
        var right = x
        for tick in layout.yTicks.major where !tick.label.isEmpty {
            canvas.text(tick.label.text, x: x, y: t.y(tick.value), size: fs, align: .start, baseline: .centerBaseline,
                        superscript: tick.label.superscript)
            right = max(right, x + SVGCanvas.textWidth(tick.label.text, size: fs))
        }
        if !layout.yTicks.offsetText.isEmpty {
            canvas.text(layout.yTicks.offsetText, x: box.x, y: box.y - 4, size: fs, align: .start, baseline: .baseline)
        }
        if !axes.colorbarLabel.isEmpty {
            canvas.text(axes.colorbarLabel, x: right + Self.labelPad, y: box.midY, size: fs, align: .middle,
                        baseline: .top, rotation: 90)
        }
    }
}
