#if canImport(Glibc)
import Glibc
#endif

/// A line's dash style (`'-'`, `'--'`, `'-.'`, `':'` or none).
enum LineStyle: String, Equatable {
    case solid = "-", dashed = "--", dashDot = "-.", dotted = ":", none = "None"

    /// Accepts matplotlib's names and symbols (`'dashed'`, `'--'`, `''`, `'None'`...).
    init?(name: String) {
        switch name {
        case "-", "solid": self = .solid
        case "--", "dashed": self = .dashed
        case "-.", "dashdot": self = .dashDot
        case ":", "dotted": self = .dotted
        case "None", "none", " ", "": self = .none
        default: return nil
        }
    }

    static func parse(_ name: String) throws -> LineStyle {
        guard let style = LineStyle(name: name) else {
            throw PyException(BuiltinTypes.valueError, "'\(name)' is not a valid value for ls.")
        }
        return style
    }

    /// `stroke-dasharray` for this style at a line width (matplotlib scales dashes by the width).
    func dashArray(lineWidth: Double) -> String? {
        let pattern: [Double]
        switch self {
        case .solid, .none: return nil
        case .dashed: pattern = [3.7, 1.6]
        case .dashDot: pattern = [6.4, 1.6, 1.0, 1.6]
        case .dotted: pattern = [1.0, 1.65]
        }
        return pattern.map { SVGCanvas.number($0 * max(lineWidth, 0.1)) }.joined(separator: ",")
    }
}

/// A marker symbol (`'o'`, `'s'`, `'^'`, `'x'`...), drawn as an SVG path around a point.
struct Marker: Equatable {
    let symbol: Character

    /// matplotlib's one-character markers.
    static let symbols: Set<Character> = [".", ",", "o", "v", "^", "<", ">", "1", "2", "3", "4", "8",
                                          "s", "p", "*", "h", "H", "+", "x", "D", "d", "|", "_", "P", "X"]

    /// nil for "no marker" (`'None'`, `''`, `' '`); ValueError for unknown symbols.
    static func parse(_ name: String) throws -> Marker? {
        if ["None", "none", "", " "].contains(name) { return nil }
        guard name.count == 1, let c = name.first, symbols.contains(c) else {
            throw PyException(BuiltinTypes.valueError, "Unrecognized marker style '\(name)'")
        }
        return Marker(symbol: c)
    }

    /// Line-art markers have no fill.
    var isFilled: Bool { !["+", "x", "|", "_", "1", "2", "3", "4", ","].contains(symbol) }

