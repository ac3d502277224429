#if canImport(Glibc)
import Glibc
#endif

// Coordinates are points (1/72 inch) with y growing downwards, as in SVG; the figure code
// converts from data coordinates. Every element widens `extent`, which `bbox_inches='tight'`
// (what Jupyter's inline backend uses) crops to.

/// A rectangle in points (y down).
struct PlotRect: Equatable {
    var x: Double, y: Double, width: Double, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func union(_ other: PlotRect) -> PlotRect {
        let x0 = min(x, other.x), y0 = min(y, other.y)
        return PlotRect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
}

/// How a text's anchor point relates to its box, as matplotlib's `ha` / `va`.
enum TextAlign { case start, middle, end }
enum TextBaseline { case top, center, centerBaseline, baseline, bottom }

/// Writes an SVG document and tracks the extent of what it drew.
final class SVGCanvas {
    let width: Double
    let height: Double
    private(set) var body = ""
    private(set) var extent: PlotRect?
    static let fontFamily = "DejaVu Sans, Bitstream Vera Sans, Arial, Helvetica, sans-serif"

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Grows the drawn extent (for tight cropping).
    func include(_ rect: PlotRect) {
        guard rect.x.isFinite, rect.y.isFinite, rect.width.isFinite, rect.height.isFinite else { return }
        extent = extent.map { $0.union(rect) } ?? rect
    }

    func raw(_ element: String) { body += element + "\n" }

    /// A rectangle; `stroke` nil means no outline.
    func rect(_ r: PlotRect, fill: PlotColor?, stroke: PlotColor? = nil, strokeWidth: Double = 1,
              cornerRadius: Double = 0, clip: String? = nil, tracked: Bool = true) {
        var s = "<rect x=\"\(Self.number(r.x))\" y=\"\(Self.number(r.y))\" width=\"\(Self.number(r.width))\" height=\"\(Self.number(r.height))\""
        if cornerRadius > 0 { s += " rx=\"\(Self.number(cornerRadius))\"" }
        s += Self.paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        if let clip { s += " clip-path=\"url(#\(clip))\"" }
        raw(s + "/>")
        if tracked { include(r) }
    }

    /// A path (`d` in SVG syntax); `bounds` is what it may cover, for the tight extent.
    func path(_ d: String, stroke: PlotColor?, strokeWidth: Double = 1, fill: PlotColor? = nil,
              dash: String? = nil, clip: String? = nil, bounds: PlotRect?, square: Bool = false) {
        guard !d.isEmpty else { return }
        var s = "<path d=\"\(d)\"" + Self.paint(fill: fill, stroke: stroke, strokeWidth: strokeWidth)
        if stroke != nil { s += square ? " stroke-linecap=\"square\"" : " stroke-linecap=\"round\" stroke-linejoin=\"round\"" }
        if let dash { s += " stroke-dasharray=\"\(dash)\"" }
        if let clip { s += " clip-path=\"url(#\(clip))\"" }
        raw(s + "/>")
        if let bounds { include(bounds) }
    }

