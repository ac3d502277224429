#if canImport(Glibc)
import Glibc
#endif

/// A linear or log axis.
enum AxisScale: String {
    case linear, log

    static func parse(_ name: String) throws -> AxisScale {
        guard let scale = AxisScale(rawValue: name) else {
            throw PyException(BuiltinTypes.valueError, "'\(name)' is not a valid value for scale. Supported values are 'linear', 'log'")
        }
        return scale
    }
}

/// One plot area: its artists, labels, limits and scales (matplotlib's `Axes`).
final class PlotAxes {
    unowned let figure: PlotFigure
    /// Position in the figure as fractions (left, bottom, width, height), y up as in matplotlib.
    var position: (left: Double, bottom: Double, width: Double, height: Double)
    /// The grid cell this axes fills (for tight_layout), when made by subplots.
    var gridCell: (rows: Int, columns: Int, row: Int, column: Int)?

    /// What was added, in order (the legend lists artists in this order, bars last).
    private(set) var children: [Child] = []
    var lines: [LineArtist] { children.compactMap { if case .line(let a) = $0 { return a }; return nil } }
    var scatters: [ScatterArtist] { children.compactMap { if case .scatter(let a) = $0 { return a }; return nil } }
    var bars: [BarArtist] { children.compactMap { if case .bar(let a) = $0 { return a }; return nil } }
    var images: [ImageArtist] { children.compactMap { if case .image(let a) = $0 { return a }; return nil } }

    enum Child {
        case line(LineArtist), scatter(ScatterArtist), bar(BarArtist), image(ImageArtist)
    }

    func add(_ child: Child) { children.append(child) }
    var title = ""
    var xLabel = ""
    var yLabel = ""
    var xLimits: (Double?, Double?) = (nil, nil)
    var yLimits: (Double?, Double?) = (nil, nil)
    var xScale = AxisScale.linear
    var yScale = AxisScale.linear
    var xGrid = false
    var yGrid = false
    var gridColor = PlotColor(red: 0.690, green: 0.690, blue: 0.690)
    var gridLineWidth = 0.8
    var gridLineStyle = LineStyle.solid
    var legend: LegendSpec?
    /// Fixed ticks (`xticks([...])`) and their labels.
    var xTicks: [Double]?
    var xTickLabels: [String]?
    var yTicks: [Double]?
    var yTickLabels: [String]?
    var xTickRotation = 0.0
    var yTickRotation = 0.0
    /// Data units per unit on screen y/x (`'equal'` is 1); nil fills the box (`'auto'`).
    var aspect: Double?
    /// Set when this axes is a colorbar for a mapping.
    var colorbar: ColorMapping?
    var colorbarLabel = ""
    /// For a colorbar: the axes it was made beside (whose width it took).
    weak var colorbarParent: PlotAxes?
    /// `plt.axis('off')` hides the frame, ticks and labels (images, lines and titles stay).
    var axisVisible = true
    var xInverted = false
    var yInverted = false
    private var cycleIndex = 0
    private var patchCycleIndex = 0

    init(figure: PlotFigure, position: (left: Double, bottom: Double, width: Double, height: Double)) {
        self.figure = figure
        self.position = position
    }

    /// The next colour of matplotlib's property cycle (each axes has its own).
    func nextColor() -> PlotColor {
        defer { cycleIndex += 1 }
        return PlotColor.cycle[cycleIndex % PlotColor.cycle.count]
    }

    /// The next colour for bars and histograms, which matplotlib cycles separately from lines.
    func nextPatchColor() -> PlotColor {
        defer { patchCycleIndex += 1 }
        return PlotColor.cycle[patchCycleIndex % PlotColor.cycle.count]
    }

    var isEmpty: Bool { children.isEmpty }

    /// Removes everything drawn and resets labels and limits (`cla()`).
    func clear() {
        children = []
        title = ""; xLabel = ""; yLabel = ""
        xLimits = (nil, nil); yLimits = (nil, nil)
        xScale = .linear; yScale = .linear
        xGrid = false; yGrid = false
        legend = nil; xTicks = nil; xTickLabels = nil; yTicks = nil; yTickLabels = nil
        aspect = nil
        xInverted = false; yInverted = false
        cycleIndex = 0; patchCycleIndex = 0
    }

    // MARK: Data limits and autoscaling

