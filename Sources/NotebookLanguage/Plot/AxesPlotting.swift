// The drawing commands shared by `plt.*` and `ax.*`: plot, scatter, bar, barh, hist, imshow,
// axhline, axvline. Argument handling and error texts follow matplotlib.

/// Drawing commands of an axes.
enum AxesPlotting {
    static let lineKeywords = ["label", "color", "c", "linestyle", "ls", "linewidth", "lw", "marker", "markersize", "ms",
                               "markerfacecolor", "mfc", "alpha", "zorder", "scalex", "scaley", "drawstyle", "antialiased"]

    /// Applies Line2D keywords; AttributeError for unknown ones, as `Line2D.set()`.
    static func style(_ line: LineArtist, _ args: Arguments, _ interp: Interpreter, skip: Set<String> = []) throws {
        for (key, value) in args.keywords where !skip.contains(key) {
            switch key {
            case "label": line.label = try PlotArgument.text(value)
            case "color", "c": line.color = try PlotColor.parse(value, interpreter: interp)
            case "linestyle", "ls": line.lineStyle = try LineStyle.parse(try PlotArgument.string(value, "linestyle"))
            case "linewidth", "lw": line.lineWidth = max(0, try PlotArgument.double(value, "linewidth"))
            case "marker": line.marker = try Marker.parse(try PlotArgument.string(value, "marker"))
            case "markersize", "ms": line.markerSize = max(0, try PlotArgument.double(value, "markersize"))
            case "markerfacecolor", "mfc": line.markerFaceColor = try PlotColor.parse(value, interpreter: interp)
            case "alpha":
                if let a = try PlotArgument.optionalDouble(value, "alpha") {
                    line.color.alpha = min(max(a, 0), 1)
                    line.markerFaceColor?.alpha = min(max(a, 0), 1)
                }
            case "zorder", "scalex", "scaley", "drawstyle", "antialiased": break
            default:
                throw PyException(BuiltinTypes.attributeError, "Line2D.set() got an unexpected keyword argument '\(key)'")
            }
        }
    }

    /// `plot([x], y, [fmt], [x2], y2, [fmt2], ..., **kwargs)`: a list of Line2D.
    static func plot(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        // Groups of up to two data arguments, each optionally followed by a format string.
        var groups: [(data: [Value], fmt: String?)] = []
        var rest = args.positional[...]
        while !rest.isEmpty {
            var data: [Value] = []
            while data.count < 2, let next = rest.first {
                if case .str = next { break }
                data.append(next)
                rest = rest.dropFirst()
            }
            var fmt: String?
            if case .str(let s)? = rest.first { fmt = s; rest = rest.dropFirst() }
            if data.isEmpty {
                throw PyException(BuiltinTypes.valueError, "plot() format string '\(fmt ?? "")' has no data before it")
            }
            groups.append((data, fmt))
        }
        var created: [Value] = []
        for (data, fmt) in groups {
            let format = try fmt.map(FormatString.parse)
            var y = try PlotArray.read(data[data.count - 1], interp, what: "y")
            var x: PlotArray
            if data.count == 2 {
                x = try PlotArray.read(data[0], interp, what: "x")
            } else {
                x = PlotArray(shape: [y.length], values: (0..<y.length).map(Double.init))
            }
            if x.shape.isEmpty { x.shape = [1] }
            if y.shape.isEmpty { y.shape = [1] }
            guard x.length == y.length else {
                throw PyException(BuiltinTypes.valueError, "x and y must have same first dimension, but have shapes \(x.shapeText) and \(y.shapeText)")
            }
            guard x.shape.count <= 2, y.shape.count <= 2 else {
                throw PyException(BuiltinTypes.valueError, "x and y can be no greater than 2D, but have shapes \(x.shapeText) and \(y.shapeText)")
            }
            let columns = max(x.columnCount, y.columnCount)
            guard x.columnCount == y.columnCount || x.columnCount == 1 || y.columnCount == 1 else {
                throw PyException(BuiltinTypes.valueError, "x has \(x.columnCount) columns but y has \(y.columnCount) columns")
            }
            // A list of labels gives one per column (matplotlib 3.9).
            var labels: [String]? = nil
            if let l = args.keyword("label"), columns > 1, case .list = l {
                labels = try interp.toArray(l).map(PlotArgument.text)
                guard labels!.count == columns else {
                    throw PyException(BuiltinTypes.valueError, "label must be scalar or have the same length as the input data, but found \(labels!.count) for \(columns) datasets.")
                }
            }
            for j in 0..<columns {
                let colorGiven = format?.color != nil || args.keyword("color") != nil || args.keyword("c") != nil
                let line = LineArtist(x: x.column(x.columnCount == 1 ? 0 : j), y: y.column(y.columnCount == 1 ? 0 : j),
                                      color: format?.color ?? (colorGiven ? .black : axes.nextColor()), label: "_child\(axes.children.count)")
                if let format {
                    line.lineStyle = format.lineStyle ?? .solid
                    line.marker = format.marker
                }
                try style(line, args, interp, skip: labels == nil ? [] : ["label"])
                if let labels { line.label = labels[j] }
                axes.add(.line(line))
                created.append(.object(Line2DObject(line, axes: axes)))
            }
        }
        axes.figure.touch()
        return .list(created)
    }

