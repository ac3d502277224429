import RNNRuntime

// Bars, histograms and images: `bar`, `barh`, `hist`, `imshow`.

extension AxesPlotting {
    /// `bar(x, height, width=0.8, bottom=None, *, align='center', ...)` and `barh(y, width, height=0.8, left=None)`.
    static func bar(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter, horizontal: Bool) throws -> Value {
        let function = horizontal ? "barh" : "bar"
        let names = horizontal ? ["y", "width", "height", "left", "align", "color", "edgecolor", "linewidth", "label", "tick_label", "alpha"]
                               : ["x", "height", "width", "bottom", "align", "color", "edgecolor", "linewidth", "label", "tick_label", "alpha"]
        let a = try args.bind(function, names, required: 2)
        // Text positions are categories: 0, 1, 2... labelled with the text (matplotlib's category axis).
        var categories: [String]?
        var positionsValue = a[0]!
        if case .list(let l) = positionsValue, !l.items.isEmpty, l.items.allSatisfy({ if case .str = $0 { return true }; return false }) {
            categories = try l.items.map { try PlotArgument.string($0, "x") }
            positionsValue = .list(PyList((0..<l.items.count).map { .int(Int64($0)) }))
        }
        var arrays = [try PlotArray.read(positionsValue, interp, what: names[0]), try PlotArray.read(a[1]!, interp, what: names[1]),
                      try PlotArray.read(a[2] ?? .float(0.8), interp, what: names[2]), try PlotArray.read(a[3] ?? .float(0), interp, what: names[3])]
        for i in arrays.indices where arrays[i].shape.isEmpty { arrays[i].shape = [1] }
        let n = arrays.map(\.count).max() ?? 0
        for (i, array) in arrays.enumerated() where array.count != n && array.count != 1 {
            let other = arrays.firstIndex { $0.count == n }!
            let (first, second) = i < other ? (i, other) : (other, i)
            throw PyException(BuiltinTypes.valueError, "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between '\(names[first])' with shape \(arrays[first].shapeText) and '\(names[second])' with shape \(arrays[second].shapeText).")
        }
        func value(_ k: Int, _ i: Int) -> Double { arrays[k].count == 1 ? arrays[k].values[0] : arrays[k].values[i] }
        let align = try a[4].map { try PlotArgument.string($0, "align") } ?? "center"
        guard align == "center" || align == "edge" else {
            throw PyException(BuiltinTypes.valueError, "'\(align)' is not a valid value for align; supported values are 'center', 'edge'")
        }
        var bars: [BarArtist.Bar] = []
        for i in 0..<n {
            let position = value(0, i), length = value(1, i), thickness = value(2, i), base = value(3, i)
            let start = align == "center" ? position - thickness / 2 : position
            bars.append(horizontal ? BarArtist.Bar(x0: base, x1: base + length, y0: start, y1: start + thickness)
                                   : BarArtist.Bar(x0: start, x1: start + thickness, y0: base, y1: base + length))
        }
        var colors: [PlotColor]
        if let c = a[5], !c.isNone {
            if let single = try? PlotColor.parse(c, interpreter: interp) { colors = [single] }
            else if case .str = c { colors = [try PlotColor.parse(c, interpreter: interp)] }
            else { colors = try interp.toArray(c).map { try PlotColor.parse($0, interpreter: interp) } }
        } else {
            colors = [axes.nextPatchColor()]
        }
        if let alpha = try PlotArgument.optionalDouble(a[10], "alpha") {
            colors = colors.map { var c = $0; c.alpha = min(max(alpha, 0), 1); return c }
        }
        let artist = BarArtist(bars: bars, colors: colors.isEmpty ? [axes.nextPatchColor()] : colors,
                               label: try a[8].map(PlotArgument.text) ?? "_container\(axes.children.count)")
        artist.horizontal = horizontal
        if let e = a[6], !e.isNone {
            artist.edgeColor = try PlotColor.parse(e, interpreter: interp)
            artist.lineWidth = 1
        }
        if let w = try PlotArgument.optionalDouble(a[7], "linewidth") { artist.lineWidth = max(0, w) }
        if let tick = a[9], !tick.isNone {
            categories = try interp.toArray(tick).map(PlotArgument.text)
        }
        if let categories {
            let ticks = (0..<min(n, categories.count)).map { value(0, $0) }
            if horizontal { axes.yTicks = ticks; axes.yTickLabels = categories } else { axes.xTicks = ticks; axes.xTickLabels = categories }
        }
        axes.add(.bar(artist))
        axes.figure.touch()
        return .object(PlotHandle(typeName: "BarContainer", repr: "<BarContainer object of \(n) artists>"))
    }