    /// Finite data values along x (`horizontal`) or y, with the values axes lines must not pass.
    private func dataValues(horizontal: Bool, scale: AxisScale) -> (values: [Double], sticky: [Double]) {
        var values: [Double] = [], sticky: [Double] = []
        func add(_ v: Double) {
            if v.isFinite && (scale == .linear || v > 0) { values.append(v) }
        }
        for line in lines {
            switch line.span {
            case .horizontal(let y, _, _)?: if !horizontal { add(y) }
            case .vertical(let x, _, _)?: if horizontal { add(x) }
            case nil:
                let pairs = zip(line.x, line.y)
                for (x, y) in pairs where x.isFinite && y.isFinite { add(horizontal ? x : y) }
            }
        }
        for s in scatters {
            for (x, y) in zip(s.x, s.y) where x.isFinite && y.isFinite { add(horizontal ? x : y) }
        }
        for b in bars {
            for bar in b.bars {
                let lo = horizontal ? bar.x0 : bar.y0, hi = horizontal ? bar.x1 : bar.y1
                add(lo); add(hi)
                // Bars stick to their base: a vertical bar's y limit stops at 0.
                if b.horizontal == horizontal { sticky.append(lo) }
            }
        }
        for image in images {
            let e = image.extent
            let pair = horizontal ? [e.left, e.right] : [e.bottom, e.top]
            pair.forEach(add)
            sticky += pair
        }
        return (values, sticky)
    }

    /// The view limits of one axis: user limits, else matplotlib's autoscale (data range
    /// widened by 5% margins, stopping at sticky edges, made non-singular).
    func viewLimits(horizontal: Bool) -> (Double, Double) {
        let scale = horizontal ? xScale : yScale
        let user = horizontal ? xLimits : yLimits
        if let colorbar {
            let (lo, hi) = TickLocator.nonsingular(colorbar.vmin, colorbar.vmax, expander: 0.1)
            return horizontal ? (0, 1) : (lo, hi)
        }
        var (lo, hi) = autoscaled(horizontal: horizontal, scale: scale)
        if horizontal ? xInverted : yInverted { (lo, hi) = (hi, lo) }
        if let a = user.0 { lo = a }
        if let b = user.1 { hi = b }
        if user.0 != nil || user.1 != nil {
            if lo == hi {
                (lo, hi) = scale == .log ? (lo / 10, hi * 10) : TickLocator.nonsingular(lo, hi, expander: 0.05)
            }
            if scale == .log && (lo <= 0 || hi <= 0) { (lo, hi) = autoscaled(horizontal: horizontal, scale: scale) }
        }
        return (lo, hi)
    }

    private func autoscaled(horizontal: Bool, scale: AxisScale) -> (Double, Double) {
        let (values, stickyValues) = dataValues(horizontal: horizontal, scale: scale)
        var x0 = values.min() ?? -Double.infinity, x1 = values.max() ?? Double.infinity
        // An axes nothing was added to keeps matplotlib's initial (0, 1); empty data gives ±0.055.
        if isEmpty && scale == .linear { return (0, 1) }
        let minPositive = values.filter { $0 > 0 }.min() ?? Double.infinity
        if scale == .log {
            (x0, x1) = TickLocator.logNonsingular(x0, x1, minPositive: minPositive)
        } else {
            (x0, x1) = TickLocator.nonsingular(x0, x1, expander: 0.05)
        }
        let sticky = stickyValues.sorted()
        var lowBound: Double?, highBound: Double?
        if !sticky.isEmpty {
            let tolerance = 1e-5 * abs(x1 - x0)
            lowBound = sticky.last(where: { $0 < x0 + tolerance })
            highBound = sticky.first(where: { $0 > x1 - tolerance })
        }
        let margin = images.isEmpty ? 0.05 : 0
        if scale == .log {
            let l0 = log10(x0), l1 = log10(x1)
            let delta = (l1 - l0) * margin
            (x0, x1) = (pow(10, l0 - delta), pow(10, l1 + delta))
        } else {
            let delta = (x1 - x0) * margin
            if delta.isFinite { (x0, x1) = (x0 - delta, x1 + delta) }
        }
        if let lowBound { x0 = max(x0, lowBound) }
        if let highBound { x1 = min(x1, highBound) }
        if scale == .linear { (x0, x1) = TickLocator.nonsingular(x0, x1, expander: 1e-12, tiny: 1e-13) }
        return (x0, x1)
    }
}

/// Where and how a legend is drawn.
struct LegendSpec {
    var location = "best"
    /// Labels given to `legend([...])`, applied to the artists in order.
    var labels: [String]?
    /// Lines given to `legend(handles, labels)` / `legend(handles=...)`.
    var handles: [LineArtist]?
    var title: String?
    var fontSize = 10.0
    var frame = true

    static let locations = ["best", "upper right", "upper left", "lower left", "lower right", "right",
                            "center left", "center right", "lower center", "upper center", "center"]

    static func parseLocation(_ value: Value) throws -> String {
        if case .int(let i) = value, i >= 0, i < locations.count { return locations[Int(i)] }
        if case .str(let s) = value, locations.contains(s) { return s }
        let shown = (try? value.repr()) ?? value.typeName
        throw PyException(BuiltinTypes.valueError, "\(shown) is not a valid value for loc. Supported values are \(locations.map { "'\($0)'" }.joined(separator: ", "))")
    }
}