    /// The marker outline centred on (x, y) for a marker `size` points across, as path commands.
    func path(x: Double, y: Double, size: Double) -> String {
        let r = size / 2
        func poly(_ points: [(Double, Double)]) -> String {
            var s = ""
            for (i, p) in points.enumerated() {
                s += (i == 0 ? "M" : "L") + SVGCanvas.number(x + p.0) + " " + SVGCanvas.number(y - p.1)
            }
            return s + "Z"
        }
        func regular(_ n: Int, radius: Double, rotation: Double = 90, inner: Double? = nil) -> String {
            var points: [(Double, Double)] = []
            let count = inner == nil ? n : 2 * n
            for k in 0..<count {
                let angle = (rotation + 360 * Double(k) / Double(count)) * Double.pi / 180
                let radiusK = inner != nil && k % 2 == 1 ? inner! : radius
                points.append((radiusK * cos(angle), radiusK * sin(angle)))
            }
            return poly(points)
        }
        func lines(_ segments: [((Double, Double), (Double, Double))]) -> String {
            segments.map { "M" + SVGCanvas.number(x + $0.0.0) + " " + SVGCanvas.number(y - $0.0.1)
                + "L" + SVGCanvas.number(x + $0.1.0) + " " + SVGCanvas.number(y - $0.1.1) }.joined()
        }
        func circle(_ radius: Double) -> String {
            let rr = SVGCanvas.number(radius)
            return "M" + SVGCanvas.number(x - radius) + " " + SVGCanvas.number(y)
                + "a\(rr) \(rr) 0 1 0 \(SVGCanvas.number(2 * radius)) 0a\(rr) \(rr) 0 1 0 \(SVGCanvas.number(-2 * radius)) 0Z"
        }
        switch symbol {
        case "o", "8": return circle(r)
        case ".": return circle(r / 2)
        case ",": return poly([(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)])
        case "s": return poly([(-r, -r), (r, -r), (r, r), (-r, r)])
        case "^": return poly([(0, r), (-r, -r), (r, -r)])
        case "v": return poly([(0, -r), (-r, r), (r, r)])
        case "<": return poly([(-r, 0), (r, -r), (r, r)])
        case ">": return poly([(r, 0), (-r, r), (-r, -r)])
        case "D": return poly([(0, r * 1.414), (r * 1.414, 0), (0, -r * 1.414), (-r * 1.414, 0)])
        case "d": return poly([(0, r * 1.414), (r * 0.85, 0), (0, -r * 1.414), (-r * 0.85, 0)])
        case "p": return regular(5, radius: r)
        case "h", "H": return regular(6, radius: r, rotation: symbol == "h" ? 90 : 0)
        case "*": return regular(5, radius: r, inner: r * 0.382)
        case "P": let a = r / 3
            return poly([(-a, r), (a, r), (a, a), (r, a), (r, -a), (a, -a), (a, -r), (-a, -r), (-a, -a), (-r, -a), (-r, a), (-a, a)])
        case "X": let a = r / 3 * 1.414 / 2, b = r
            return poly([(0, a), (b - a, b), (b, b - a), (a, 0), (b, a - b), (b - a, -b), (0, -a), (a - b, -b), (-b, a - b), (-a, 0), (-b, b - a), (a - b, b)])
        case "+": return lines([((-r, 0), (r, 0)), ((0, -r), (0, r))])
        case "x": return lines([((-r, -r), (r, r)), ((-r, r), (r, -r))])
        case "|": return lines([((0, -r), (0, r))])
        case "_": return lines([((-r, 0), (r, 0))])
        default: // "1"..."4": tri markers
            let angles: [Double] = symbol == "1" ? [270, 30, 150] : symbol == "2" ? [90, 210, 330] : symbol == "3" ? [0, 120, 240] : [180, 300, 60]
            return lines(angles.map { a in ((0, 0), (r * cos(a * Double.pi / 180), r * sin(a * Double.pi / 180))) })
        }
    }
}

/// A MATLAB-style format string (`'r--'`, `'bo'`, `'C2:'`, `'k.'`) as matplotlib reads it.
struct FormatString {
    var lineStyle: LineStyle?
    var marker: Marker?
    var color: PlotColor?

    /// `_process_plot_format`: the same rules and the same ValueError texts.
    static func parse(_ fmt: String) throws -> FormatString {
        if fmt != "0" && fmt != "1", let color = PlotColor.named(fmt) {
            return FormatString(lineStyle: nil, marker: nil, color: color)
        }
        func fail(_ why: String) -> PyException {
            PyException(BuiltinTypes.valueError, "'\(fmt)' is not a valid format string (\(why))")
        }
        var result = FormatString()
        var styleSeen = false, markerSeen = false, colorSeen = false
        let chars = Array(fmt)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
            if two == "--" || two == "-." {
                if styleSeen { throw fail("two linestyle symbols") }
                result.lineStyle = LineStyle(name: two)
                styleSeen = true
                i += 2
            } else if c == "-" || c == ":" {
                if styleSeen { throw fail("two linestyle symbols") }
                result.lineStyle = LineStyle(name: String(c))
                styleSeen = true
                i += 1
            } else if Marker.symbols.contains(c) {
                if markerSeen { throw fail("two marker symbols") }
                result.marker = Marker(symbol: c)
                markerSeen = true
                i += 1
            } else if "bgrcmykw".contains(c) {
                if colorSeen { throw fail("two color symbols") }
                result.color = PlotColor.named(String(c))
                colorSeen = true
                i += 1
            } else if c == "C" {
                var j = i + 1
                while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
                guard j > i + 1, let color = PlotColor.named(String(chars[i..<j])) else { throw fail("'C' must be followed by a number") }
                result.color = color
                colorSeen = true
                i = j
            } else {
                throw fail("unrecognized character '\(c)'")
            }
        }
        if !styleSeen && !markerSeen { result.lineStyle = .solid }
        if !styleSeen && markerSeen { result.lineStyle = LineStyle.none }
        return result
    }
}