    /// `hist(x, bins=10, range=None, density=False, ...)`: counts per bin as bars; returns (n, bins, patches).
    static func hist(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("hist", ["x", "bins", "range", "density", "color", "label", "alpha", "edgecolor", "rwidth"], required: 1)
        let data = try PlotArray.read(a[0]!, interp, what: "x").values.filter { !$0.isNaN }
        var edges: [Double]
        var lo = data.min() ?? 0, hi = data.max() ?? 1
        if let r = a[2], !r.isNone {
            let pair = try interp.toArray(r).map { try PlotArgument.double($0, "range") }
            guard pair.count == 2, pair[0] <= pair[1] else { throw PyException(BuiltinTypes.valueError, "max must be larger than min in range parameter.") }
            (lo, hi) = (pair[0], pair[1])
        }
        guard lo.isFinite && hi.isFinite else {
            throw PyException(BuiltinTypes.valueError, "autodetected range of [\(lo), \(hi)] is not finite")
        }
        if lo == hi { (lo, hi) = (lo - 0.5, hi + 0.5) }
        switch a[1] {
        case nil, .none?:
            edges = (0...10).map { lo + (hi - lo) * Double($0) / 10 }
        case .int(let count)?:
            guard count >= 1, count <= 100_000 else { throw PyException(BuiltinTypes.valueError, "`bins` must be positive, when an integer") }
            edges = (0...Int(count)).map { lo + (hi - lo) * Double($0) / Double(count) }
        case let other?:
            edges = try PlotArray.read(other, interp, what: "bins").values
            guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw PyException(BuiltinTypes.valueError, "`bins` must increase monotonically, when an array")
            }
        }
        var counts = [Double](repeating: 0, count: edges.count - 1)
        for v in data where v >= edges[0] && v <= edges[edges.count - 1] {
            // Bins are half-open except the last, as numpy.histogram.
            var low = 0, high = edges.count - 1
            while high - low > 1 {
                let mid = (low + high) / 2
                if v >= edges[mid] { low = mid } else { high = mid }
            }
            counts[low] += 1
        }
        if a[3]?.isTruthy == true {
            let total = counts.reduce(0, +)
            counts = zip(counts, zip(edges, edges.dropFirst())).map { c, e in total > 0 && e.1 > e.0 ? c / total / (e.1 - e.0) : 0 }
        }
        var color = axes.nextPatchColor()
        if let c = a[4], !c.isNone { color = try PlotColor.parse(c, interpreter: interp) }
        if let alpha = try PlotArgument.optionalDouble(a[6], "alpha") { color.alpha = min(max(alpha, 0), 1) }
        let fraction = min(max(try PlotArgument.optionalDouble(a[8], "rwidth") ?? 1, 0), 1)
        let bars = counts.indices.map { i -> BarArtist.Bar in
            let width = (edges[i + 1] - edges[i]) * fraction, start = (edges[i] + edges[i + 1]) / 2 - width / 2
            return BarArtist.Bar(x0: start, x1: start + width, y0: 0, y1: counts[i])
        }
        let artist = BarArtist(bars: bars, colors: [color], label: try a[5].map(PlotArgument.text) ?? "_container\(axes.children.count)")
        if let e = a[7], !e.isNone { artist.edgeColor = try PlotColor.parse(e, interpreter: interp); artist.lineWidth = 1 }
        axes.add(.bar(artist))
        axes.figure.touch()
        func array(_ v: [Double]) -> Value { .object(TensorObject(NumPyBridgeFloats.tensor(v))) }
        return .tuple([array(counts), array(edges), .object(PlotHandle(typeName: "BarContainer", repr: "<BarContainer object of \(counts.count) artists>"))])
    }

    /// `imshow(X, cmap=None, aspect=None, vmin=None, vmax=None, origin=None, extent=None, ...)`.
    static func imshow(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("imshow", ["X", "cmap", "norm", "aspect", "interpolation", "alpha", "vmin", "vmax", "origin", "extent"],
                              required: 1, extraKeywords: true)
        let data = try PlotArray.read(a[0]!, interp, what: "X")
        var shape = data.shape
        if shape.count == 3 && shape[2] == 1 { shape = [shape[0], shape[1]] }
        guard shape.count == 2 || (shape.count == 3 && (shape[2] == 3 || shape[2] == 4)), shape.allSatisfy({ $0 > 0 }) else {
            throw PyException(BuiltinTypes.typeError, "Invalid shape \(PlotArray(shape: data.shape, values: []).shapeText) for image data")
        }
        let rows = shape[0], columns = shape[1]
        let cmapName = try a[1].flatMap { $0.isNone ? nil : try PlotArgument.string($0, "cmap") } ?? "viridis"
        let mapping = ColorMapping(colormap: try Colormap.named(cmapName), values: shape.count == 2 ? data.values : [],
                                   vmin: try PlotArgument.optionalDouble(a[6], "vmin"), vmax: try PlotArgument.optionalDouble(a[7], "vmax"))
        var rgba: [UInt8]?
        if shape.count == 3 {
            // RGB(A): floats in 0...1, or integers 0...255 (values outside are clipped, as matplotlib).
            let channels = shape[2]
            let isInteger = data.values.allSatisfy { $0 == $0.rounded() } && (data.values.max() ?? 0) > 1
            var bytes = [UInt8](repeating: 255, count: rows * columns * 4)
            for i in 0..<(rows * columns) {
                for k in 0..<channels {
                    let v = data.values[i * channels + k]
                    let scaled = isInteger ? v : v * 255
                    bytes[i * 4 + k] = v.isNaN ? 0 : UInt8(min(max(scaled, 0), 255).rounded())
                }
            }
            rgba = bytes
        }
        let originName = try a[8].flatMap { $0.isNone ? nil : try PlotArgument.string($0, "origin") } ?? "upper"
        guard originName == "upper" || originName == "lower" else {
            throw PyException(BuiltinTypes.valueError, "'\(originName)' is not a valid value for origin; supported values are 'upper', 'lower'")
        }
        let image = ImageArtist(rows: rows, columns: columns, values: shape.count == 2 ? data.values : [], rgba: rgba,
                                mapping: mapping, originUpper: originName == "upper")
        if let e = a[9], !e.isNone {
            let v = try interp.toArray(e).map { try PlotArgument.double($0, "extent") }
            guard v.count == 4 else { throw PyException(BuiltinTypes.valueError, "extent must be (left, right, bottom, top)") }
            image.extent = (v[0], v[1], v[2], v[3])
        }
        switch a[3] {
        case nil, .none?, .str("equal")?: axes.aspect = 1
        case .str("auto")?: axes.aspect = nil
        case let other?:
            if let number = other.doubleValue, number > 0, number.isFinite { axes.aspect = number } else {
                throw PyException(BuiltinTypes.valueError, "aspect must be 'auto', 'equal' or a positive number, not \((try? other.repr()) ?? "?")")
            }
        }
        // origin='upper' shows row 0 at the top: the y axis runs downwards.
        if image.extent.top < image.extent.bottom && !axes.yInverted {
            axes.yInverted = true
        }
        axes.add(.image(image))
        axes.figure.touch()
        axes.figure.currentMappable = (mapping, axes)
        return .object(MappableObject(typeName: "AxesImage", module: "image", axes: axes) { image.mapping })
    }
}

/// Float arrays returned to cells (hist's counts and edges).
enum NumPyBridgeFloats {
    static func tensor(_ values: [Double]) -> Tensor {
        (try? Tensor(shape: [values.count], values: values.map(Float.init))) ?? Tensor(Float(0))
    }
}
