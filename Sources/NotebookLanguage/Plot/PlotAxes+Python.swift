// `ax.plot(...)`, `ax.set_title(...)` and the rest of an Axes' methods, and its repr
// (`<Axes: title={'center': 'Loss'}, xlabel='epoch'>`).

extension PlotAxes: NativeObject {
    var typeName: String { "Axes" }

    func repr() throws -> String {
        var fields: [String] = []
        if !title.isEmpty { fields.append("title={'center': \(try Value.str(title).repr())}") }
        if !xLabel.isEmpty { fields.append("xlabel=\(try Value.str(xLabel).repr())") }
        if !yLabel.isEmpty { fields.append("ylabel=\(try Value.str(yLabel).repr())") }
        return "<Axes: " + fields.joined(separator: ", ") + ">"
    }

    var attributeNames: [String] { AxesAPI.methodNames + ["figure", "lines"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "figure": return .object(figure)
        case "lines": return .list(lines.map { .object(Line2DObject($0, axes: self)) })
        default: return AxesAPI.method(name, on: self)?.builtin()
        }
    }
}

/// The methods of an Axes; pyplot's functions call the same bodies on the current axes.
enum AxesAPI {
    typealias Body = (PlotAxes, Arguments, Interpreter) throws -> Value

    struct Entry {
        let name: String
        let signature: String
        let doc: String
        let body: Body
    }

    static let table: [Entry] = makeTable()

    // One statement per method keeps the type checker fast (a single literal of closures does not).
    private static func makeTable() -> [Entry] {
        var t: [Entry] = []
        func add(_ name: String, _ signature: String, _ doc: String, _ body: @escaping Body) {
            t.append(Entry(name: name, signature: signature, doc: doc, body: body))
        }
        add("plot", "plot([x], y, [fmt], *, label=None, color=None, linestyle='-', linewidth=1.5, marker=None, ...)",
         "Plot y versus x as lines and/or markers; fmt like 'r--' or 'bo'. Returns a list of Line2D.", AxesPlotting.plot)
        add("scatter", "scatter(x, y, s=None, c=None, marker='o', cmap=None, vmin=None, vmax=None, alpha=None, label=None)",
         "A scatter plot of y vs x with varying marker size (s, points²) and/or colour (c).", AxesPlotting.scatter)
        add("bar", "bar(x, height, width=0.8, bottom=None, *, align='center', color=None, edgecolor=None, label=None, tick_label=None)",
         "Make a bar plot.", { try AxesPlotting.bar($0, $1, $2, horizontal: false) })
        add("barh", "barh(y, width, height=0.8, left=None, *, align='center', color=None, label=None)",
         "Make a horizontal bar plot.", { try AxesPlotting.bar($0, $1, $2, horizontal: true) })
        add("hist", "hist(x, bins=10, range=None, density=False, color=None, label=None, alpha=None, edgecolor=None)",
         "Compute and plot a histogram; returns (counts, bin_edges, patches).", AxesPlotting.hist)
        add("imshow", "imshow(X, cmap='viridis', aspect='equal', vmin=None, vmax=None, origin='upper', extent=None)",
         "Display 2-D data as a colour-mapped image (a heatmap), or RGB(A) data.", AxesPlotting.imshow)
        add("axhline", "axhline(y=0, xmin=0, xmax=1, **kwargs)", "A horizontal line across the axes.",
         { try AxesPlotting.referenceLine($0, $1, $2, horizontal: true) })
        add("axvline", "axvline(x=0, ymin=0, ymax=1, **kwargs)", "A vertical line across the axes.",
         { try AxesPlotting.referenceLine($0, $1, $2, horizontal: false) })
        add("set_title", "set_title(label)", "Set the title.", { a, args, _ in try AxesSettings.label(a, args, which: "title", function: "set_title") })
        add("set_xlabel", "set_xlabel(xlabel)", "Set the x-axis label.", { a, args, _ in try AxesSettings.label(a, args, which: "x", function: "set_xlabel") })
        add("set_ylabel", "set_ylabel(ylabel)", "Set the y-axis label.", { a, args, _ in try AxesSettings.label(a, args, which: "y", function: "set_ylabel") })
        add("get_title", "get_title()", "The title.", { a, _, _ in .str(a.title) })
        add("get_xlabel", "get_xlabel()", "The x-axis label.", { a, _, _ in .str(a.xLabel) })
        add("get_ylabel", "get_ylabel()", "The y-axis label.", { a, _, _ in .str(a.yLabel) })
        add("set_xlim", "set_xlim(left=None, right=None)", "Set the x-axis view limits; returns them.",
         { try AxesSettings.limits($0, $1, $2, horizontal: true, function: "set_xlim") })
        add("set_ylim", "set_ylim(bottom=None, top=None)", "Set the y-axis view limits; returns them.",
         { try AxesSettings.limits($0, $1, $2, horizontal: false, function: "set_ylim") })
        add("get_xlim", "get_xlim()", "The x-axis view limits.", { a, args, i in try AxesSettings.limits(a, Arguments(), i, horizontal: true, function: "get_xlim") })
        add("get_ylim", "get_ylim()", "The y-axis view limits.", { a, args, i in try AxesSettings.limits(a, Arguments(), i, horizontal: false, function: "get_ylim") })
        add("set_xscale", "set_xscale(value)", "Set the x-axis scale: 'linear' or 'log'.", { a, args, _ in try AxesSettings.scale(a, args, horizontal: true, function: "set_xscale") })
        add("set_yscale", "set_yscale(value)", "Set the y-axis scale: 'linear' or 'log'.", { a, args, _ in try AxesSettings.scale(a, args, horizontal: false, function: "set_yscale") })
        add("set_xticks", "set_xticks(ticks, labels=None)", "Set the x ticks (and their labels).",
         { try AxesSettings.ticks($0, $1, $2, horizontal: true, function: "set_xticks") })
        add("set_yticks", "set_yticks(ticks, labels=None)", "Set the y ticks (and their labels).",
         { try AxesSettings.ticks($0, $1, $2, horizontal: false, function: "set_yticks") })
        add("set_xticklabels", "set_xticklabels(labels, rotation=0)", "Set the labels of the x ticks.",
         { try AxesSettings.tickLabels($0, $1, $2, horizontal: true, function: "set_xticklabels") })
        add("set_yticklabels", "set_yticklabels(labels)", "Set the labels of the y ticks.",
         { try AxesSettings.tickLabels($0, $1, $2, horizontal: false, function: "set_yticklabels") })
        add("grid", "grid(visible=None, which='major', axis='both', **kwargs)", "Show or hide grid lines.", AxesSettings.grid)
        add("legend", "legend(*args, loc='best', title=None, fontsize=None, frameon=True)", "Place a legend on the axes.", AxesSettings.legend)
        add("set_aspect", "set_aspect(aspect)", "Set the aspect: 'auto', 'equal' or a number.", { a, args, _ in try AxesSettings.aspect(a, args) })
        add("invert_yaxis", "invert_yaxis()", "Invert the y axis.", { a, _, _ in a.yInverted.toggle(); a.figure.touch(); return .none })
        add("invert_xaxis", "invert_xaxis()", "Invert the x axis.", { a, _, _ in a.xInverted.toggle(); a.figure.touch(); return .none })
        add("cla", "cla()", "Clear the axes.", { a, _, _ in a.clear(); a.figure.touch(); return .none })
        add("get_legend", "get_legend()", "The legend, or None.", { a, _, _ in a.legend == nil ? .none : .object(PlotHandle.identified("Legend", module: "legend")) })
        add("set", "set(**kwargs)", "Set several properties at once: title, xlabel, ylabel, xlim, ylim, xscale, yscale.", set)
        return t
    }