    /// Text at (x, y) aligned like matplotlib's ha/va, rotated counter-clockwise by `rotation`
    /// degrees; a `superscript` follows in a smaller, raised font (the exponent of 10^k).
    func text(_ text: String, x: Double, y: Double, size: Double, align: TextAlign = .start,
              baseline: TextBaseline = .baseline, rotation: Double = 0, color: PlotColor = .black,
              weight: String? = nil, superscript: String? = nil) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let lineHeight = size * 1.2
        let width = (lines.map { Self.textWidth($0, size: size) }.max() ?? 0)
            + (superscript.map { Self.textWidth($0, size: size * 0.7) } ?? 0)
        let height = size + lineHeight * Double(lines.count - 1) + (superscript == nil ? 0 : size * 0.25)
        // Offset of the first baseline from the anchor, along the text's own "down" direction.
        let top: Double
        switch baseline {
        case .top: top = 0
        case .center: top = -height / 2
        case .centerBaseline: top = -(size * 0.76 - size * 0.36) - lineHeight * Double(lines.count - 1) / 2
        case .baseline: top = -size * 0.76
        case .bottom: top = -height
        }
        let first = top + size * 0.76 + (superscript == nil ? 0 : size * 0.25)
        // With a superscript the start is placed explicitly: renderers differ on anchoring text
        // whose spans change size.
        let shift = superscript == nil || align == .start ? 0 : align == .middle ? -width / 2 : -width
        let anchor = superscript != nil || align == .start ? "start" : align == .middle ? "middle" : "end"
        var s = "<text"
        if rotation != 0 {
            s += " transform=\"translate(\(Self.number(x)) \(Self.number(y))) rotate(\(Self.number(-rotation)))\" x=\"\(Self.number(shift))\" y=\"\(Self.number(first))\""
        } else {
            s += " x=\"\(Self.number(x + shift))\" y=\"\(Self.number(y + first))\""
        }
        s += " font-size=\"\(Self.number(size))\""
        if anchor != "start" { s += " text-anchor=\"\(anchor)\"" }
        if color != .black { s += " fill=\"\(color.hex)\"" }
        if let weight { s += " font-weight=\"\(weight)\"" }
        s += ">"
        if lines.count == 1 {
            s += Self.escape(lines[0])
        } else {
            for (i, line) in lines.enumerated() {
                let xAttr = rotation != 0 ? "0" : Self.number(x)
                s += "<tspan x=\"\(xAttr)\" dy=\"\(i == 0 ? "0" : Self.number(lineHeight))\">\(Self.escape(line))</tspan>"
            }
        }
        if let superscript {
            s += "<tspan dy=\"\(Self.number(-size * 0.35))\" font-size=\"\(Self.number(size * 0.7))\">\(Self.escape(superscript))</tspan>"
        }
        raw(s + "</text>")
        // The box, unrotated, then turned: enough for the tight extent of 0/90-degree text.
        let x0 = align == .start ? 0 : align == .middle ? -width / 2 : -width
        let box = PlotRect(x: x0, y: top, width: width, height: height)
        let angle = rotation * Double.pi / 180
        let corners = [(box.x, box.y), (box.maxX, box.y), (box.x, box.maxY), (box.maxX, box.maxY)].map { p in
            (x + p.0 * cos(angle) + p.1 * sin(angle), y - p.0 * sin(angle) + p.1 * cos(angle))
        }
        let xs = corners.map(\.0), ys = corners.map(\.1)
        include(PlotRect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!))
    }

    /// The SVG document; with `tight`, cropped to what was drawn plus `pad` points.
    func document(tight: Bool, pad: Double = 7.2) -> String {
        var view = PlotRect(x: 0, y: 0, width: width, height: height)
        if tight, let e = extent {
            view = PlotRect(x: e.x - pad, y: e.y - pad, width: e.width + 2 * pad, height: e.height + 2 * pad)
        }
        let w = Self.number(view.width), h = Self.number(view.height)
        return """
            <?xml version="1.0" encoding="utf-8" standalone="no"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
            width="\(w)pt" height="\(h)pt" viewBox="\(Self.number(view.x)) \(Self.number(view.y)) \(w) \(h)" version="1.1">
            <g font-family="\(Self.fontFamily)" fill="#000000">
            <rect x="\(Self.number(view.x))" y="\(Self.number(view.y))" width="\(w)" height="\(h)" fill="#ffffff"/>
            \(body)</g>
            </svg>

            """
    }

    // MARK: Helpers

    static func paint(fill: PlotColor?, stroke: PlotColor?, strokeWidth: Double) -> String {
        var s = " fill=\"\(fill.map { $0.hex } ?? "none")\""
        if let fill, fill.alpha < 1 { s += " fill-opacity=\"\(number(fill.alpha))\"" }
        if let stroke {
            s += " stroke=\"\(stroke.hex)\" stroke-width=\"\(number(strokeWidth))\""
            if stroke.alpha < 1 { s += " stroke-opacity=\"\(number(stroke.alpha))\"" }
        }
        return s
    }

    /// A coordinate with at most 2 decimals and no trailing zeros (`12.5`, `3`, `-0.25`).
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return r == 0 ? "0" : String(Int64(r)) }
        var s = CFormat.double("%.*f", precision: 2, r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// XML-escapes text and drops characters XML 1.0 cannot hold (control characters).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += " "
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The advance width of `text` in DejaVu Sans at `size` points (other characters ~0.6 em).
    static func textWidth(_ text: String, size: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            let v = Int(scalar.value)
            if v >= 32 && v < 127 { em += PlotTables.asciiWidths[v - 32] }
            else if v == 0x2212 || v == 0xD7 { em += 0.838 }
            else { em += v >= 0x1100 ? 1.0 : 0.6 }
        }
        return em * size
    }
}
