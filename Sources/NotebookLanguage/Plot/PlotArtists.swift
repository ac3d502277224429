// What an Axes draws, as plain data: lines, scatter points, bars and images. Values are kept
// as given (NaN/inf included) and skipped when drawn, as matplotlib does.

/// A line from `plot` (or `axhline` / `axvline`, which span the axes in one direction).
final class LineArtist {
    var x: [Double]
    var y: [Double]
    var color: PlotColor
    var lineWidth = 1.5
    var lineStyle = LineStyle.solid
    var marker: Marker?
    var markerSize = 6.0
    var markerFaceColor: PlotColor?
    var label: String
    /// For axhline/axvline: the line covers this axes fraction along the other direction.
    var span: Span?

    enum Span {
        case horizontal(y: Double, from: Double, to: Double)
        case vertical(x: Double, from: Double, to: Double)
    }

    init(x: [Double], y: [Double], color: PlotColor, label: String) {
        self.x = x
        self.y = y
        self.color = color
        self.label = label
    }
}

/// Points from `scatter`: per-point sizes (area in pt²) and colours.
final class ScatterArtist {
    var x: [Double]
    var y: [Double]
    var sizes: [Double]
    var colors: [PlotColor]
    var marker = Marker(symbol: "o")
    var edgeColor: PlotColor?
    var lineWidth = 1.0
    var label: String
    /// Colour values mapped through a colormap (`c=` numbers), for a colorbar.
    var mapping: ColorMapping?

    init(x: [Double], y: [Double], sizes: [Double], colors: [PlotColor], label: String) {
        self.x = x
        self.y = y
        self.sizes = sizes
        self.colors = colors
        self.label = label
    }
}

/// Rectangles from `bar` / `barh` / `hist`.
final class BarArtist {
    struct Bar { var x0: Double, x1: Double, y0: Double, y1: Double }
    var bars: [Bar]
    var colors: [PlotColor]
    var edgeColor: PlotColor?
    var lineWidth = 0.0
    var label: String
    var horizontal = false

    init(bars: [Bar], colors: [PlotColor], label: String) {
        self.bars = bars
        self.colors = colors
        self.label = label
    }
}

/// Numbers mapped to colours: a colormap and its normalisation range.
struct ColorMapping {
    var colormap: Colormap
    var vmin: Double
    var vmax: Double

    func color(_ v: Double) -> PlotColor {
        guard !v.isNaN else { return PlotColor(red: 0, green: 0, blue: 0, alpha: 0) }
        // matplotlib's Normalize maps everything to 0 when vmin == vmax.
        let t = vmax > vmin ? (v - vmin) / (vmax - vmin) : 0
        return colormap.color(t)
    }

    /// vmin/vmax from the finite values unless given.
    init(colormap: Colormap, values: [Double], vmin: Double?, vmax: Double?) {
        let finite = values.filter(\.isFinite)
        self.colormap = colormap
        self.vmin = vmin ?? finite.min() ?? 0
        self.vmax = vmax ?? finite.max() ?? 1
    }
}

/// A 2-D array shown with `imshow`: rows × columns of values through a colormap, or RGB(A).
final class ImageArtist {
    let rows: Int
    let columns: Int
    /// Row-major values (rows × columns) when mapped; RGBA bytes come from `rgba` otherwise.
    let values: [Double]
    let rgba: [UInt8]?
    var mapping: ColorMapping
    /// Data coordinates of the image edges: left, right, bottom, top.
    var extent: (left: Double, right: Double, bottom: Double, top: Double)
    /// Row 0 is drawn at the top edge (`origin='upper'`, the default) or at the bottom edge.
    let originUpper: Bool
    var label = "_image"

    init(rows: Int, columns: Int, values: [Double], rgba: [UInt8]?, mapping: ColorMapping, originUpper: Bool) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.rgba = rgba
        self.mapping = mapping
        self.originUpper = originUpper
        let c = Double(columns) - 0.5, r = Double(rows) - 0.5
        extent = originUpper ? (-0.5, c, r, -0.5) : (-0.5, c, -0.5, r)
    }

    /// The colour of cell (row, column), row 0 being the first row of the array.
    func pixel(_ row: Int, _ column: Int) -> (UInt8, UInt8, UInt8, UInt8) {
        let i = row * columns + column
        if let rgba { return (rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]) }
        let c = mapping.color(values[i])
        func byte(_ v: Double) -> UInt8 { UInt8(min(max(v, 0), 1) * 255 + 0.5) }
        return (byte(c.red), byte(c.green), byte(c.blue), byte(c.alpha))
    }
}
