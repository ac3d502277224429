// matplotlib's legend with its defaults (font 10 pt): 4 pt padding, 20 pt handles, 8 pt between
// handle and text, rows 5 pt apart, 5 pt from the axes edge, a white 80%-opaque box with a light
// grey rounded frame; `loc='best'` picks the first place covering the fewest data points and
// line segments, in matplotlib's order of locations.

/// One legend row: its label and what the handle looks like.
struct LegendEntry {
    enum Handle {
        case line(LineArtist)
        case scatter(ScatterArtist)
        case bar(BarArtist)
    }
    var label: String
    var handle: Handle
}

/// Draws an axes' legend.
struct LegendRenderer {
    let renderer: FigureRenderer

    /// The rows: artists with labels not starting with "_", or the labels given to `legend([...])`.
    static func entries(_ axes: PlotAxes, spec: LegendSpec) -> [LegendEntry] {
        if let handles = spec.handles {
            let labels = spec.labels ?? handles.map(\.label)
            return zip(handles, labels).map { LegendEntry(label: $0.1, handle: .line($0.0)) }
        }
        var handles: [(String, LegendEntry.Handle)] = []
        var barHandles: [(String, LegendEntry.Handle)] = []
        for child in axes.children {
            switch child {
            case .line(let l): handles.append((l.label, .line(l)))
            case .scatter(let s): handles.append((s.label, .scatter(s)))
            case .bar(let b): barHandles.append((b.label, .bar(b)))
            case .image: break
            }
        }
        handles += barHandles
        if let labels = spec.labels {
            return zip(handles, labels).map { LegendEntry(label: $0.1, handle: $0.0.1) }
        }
        return handles.filter { !$0.0.isEmpty && !$0.0.hasPrefix("_") }.map { LegendEntry(label: $0.0, handle: $0.1) }
    }

    func draw(_ spec: LegendSpec, axes: PlotAxes, transform t: AxesTransform) {
        let rows = Self.entries(axes, spec: spec)
        guard !rows.isEmpty else { return }
        let fs = spec.fontSize, pad = 0.4 * fs, rowHeight = 1.04 * fs, spacing = 0.5 * fs
        let handleWidth = 2 * fs, textPad = 0.8 * fs, edge = 0.5 * fs
        let textWidth = rows.map { SVGCanvas.textWidth($0.label, size: fs) }.max() ?? 0
        let titleHeight = spec.title == nil ? 0 : rowHeight + spacing
        let titleWidth = spec.title.map { SVGCanvas.textWidth($0, size: fs) } ?? 0
        let width = 2 * pad + max(handleWidth + textPad + textWidth, titleWidth)
        let height = 2 * pad + titleHeight + Double(rows.count) * rowHeight + Double(rows.count - 1) * spacing
        let box = t.box
        func place(_ location: String) -> PlotRect {
            let left = box.x + edge, right = box.maxX - edge - width, midX = box.midX - width / 2
            let top = box.y + edge, bottom = box.maxY - edge - height, midY = box.midY - height / 2
            let (x, y): (Double, Double)
            switch location {
            case "upper left": (x, y) = (left, top)
            case "lower left": (x, y) = (left, bottom)
            case "lower right": (x, y) = (right, bottom)
            case "right", "center right": (x, y) = (right, midY)
            case "center left": (x, y) = (left, midY)
            case "lower center": (x, y) = (midX, bottom)
            case "upper center": (x, y) = (midX, top)
            case "center": (x, y) = (midX, midY)
            default: (x, y) = (right, top)
            }
            return PlotRect(x: x, y: y, width: width, height: height)
        }
        let frame = spec.location == "best" ? best(axes, transform: t, place: place) : place(spec.location)
        let canvas = renderer.canvas
        if spec.frame {
            canvas.rect(frame, fill: PlotColor(red: 1, green: 1, blue: 1, alpha: 0.8),
                        stroke: PlotColor(red: 0.8, green: 0.8, blue: 0.8), strokeWidth: 1, cornerRadius: 0.2 * fs)
        }
        var rowTop = frame.y + pad
        if let title = spec.title {
            canvas.text(title, x: frame.midX, y: rowTop, size: fs, align: .middle, baseline: .top)
            rowTop += rowHeight + spacing
        }
        let n = SVGCanvas.number
        for row in rows {
            let x0 = frame.x + pad, centerY = rowTop + 0.45 * fs
            switch row.handle {
            case .line(let line):
                if line.lineStyle != .none && line.lineWidth > 0 {
                    canvas.path("M\(n(x0)) \(n(centerY))H\(n(x0 + handleWidth))", stroke: line.color, strokeWidth: line.lineWidth,
                                dash: line.lineStyle.dashArray(lineWidth: line.lineWidth), bounds: nil)
                }
                if let marker = line.marker {
                    canvas.path(marker.path(x: x0 + handleWidth / 2, y: centerY, size: line.markerSize), stroke: line.color,
                                strokeWidth: 1, fill: marker.isFilled ? (line.markerFaceColor ?? line.color) : nil, bounds: nil)
                }
            case .scatter(let s):
                let size = s.sizes.first.map { $0 > 0 ? $0.squareRoot() : 0 } ?? 6
                let color = s.colors.first ?? PlotColor.cycle[0]
                canvas.path(s.marker.path(x: x0 + handleWidth / 2, y: centerY, size: size), stroke: s.edgeColor ?? color,
                            strokeWidth: s.lineWidth, fill: s.marker.isFilled ? color : nil, bounds: nil)
            case .bar(let b):
                canvas.rect(PlotRect(x: x0, y: centerY - 0.35 * fs, width: handleWidth, height: 0.7 * fs),
                            fill: b.colors.first ?? PlotColor.cycle[0], tracked: false)
            }
            canvas.text(row.label, x: x0 + handleWidth + textPad, y: rowTop, size: fs, align: .start, baseline: .top)
            rowTop += rowHeight + spacing
        }
    }

    /// `_find_best_position`: the least-covering candidate, first in matplotlib's order on ties.
    private func best(_ axes: PlotAxes, transform t: AxesTransform, place: (String) -> PlotRect) -> PlotRect {
        var points: [(Double, Double)] = []
        var segments: [(Double, Double, Double, Double)] = []
        for line in axes.lines where line.span == nil {
            var previous: (Double, Double)?
            for (x, y) in zip(line.x, line.y) {
                let p = (t.x(x), t.y(y))
                guard p.0.isFinite, p.1.isFinite else { previous = nil; continue }
                points.append(p)
                if let q = previous { segments.append((q.0, q.1, p.0, p.1)) }
                previous = p
            }
        }
        for s in axes.scatters {
            for (x, y) in zip(s.x, s.y) {
                let p = (t.x(x), t.y(y))
                if p.0.isFinite && p.1.isFinite { points.append(p) }
            }
        }
        for b in axes.bars {
            for bar in b.bars { points.append((t.x((bar.x0 + bar.x1) / 2), t.y(bar.y1))) }
        }
        var bestRect = place("upper right"), bestScore = Int.max
        for location in LegendSpec.locations.dropFirst() {
            let r = place(location)
            var score = points.filter { r.contains($0.0, $0.1) }.count
            score += segments.filter { FigureRenderer.clip($0.0, $0.1, $0.2, $0.3, to: r) != nil }.count
            if score < bestScore {
                bestScore = score
                bestRect = r
            }
            if score == 0 { break }
        }
        return bestRect
    }
}