    /// `axhline(y=0, xmin=0, xmax=1)` / `axvline(x=0, ymin=0, ymax=1)`: a line across the axes.
    static func referenceLine(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter, horizontal: Bool) throws -> Value {
        let names = horizontal ? ["y", "xmin", "xmax"] : ["x", "ymin", "ymax"]
        let bound = try args.bind(horizontal ? "axhline" : "axvline", names, extraKeywords: true)
        let at = try PlotArgument.optionalDouble(bound[0], names[0]) ?? 0
        let from = try PlotArgument.optionalDouble(bound[1], names[1]) ?? 0
        let to = try PlotArgument.optionalDouble(bound[2], names[2]) ?? 1
        let colorGiven = args.keyword("color") != nil || args.keyword("c") != nil
        let line = LineArtist(x: [], y: [], color: colorGiven ? .black : axes.nextColor(), label: "_child\(axes.children.count)")
        line.span = horizontal ? .horizontal(y: at, from: from, to: to) : .vertical(x: at, from: from, to: to)
        try style(line, Arguments([], keywords: args.keywords.filter { !names.contains($0.name) }), interp)
        axes.add(.line(line))
        axes.figure.touch()
        return .object(Line2DObject(line, axes: axes))
    }

    /// `scatter(x, y, s=None, c=None, marker='o', cmap=None, vmin=None, vmax=None, alpha=None, ...)`.
    static func scatter(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let names = ["x", "y", "s", "c", "marker", "cmap", "norm", "vmin", "vmax", "alpha", "linewidths", "edgecolors",
                     "label", "color", "zorder"]
        let a = try args.bind("scatter", names, required: 2)
        let x = try PlotArray.read(a[0]!, interp, what: "x"), y = try PlotArray.read(a[1]!, interp, what: "y")
        guard x.count == y.count else { throw PyException(BuiltinTypes.valueError, "x and y must be the same size") }
        var sizes: [Double] = [36]
        if let s = a[2], !(s.isNone) {
            sizes = try PlotArray.read(s, interp, what: "s").values
            guard sizes.count == 1 || sizes.count == x.count else {
                throw PyException(BuiltinTypes.valueError, "s must be a scalar, or float array-like with the same size as x and y")
            }
        }
        let alpha = try PlotArgument.optionalDouble(a[9], "alpha")
        var colors: [PlotColor] = []
        var mapping: ColorMapping?
        if let c = a[3] ?? a[13], !c.isNone {
            if let single = try? PlotColor.parse(c, interpreter: interp) {
                colors = [single]
            } else if case .str = c {
                _ = try PlotColor.parse(c, interpreter: interp)
            } else if let numbers = try? PlotArray.read(c, interp, what: "c"), numbers.count == x.count, numbers.shape.count <= 1 {
                let cmapName = try a[5].flatMap { $0.isNone ? nil : try PlotArgument.string($0, "cmap") } ?? "viridis"
                let m = ColorMapping(colormap: try Colormap.named(cmapName), values: numbers.values,
                                     vmin: try PlotArgument.optionalDouble(a[7], "vmin"), vmax: try PlotArgument.optionalDouble(a[8], "vmax"))
                colors = numbers.values.map { m.color($0) }
                mapping = m
            } else {
                colors = try interp.toArray(c).map { try PlotColor.parse($0, interpreter: interp) }
                guard colors.count == x.count else {
                    throw PyException(BuiltinTypes.valueError, "'c' argument has \(colors.count) elements, which is inconsistent with 'x' and 'y' with size \(x.count).")
                }
            }
        } else {
            colors = [axes.nextColor()]
        }
        if let alpha { colors = colors.map { var c = $0; c.alpha = min(max(alpha, 0), 1); return c } }
        let artist = ScatterArtist(x: x.values, y: y.values, sizes: sizes, colors: colors,
                                   label: try a[12].map(PlotArgument.text) ?? "_child\(axes.children.count)")
        if let m = try a[4].flatMap({ $0.isNone ? nil : try Marker.parse(try PlotArgument.string($0, "marker")) }) { artist.marker = m }
        if let e = a[11], !e.isNone, case .str(let s) = e, s != "face" { artist.edgeColor = try PlotColor.parse(e, interpreter: interp) }
        if let w = try PlotArgument.optionalDouble(a[10], "linewidths") { artist.lineWidth = max(0, w) }
        artist.mapping = mapping
        axes.add(.scatter(artist))
        axes.figure.touch()
        if let mapping { axes.figure.currentMappable = (mapping, axes) }
        return .object(MappableObject(typeName: "PathCollection", module: "collections", axes: axes) {
            artist.mapping ?? ColorMapping(colormap: Colormap.viridis, values: [], vmin: 0, vmax: 1)
        })
    }
}
