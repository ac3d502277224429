#if canImport(Glibc)
import Glibc
#endif

// Lines, markers, bars and images in SVG. A line is one <path> whatever its length; NaN, inf
// (and values <= 0 on a log axis) break it, as in matplotlib. Segments are clipped to a margin
// around the axes box before they are written, so far-away data never makes huge coordinates,
// and the clip path trims the rest exactly.

extension FigureRenderer {
    /// Liang–Barsky: the part of segment (x0,y0)-(x1,y1) inside `r`, or nil.
    static func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, to r: PlotRect) -> (Double, Double, Double, Double)? {
        var t0 = 0.0, t1 = 1.0
        let dx = x1 - x0, dy = y1 - y0
        for (p, q) in [(-dx, x0 - r.x), (dx, r.maxX - x0), (-dy, y0 - r.y), (dy, r.maxY - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { if t > t1 { return nil }; if t > t0 { t0 = t } }
                else { if t < t0 { return nil }; if t < t1 { t1 = t } }
            }
        }
        return (x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy)
    }

    /// Consecutive points within one 0.25 pt column reduced to the first, lowest, highest and
    /// last of them (in their order): what the eye sees is kept while a 100,000-point curve
    /// shrinks to a few thousand points (matplotlib simplifies paths for the same reason).
    static func decimate(_ points: [(Double, Double)?]) -> [(Double, Double)?] {
        guard points.count > 64 else { return points }
        var out: [(Double, Double)?] = []
        out.reserveCapacity(min(points.count, 8192))
        var run: [(Double, Double)] = []
        var runColumn = Double.nan
        func flush() {
            guard !run.isEmpty else { return }
            if run.count <= 4 {
                out += run.map { Optional($0) }
            } else {
                let low = run.indices.min { run[$0].1 < run[$1].1 }!, high = run.indices.max { run[$0].1 < run[$1].1 }!
                let keep = Set([0, low, high, run.count - 1]).sorted()
                out += keep.map { Optional(run[$0]) }
            }
            run = []
        }
        for point in points {
            guard let p = point else { flush(); out.append(nil); runColumn = .nan; continue }
            let column = (p.0 * 4).rounded(.down)
            if column != runColumn { flush(); runColumn = column }
            run.append(p)
        }
        flush()
        return out
    }

    /// The polyline through the finite points as path data, broken at gaps and clipped to `bounds`.
    static func polyline(_ points: [(Double, Double)?], bounds: PlotRect) -> String {
        let points = decimate(points)
        let n = SVGCanvas.number
        var d = ""
        var pen: String?
        var previous: (Double, Double)?
        for point in points {
            guard let p = point else { previous = nil; continue }
            defer { previous = p }
            guard let q = previous, let c = clip(q.0, q.1, p.0, p.1, to: bounds) else { continue }
            let start = n(c.0) + " " + n(c.1), end = n(c.2) + " " + n(c.3)
            if pen != start { d += "M" + start; pen = start }
            // Points closer than 0.01 pt collapse: a 10,000-point line stays compact.
            if end != pen { d += "L" + end; pen = end }
        }
        // A single finite point draws nothing as a line (matplotlib too); markers still show it.
        return d
    }

    func drawLine(_ line: LineArtist, transform t: AxesTransform, clip: String) {
        let box = t.box
        var points: [(Double, Double)?] = []
        switch line.span {
        case .horizontal(let y, let from, let to)?:
            points = [(box.x + from * box.width, t.y(y)), (box.x + to * box.width, t.y(y))]
        case .vertical(let x, let from, let to)?:
            points = [(t.x(x), box.maxY - from * box.height), (t.x(x), box.maxY - to * box.height)]
        case nil:
            points = zip(line.x, line.y).map { x, y in
                let px = t.x(x), py = t.y(y)
                return px.isFinite && py.isFinite ? (px, py) : nil
            }
        }
        let margin = max(line.lineWidth, line.markerSize) + 2
        let bounds = PlotRect(x: box.x - margin, y: box.y - margin, width: box.width + 2 * margin, height: box.height + 2 * margin)
        if line.lineStyle != .none && line.lineWidth > 0 {
            canvas.path(Self.polyline(points, bounds: bounds), stroke: line.color, strokeWidth: line.lineWidth,
                        dash: line.lineStyle.dashArray(lineWidth: line.lineWidth), clip: clip, bounds: nil)
        }
        if let marker = line.marker {
            var d = ""
            for case let p? in points where bounds.contains(p.0, p.1) {
                d += marker.path(x: p.0, y: p.1, size: line.markerSize)
            }
            canvas.path(d, stroke: line.color, strokeWidth: 1, fill: marker.isFilled ? (line.markerFaceColor ?? line.color) : nil,
                        clip: clip, bounds: nil)
        }
    }

    func drawScatter(_ scatter: ScatterArtist, transform t: AxesTransform, clip: String) {
        let box = t.box
        // One path per colour, in order of first use.
        var paths: [(color: PlotColor, d: String)] = []
        for i in 0..<min(scatter.x.count, scatter.y.count) {
            let px = t.x(scatter.x[i]), py = t.y(scatter.y[i])
            guard px.isFinite, py.isFinite else { continue }
            let size = scatter.sizes.isEmpty ? 6 : sqrt(max(scatter.sizes[i % scatter.sizes.count], 0))
            guard size.isFinite, PlotRect(x: box.x - size, y: box.y - size, width: box.width + 2 * size, height: box.height + 2 * size).contains(px, py) else { continue }
            let color = scatter.colors.isEmpty ? PlotColor.cycle[0] : scatter.colors[i % scatter.colors.count]
            let d = scatter.marker.path(x: px, y: py, size: size)
            if let k = paths.firstIndex(where: { $0.color == color }) { paths[k].d += d } else { paths.append((color, d)) }
        }
        for (color, d) in paths {
            let filled = scatter.marker.isFilled
            canvas.path(d, stroke: scatter.edgeColor ?? color, strokeWidth: scatter.lineWidth, fill: filled ? color : nil,
                        clip: clip, bounds: nil)
        }
    }

    func drawBars(_ artist: BarArtist, transform t: AxesTransform, clip: String) {
        let n = SVGCanvas.number
        let box = t.box
        let bounds = PlotRect(x: box.x - 2, y: box.y - 2, width: box.width + 4, height: box.height + 4)
        var paths: [(color: PlotColor, d: String)] = []
        for (i, bar) in artist.bars.enumerated() {
            let xa = t.x(bar.x0), xb = t.x(bar.x1), ya = t.y(bar.y0), yb = t.y(bar.y1)
            guard xa.isFinite, xb.isFinite, ya.isFinite, yb.isFinite else { continue }
            // Clamp to a margin around the box (the clip path does the exact cut).
            let x0 = min(max(min(xa, xb), bounds.x), bounds.maxX), x1 = min(max(max(xa, xb), bounds.x), bounds.maxX)
            let y0 = min(max(min(ya, yb), bounds.y), bounds.maxY), y1 = min(max(max(ya, yb), bounds.y), bounds.maxY)
            guard x1 > x0 || y1 > y0 else { continue }
            let d = "M\(n(x0)) \(n(y0))H\(n(x1))V\(n(y1))H\(n(x0))Z"
            let color = artist.colors[i % max(artist.colors.count, 1)]
            if let k = paths.firstIndex(where: { $0.color == color }) { paths[k].d += d } else { paths.append((color, d)) }
        }
        for (color, d) in paths {
            canvas.path(d, stroke: artist.lineWidth > 0 ? artist.edgeColor : nil, strokeWidth: artist.lineWidth, fill: color,
                        clip: clip, bounds: nil, square: true)
        }
    }

    /// An image as an embedded PNG, each array cell a block of equal pixels (nearest neighbour,
    /// as matplotlib upsamples), flipped to match inverted axes.
    func drawImage(_ image: ImageArtist, transform t: AxesTransform, clip: String) {
        guard image.rows > 0, image.columns > 0 else { return }
        let e = image.extent
        let left = t.x(e.left), right = t.x(e.right)
        let firstRow = t.y(image.originUpper ? e.top : e.bottom), lastRow = t.y(image.originUpper ? e.bottom : e.top)
        guard left.isFinite, right.isFinite, firstRow.isFinite, lastRow.isFinite else { return }
        let flipX = left > right, flipY = firstRow > lastRow
        let top = min(firstRow, lastRow), bottom = max(firstRow, lastRow)
        let width = abs(right - left), height = bottom - top
        // About 2 pixels per point, at most ~2 million pixels.
        // (Clamped as Doubles first: a zoomed-in image can be wider than any Int.)
        func factor(_ points: Double, _ cells: Int) -> Int {
            let f = (points * 2 / Double(cells)).rounded(.up)
            return f.isFinite ? Int(min(max(f, 1), 64)) : 1
        }
        var kx = factor(width, image.columns), ky = factor(height, image.rows)
        while image.columns * kx * image.rows * ky > 2_000_000 && (kx > 1 || ky > 1) {
            kx = max(1, kx / 2)
            ky = max(1, ky / 2)
        }
        let pw = image.columns * kx, ph = image.rows * ky
        var pixels = [UInt8](repeating: 0, count: pw * ph * 4)
        pixels.withUnsafeMutableBufferPointer { out in
            for row in 0..<image.rows {
                let sourceRow = flipY ? image.rows - 1 - row : row
                let first = row * ky * pw * 4
                for column in 0..<image.columns {
                    let p = image.pixel(sourceRow, flipX ? image.columns - 1 - column : column)
                    var i = first + column * kx * 4
                    for _ in 0..<kx {
                        out[i] = p.0; out[i + 1] = p.1; out[i + 2] = p.2; out[i + 3] = p.3
                        i += 4
                    }
                }
                // The other ky - 1 pixel rows of this array row repeat the first.
                for r in 1..<max(ky, 1) where r < ky {
                    let target = first + r * pw * 4
                    for i in 0..<(pw * 4) { out[target + i] = out[first + i] }
                }
            }
        }
        let png = PNGEncoder.encode(width: pw, height: ph, rgba: pixels)
        let n = SVGCanvas.number
        canvas.raw("<image x=\"\(n(min(left, right)))\" y=\"\(n(top))\" width=\"\(n(width))\" height=\"\(n(height))\" preserveAspectRatio=\"none\" clip-path=\"url(#\(clip))\" xlink:href=\"data:image/png;base64,\(PNGEncoder.base64(png))\"/>")
    }
}