    static var methodNames: [String] { table.map(\.name) }

    static func method(_ name: String, on axes: PlotAxes) -> PlotMethod? {
        guard let entry = table.first(where: { $0.name == name }) else { return nil }
        return PlotMethod(name: name, signature: entry.signature, doc: entry.doc) { [unowned axes] args, interp in
            try entry.body(axes, args, interp)
        }
    }

    /// `ax.set(title=..., xlabel=..., ...)`.
    static func set(_ axes: PlotAxes, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        if !args.positional.isEmpty { throw PyException(BuiltinTypes.typeError, "set() takes 1 positional argument but \(args.positional.count + 1) were given") }
        for (key, value) in args.keywords {
            let call = Arguments([value])
            switch key {
            case "title": _ = try AxesSettings.label(axes, call, which: "title", function: "set_title")
            case "xlabel": _ = try AxesSettings.label(axes, call, which: "x", function: "set_xlabel")
            case "ylabel": _ = try AxesSettings.label(axes, call, which: "y", function: "set_ylabel")
            case "xlim": _ = try AxesSettings.limits(axes, call, interp, horizontal: true, function: "set_xlim")
            case "ylim": _ = try AxesSettings.limits(axes, call, interp, horizontal: false, function: "set_ylim")
            case "xscale": _ = try AxesSettings.scale(axes, call, horizontal: true, function: "set_xscale")
            case "yscale": _ = try AxesSettings.scale(axes, call, horizontal: false, function: "set_yscale")
            case "xticks": _ = try AxesSettings.ticks(axes, call, interp, horizontal: true, function: "set_xticks")
            case "yticks": _ = try AxesSettings.ticks(axes, call, interp, horizontal: false, function: "set_yticks")
            case "aspect": _ = try AxesSettings.aspect(axes, call)
            default: throw PyException(BuiltinTypes.attributeError, "Axes.set() got an unexpected keyword argument '\(key)'")
            }
        }
        return .none
    }
}
