import RNNRuntime

// Labels, limits, scales, ticks, grid and legend: the settings shared by `plt.*` (on the
// current axes) and `ax.set_*`.

/// Settings of an axes.
enum AxesSettings {
    /// `set_title(label)` / `set_xlabel(label)` / `set_ylabel(label)`: returns a Text like matplotlib's.
    static func label(_ axes: PlotAxes, _ args: Arguments, which: String, function: String) throws -> Value {
        let a = try args.bind(function, ["label", "fontdict", "loc", "pad"], required: 1, extraKeywords: true)
        let text = try PlotArgument.text(a[0]!)
        switch which {
        case "title": axes.title = text
        case "x": axes.xLabel = text
        default: axes.yLabel = text
        }
        axes.figure.touch()
        let (x, y) = which == "title" ? ("0.5", "1.0") : which == "x" ? ("0.5", "0") : ("0", "0.5")
        return .object(TextObject(x: x, y: y, text: text))
    }

    /// `xlim()` / `xlim(left, right)` / `xlim((left, right))` / `xlim(left=..., right=...)`: the limits after the call.
    static func limits(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter, horizontal: Bool, function: String) throws -> Value {
        let names = horizontal ? ["left", "right"] : ["bottom", "top"]
        var positional = args.positional
        if positional.count == 1 {
            switch positional[0] {
            case .tuple, .list: positional = try interp.toArray(positional[0])
            default: break
            }
        }
        let a = try Arguments(positional, keywords: args.keywords.filter { $0.name != "emit" && $0.name != "auto" })
            .bind(function, names + (horizontal ? ["xmin", "xmax"] : ["ymin", "ymax"]))
        let low = try PlotArgument.optionalDouble(a[0] ?? a[2], names[0])
        let high = try PlotArgument.optionalDouble(a[1] ?? a[3], names[1])
        if low != nil || high != nil {
            for v in [low, high].compactMap({ $0 }) where !v.isFinite {
                throw PyException(BuiltinTypes.valueError, "Axis limits cannot be NaN or Inf")
            }
            var current = horizontal ? axes.xLimits : axes.yLimits
            if let low { current.0 = low }
            if let high { current.1 = high }
            if let l = current.0, let h = current.1, l == h {
                interp.output.write("UserWarning: Attempting to set identical low and high \(horizontal ? "x" : "y")lims makes transformation singular; automatically expanding.\n", stream: "stderr")
            }
            if horizontal { axes.xLimits = current } else { axes.yLimits = current }
            axes.figure.touch()
        }
        let (lo, hi) = axes.viewLimits(horizontal: horizontal)
        return .tuple([.float(lo), .float(hi)])
    }

    /// `xscale('log')`.
    static func scale(_ axes: PlotAxes, _ args: Arguments, horizontal: Bool, function: String) throws -> Value {
        let a = try args.bind(function, ["value"], required: 1, extraKeywords: true)
        let scale = try AxisScale.parse(try PlotArgument.string(a[0]!, "value"))
        if horizontal { axes.xScale = scale } else { axes.yScale = scale }
        axes.figure.touch()
        return .none
    }

    /// `grid(visible=None, which='major', axis='both', **line properties)`.
    static func grid(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("grid", ["visible", "which", "axis"], extraKeywords: true)
        let styled = !args.keywords.filter { !["visible", "which", "axis", "b"].contains($0.name) }.isEmpty
        let axis = try a[2].map { try PlotArgument.string($0, "axis") } ?? "both"
        guard ["both", "x", "y"].contains(axis) else {
            throw PyException(BuiltinTypes.valueError, "'\(axis)' is not a valid value for axis; supported values are 'both', 'x', 'y'")
        }
        let visibleArgument = a[0] ?? args.keyword("b")
        for (key, value) in args.keywords {
            switch key {
            case "color", "c": axes.gridColor = try PlotColor.parse(value, interpreter: interp)
            case "linestyle", "ls": axes.gridLineStyle = try LineStyle.parse(try PlotArgument.string(value, "linestyle"))
            case "linewidth", "lw": axes.gridLineWidth = max(0, try PlotArgument.double(value, "linewidth"))
            case "alpha": axes.gridColor.alpha = min(max(try PlotArgument.double(value, "alpha"), 0), 1)
            case "visible", "which", "axis", "b", "zorder": break
            default: throw PyException(BuiltinTypes.attributeError, "Line2D.set() got an unexpected keyword argument '\(key)'")
            }
        }
        func newState(_ old: Bool) -> Bool {
            if let v = visibleArgument, !v.isNone { return v.isTruthy }
            return styled ? true : !old
        }
        if axis != "y" { axes.xGrid = newState(axes.xGrid) }
        if axis != "x" { axes.yGrid = newState(axes.yGrid) }
        axes.figure.touch()
        return .none
    }

    /// `legend()`, `legend(labels)`, `legend(handles, labels)`, with `loc`, `title`, `fontsize`, `frameon`.
    static func legend(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        var spec = LegendSpec()
        for (key, value) in args.keywords {
            switch key {
            case "loc": spec.location = try LegendSpec.parseLocation(value)
            case "title": spec.title = value.isNone ? nil : try PlotArgument.text(value)
            case "fontsize":
                if let size = value.doubleValue, size > 0, size < 1000 { spec.fontSize = size }
                else if case .str(let name) = value, let size = ["xx-small": 5.79, "x-small": 6.94, "small": 8.33, "medium": 10, "large": 12, "x-large": 14.4, "xx-large": 17.28][name] { spec.fontSize = size }
            case "frameon": spec.frame = value.isTruthy
            case "labels": spec.labels = try interp.toArray(value).map(PlotArgument.text)
            case "handles", "ncol", "ncols", "shadow", "framealpha", "fancybox", "bbox_to_anchor", "markerscale", "numpoints": break
            default: throw PyException(BuiltinTypes.typeError, "Legend.__init__() got an unexpected keyword argument '\(key)'")
            }
        }
        switch args.positional.count {
        case 0: break
        case 1: spec.labels = try interp.toArray(args.positional[0]).map(PlotArgument.text)
        case 2:
            // (handles, labels): labels follow the given handles' order.
            let handles = try interp.toArray(args.positional[0])
            spec.labels = try interp.toArray(args.positional[1]).map(PlotArgument.text)
            spec.handles = handles.compactMap { if case .object(let o as Line2DObject) = $0 { return o.line }; return nil }
        default:
            throw PyException(BuiltinTypes.typeError, "legend() takes 0-2 positional arguments but \(args.positional.count) were given")
        }
        if let handles = args.keyword("handles") {
            spec.handles = try interp.toArray(handles).compactMap { if case .object(let o as Line2DObject) = $0 { return o.line }; return nil }
        }
        if LegendRenderer.entries(axes, spec: spec).isEmpty {
            interp.output.write("UserWarning: No artists with labels found to put in legend.  Note that artists whose label start with an underscore are ignored when legend() is called with no argument.\n", stream: "stderr")
        }
        axes.legend = spec
        axes.figure.touch()
        return .object(PlotHandle.identified("Legend", module: "legend"))
    }

    /// `set_xticks(ticks, labels=None)` (also `plt.xticks(ticks, labels)` with `rotation`).
    static func ticks(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter, horizontal: Bool, function: String) throws -> Value {
        let a = try args.bind(function, ["ticks", "labels", "minor"], extraKeywords: true)
        if let rotation = args.keyword("rotation") {
            var degrees = 0.0
            if case .str(let s) = rotation { degrees = s == "vertical" ? 90 : 0 } else { degrees = try PlotArgument.double(rotation, "rotation") }
            if horizontal { axes.xTickRotation = degrees } else { axes.yTickRotation = degrees }
            axes.figure.touch()
        }
        if let t = a[0], !t.isNone {
            let ticks = try PlotArray.read(t, interp, what: "ticks").values
            var labels: [String]?
            if let l = a[1], !l.isNone {
                labels = try interp.toArray(l).map(PlotArgument.text)
                guard labels!.count == ticks.count else {
                    throw PyException(BuiltinTypes.valueError, "The number of FixedLocator locations (\(ticks.count)), usually from a call to set_ticks, does not match the number of labels (\(labels!.count)).")
                }
            }
            if horizontal { axes.xTicks = ticks; axes.xTickLabels = labels } else { axes.yTicks = ticks; axes.yTickLabels = labels }
            axes.figure.touch()
        } else if a[1] != nil && !(a[1]!.isNone) {
            return try tickLabels(axes, Arguments([a[1]!]), interp, horizontal: horizontal, function: function)
        }
        let current = (horizontal ? axes.xTicks : axes.yTicks) ?? []
        return .tuple([.object(TensorObject(NumPyBridgeFloats.tensor(current))), .list([])])
    }

    /// `set_xticklabels(labels)`: labels for the current fixed ticks (or 0, 1, 2... when none).
    static func tickLabels(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter, horizontal: Bool, function: String) throws -> Value {
        let a = try args.bind(function, ["labels"], required: 1, extraKeywords: true)
        let labels = try interp.toArray(a[0]!).map(PlotArgument.text)
        let ticks = (horizontal ? axes.xTicks : axes.yTicks) ?? (0..<labels.count).map(Double.init)
        guard ticks.count == labels.count else {
            throw PyException(BuiltinTypes.valueError, "The number of FixedLocator locations (\(ticks.count)), usually from a call to set_ticks, does not match the number of labels (\(labels.count)).")
        }
        if horizontal { axes.xTicks = ticks; axes.xTickLabels = labels } else { axes.yTicks = ticks; axes.yTickLabels = labels }
        if let rotation = args.keyword("rotation"), let degrees = rotation.doubleValue {
            if horizontal { axes.xTickRotation = degrees } else { axes.yTickRotation = degrees }
        }
        axes.figure.touch()
        return .list(labels.map { .object(TextObject(x: "0", y: "0", text: $0)) })
    }

    /// `set_aspect('equal' | 'auto' | number)`.
    static func aspect(_ axes: PlotAxes, _ args: Arguments) throws -> Value {
        let a = try args.bind("set_aspect", ["aspect"], required: 1, extraKeywords: true)
        switch a[0]! {
        case .str("equal"): axes.aspect = 1
        case .str("auto"): axes.aspect = nil
        case let v:
            guard let d = v.doubleValue, d > 0, d.isFinite else {
                throw PyException(BuiltinTypes.valueError, "aspect must be finite and positive ")
            }
            axes.aspect = d
        }
        axes.figure.touch()
        return .none
    }
}
