#if canImport(Glibc)
import Glibc
#endif

/// `matplotlib` and `matplotlib.pyplot`: a faithful subset of pyplot that draws SVG. Figures
/// still open when a cell ends are displayed, as with Jupyter's inline backend.
enum Pyplot {
    /// The `matplotlib` package; `pyplot` is its member so every import form shares one state.
    static func makePackage() -> PyModule {
        let state = PyplotState()
        let package = PyModule(name: "matplotlib", doc: "Plots drawn as SVG by the kernel (a subset of matplotlib).")
        package.set("__version__", .str("3.11.2"))
        package.set("rcParams", .dict(state.rcParams))
        package.addFunction("use", signature: "use(backend)", doc: "Accepted for compatibility; figures are always inline SVG.") { _, _ in .none }
        package.set("pyplot", .module(make(state)))
        return package
    }

    /// Pyplot-level names mapped to the Axes method they call on the current axes.
    private static let axesFunctions: [(String, String)] = [
        ("plot", "plot"), ("scatter", "scatter"), ("bar", "bar"), ("barh", "barh"), ("hist", "hist"), ("imshow", "imshow"),
        ("axhline", "axhline"), ("axvline", "axvline"), ("title", "set_title"), ("xlabel", "set_xlabel"), ("ylabel", "set_ylabel"),
        ("xlim", "set_xlim"), ("ylim", "set_ylim"), ("xscale", "set_xscale"), ("yscale", "set_yscale"), ("grid", "grid"),
        ("legend", "legend"), ("cla", "cla"),
    ]

    static func make(_ state: PyplotState) -> PyModule {
        let m = PyModule(name: "matplotlib.pyplot", doc: "pyplot: figures, axes and plots (drawn as SVG, shown inline).")
        m.set("rcParams", .dict(state.rcParams))
        func add(_ name: String, _ signature: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) {
            m.addFunction(name, signature: signature, doc: doc) { args, interp in
                state.attach(interp)
                return try body(args, interp)
            }
        }
        for (name, method) in axesFunctions {
            guard let entry = AxesAPI.table.first(where: { $0.name == method }) else { continue }
            let signature = name + entry.signature.drop(while: { $0 != "(" })
            add(name, signature, entry.doc) { args, interp in try entry.body(state.currentAxes(interp), args, interp) }
        }
        for horizontal in [true, false] {
            let name = horizontal ? "xticks" : "yticks"
            add(name, "\(name)(ticks=None, labels=None, *, rotation=0)", "Get or set the ticks and their labels.") { args, interp in
                try AxesSettings.ticks(state.currentAxes(interp), args, interp, horizontal: horizontal, function: name)
            }
        }
        add("figure", "figure(num=None, figsize=None, dpi=None)", "Create a new figure (or activate figure num).") { args, interp in
            let a = try args.bind("figure", ["num", "figsize", "dpi", "facecolor", "edgecolor", "frameon", "clear"], extraKeywords: true)
            var number: Int?
            if let n = a[0], !n.isNone { number = try PlotArgument.int(n, "num") }
            let f = state.figure(number: number, interp: interp)
            if let size = a[1], !size.isNone { (f.width, f.height) = try PlotArgument.size(size, interp) }
            if let dpi = try PlotArgument.optionalDouble(a[2], "dpi") {
                guard dpi > 0, dpi < 10_000 else { throw PyException(BuiltinTypes.valueError, "dpi must be positive") }
                f.dpi = dpi
            }
            if a[6]?.isTruthy == true { f.removeAll() }
            f.touch()
            return .object(f)
        }
        add("subplots", "subplots(nrows=1, ncols=1, *, sharex=False, sharey=False, squeeze=True, figsize=None)",
            "A figure and a grid of Axes: returns (fig, ax) or (fig, array of Axes).") { args, interp in
            let a = try args.bind("subplots", ["nrows", "ncols", "sharex", "sharey", "squeeze", "figsize", "dpi"], extraKeywords: true)
            for (label, value) in [("Number of rows", a[0]), ("Number of columns", a[1])] {
                if let v = value, case .int(let n) = v, n < 1 {
                    throw PyException(BuiltinTypes.valueError, "\(label) must be a positive integer, not \(n)")
                }
            }
            let f = state.figure(interp: interp)
            if let size = a[5], !size.isNone { (f.width, f.height) = try PlotArgument.size(size, interp) }
            if let dpi = try PlotArgument.optionalDouble(a[6], "dpi"), dpi > 0, dpi < 10_000 { f.dpi = dpi }
            let axes = try grid(f, rows: a[0], columns: a[1], squeeze: a[4]?.isTruthy ?? true)
            return .tuple([.object(f), axes])
        }
        add("subplot", "subplot(nrows, ncols, index) or subplot(pos)", "Add (or select) an Axes in a grid cell of the current figure.") { args, interp in
            let (rows, columns, index) = try gridArguments(args, function: "subplot")
            return .object(state.currentFigure(interp).subplot(rows: rows, columns: columns, index: index))
        }
        add("gcf", "gcf()", "The current figure (made when there is none).") { _, interp in .object(state.currentFigure(interp)) }
        add("gca", "gca()", "The current Axes (made when there is none).") { _, interp in .object(state.currentAxes(interp)) }
        add("sca", "sca(ax)", "Make ax the current Axes (and its figure the current figure).") { args, _ in
            try args.expectPositional("sca", min: 1, max: 1)
            guard case .object(let a as PlotAxes) = args.positional[0] else {
                throw PyException(BuiltinTypes.typeError, "sca() argument must be an Axes, not \(args.positional[0].typeName)")
            }
            a.figure.currentAxes = a
            state.makeCurrent(a.figure)
            return .none
        }
        add("show", "show()", "Display all open figures now (and close them, as the inline backend).") { _, interp in
            state.show(interp.output)
            return .none
        }
        add("close", "close(fig=None)", "Close the current figure, a given figure or number, or 'all'.") { args, interp in
            let a = try args.bind("close", ["fig"])
            switch a[0] {
            case nil, .none?: if let f = state.current { state.close(f) }
            case .str("all")?: state.closeAll()
            case .object(let f as PlotFigure)?: state.close(f)
            case .int(let n)?: if let f = state.figures.first(where: { $0.number == Int(n) }) { state.close(f) }
            case let other?: throw PyException(BuiltinTypes.typeError, "close() argument must be a Figure, an int, a string, or None, not \(other.typeName)")
            }
            return .none
        }
        add("clf", "clf()", "Clear the current figure.") { _, interp in state.currentFigure(interp).removeAll(); return .none }
        add("savefig", "savefig(fname, *, format=None, bbox_inches=None)", "Save the current figure as an SVG file.") { args, interp in
            try save(state.currentFigure(interp), args)
        }
        add("tight_layout", "tight_layout()", "Fit labels and titles inside the figure without overlaps.") { _, interp in
            let f = state.currentFigure(interp)
            f.tightLayout = true
            f.touch()
            return .none
        }
        add("subplots_adjust", "subplots_adjust(left=None, bottom=None, right=None, top=None, wspace=None, hspace=None)",
            "Set the subplot layout parameters of the current figure.") { args, interp in try adjust(state.currentFigure(interp), args) }
        add("suptitle", "suptitle(t)", "A centred title above all the Axes.") { args, interp in
            let a = try args.bind("suptitle", ["t"], required: 1, extraKeywords: true)
            let f = state.currentFigure(interp)
            f.suptitle = try PlotArgument.text(a[0]!)
            f.touch()
            return .object(TextObject(x: "0.5", y: "0.98", text: f.suptitle))
        }
        add("colorbar", "colorbar(mappable=None, ax=None, label='')", "Add a colorbar for the last image (or the given mappable).") { args, interp in
            try colorbar(state.currentFigure(interp), args, interp)
        }
        add("axis", "axis(option)", "'off' hides the axes frame, ticks and labels; 'on' shows them; 'equal' fixes the aspect.") { args, interp in
            let a = try args.bind("axis", ["arg"], extraKeywords: true)
            let axes = state.currentAxes(interp)
            switch a[0] {
            case .str("off")?, .bool(false)?: axes.axisVisible = false
            case .str("on")?, .bool(true)?: axes.axisVisible = true
            case .str("equal")?, .str("scaled")?, .str("image")?: axes.aspect = 1
            case .str("auto")?, .str("tight")?, nil: break
            case let other?:
                throw PyException(BuiltinTypes.valueError, "Unrecognized string \((try? other.repr()) ?? "?") to axis; try 'on' or 'off'")
            }
            axes.figure.touch()
            let (x0, x1) = axes.viewLimits(horizontal: true), (y0, y1) = axes.viewLimits(horizontal: false)
            return .tuple([.float(x0), .float(x1), .float(y0), .float(y1)])
        }
        add("get_fignums", "get_fignums()", "The numbers of the open figures.") { _, _ in
            .list(state.figures.map { .int(Int64($0.number)) })
        }
        return m
    }

    // MARK: Helpers shared with Figure methods

    /// `(2, 1, 1)` or `211`.
    static func gridArguments(_ args: Arguments, function: String) throws -> (Int, Int, Int) {
        var numbers = try args.positional.map { try PlotArgument.int($0, "subplot argument") }
        if numbers.isEmpty { numbers = [1, 1, 1] }
        if numbers.count == 1 {
            let n = numbers[0]
            guard n >= 111 && n <= 999 else {
                throw PyException(BuiltinTypes.valueError, "Integer subplot specification must be a three-digit number, not \(n)")
            }
            numbers = [n / 100, n / 10 % 10, n % 10]
        }
        guard numbers.count == 3 else {
            throw PyException(BuiltinTypes.typeError, "\(function)() takes 1 or 3 positional arguments but \(numbers.count) were given")
        }
        let (rows, columns, index) = (numbers[0], numbers[1], numbers[2])
        guard rows >= 1, rows <= 100 else { throw PyException(BuiltinTypes.valueError, "Number of rows must be a positive integer, not \(rows)") }
        guard columns >= 1, columns <= 100 else { throw PyException(BuiltinTypes.valueError, "Number of columns must be a positive integer, not \(columns)") }
        guard index >= 1, index <= rows * columns else {
            throw PyException(BuiltinTypes.valueError, "num must be an integer with 1 <= num <= \(rows * columns), not \(index)")
        }
        return (rows, columns, index)
    }

    /// Adds a rows x columns grid of Axes to `figure`: one Axes, or an AxesGrid (squeezed as NumPy would).
    static func grid(_ figure: PlotFigure, rows: Value?, columns: Value?, squeeze: Bool) throws -> Value {
        let r = try rows.map { try PlotArgument.int($0, "nrows") } ?? 1, c = try columns.map { try PlotArgument.int($0, "ncols") } ?? 1
        guard r >= 1, r <= 100 else { throw PyException(BuiltinTypes.valueError, "Number of rows must be a positive integer, not \(r)") }
        guard c >= 1, c <= 100 else { throw PyException(BuiltinTypes.valueError, "Number of columns must be a positive integer, not \(c)") }
        let axes = (1...(r * c)).map { figure.subplot(rows: r, columns: c, index: $0) }
        figure.currentAxes = axes.first
        if squeeze && r * c == 1 { return .object(axes[0]) }
        let shape = squeeze ? (r == 1 || c == 1 ? [r * c] : [r, c]) : [r, c]
        return .object(AxesGrid(axes: axes, shape: shape))
    }

    static func save(_ figure: PlotFigure, _ args: Arguments) throws -> Value {
        let a = try args.bind("savefig", ["fname", "format", "bbox_inches", "dpi", "transparent", "facecolor", "pad_inches"], required: 1, extraKeywords: true)
        var path = try PlotArgument.string(a[0]!, "fname")
        let given = try a[1].flatMap { $0.isNone ? nil : try PlotArgument.string($0, "format") }
        var format = given
        if format == nil, let dot = path.lastIndex(of: "."), !path[dot...].contains("/") {
            format = String(path[path.index(after: dot)...]).lowercased()
        }
        if format == nil { path += ".svg"; format = "svg" }
        guard format == "svg" else {
            throw PyException(BuiltinTypes.valueError, "Format '\(format!)' is not supported (supported formats: svg). This kernel draws figures as SVG; save with a .svg name.")
        }
        let tight: Bool
        if case .str("tight")? = a[2] { tight = true } else { tight = false }
        let svg = figure.svg(tight: tight)
        guard let file = fopen(path, "wb") else {
            let reason = String(cString: strerror(errno))
            throw PyException(BuiltinTypes.exceptionType(named: errno == ENOENT ? "FileNotFoundError" : "OSError") ?? BuiltinTypes.valueError,
                              "[Errno \(errno)] \(reason): '\(path)'")
        }
        defer { fclose(file) }
        let bytes = Array(svg.utf8)
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else {
            throw PyException(BuiltinTypes.exceptionType(named: "OSError") ?? BuiltinTypes.valueError, "could not write '\(path)'")
        }
        return .none
    }

    static func adjust(_ figure: PlotFigure, _ args: Arguments) throws -> Value {
        let a = try args.bind("subplots_adjust", ["left", "bottom", "right", "top", "wspace", "hspace"])
        var p = figure.subplotParameters
        if let v = try PlotArgument.optionalDouble(a[0], "left") { p.left = v }
        if let v = try PlotArgument.optionalDouble(a[1], "bottom") { p.bottom = v }
        if let v = try PlotArgument.optionalDouble(a[2], "right") { p.right = v }
        if let v = try PlotArgument.optionalDouble(a[3], "top") { p.top = v }
        if let v = try PlotArgument.optionalDouble(a[4], "wspace") { p.wspace = v }
        if let v = try PlotArgument.optionalDouble(a[5], "hspace") { p.hspace = v }
        guard p.left < p.right else { throw PyException(BuiltinTypes.valueError, "left cannot be >= right") }
        guard p.bottom < p.top else { throw PyException(BuiltinTypes.valueError, "bottom cannot be >= top") }
        guard p.wspace >= 0, p.hspace >= 0, p.wspace < 100, p.hspace < 100 else {
            throw PyException(BuiltinTypes.valueError, "wspace and hspace must be between 0 and 100")
        }
        figure.subplotParameters = p
        figure.tightLayout = false
        figure.relayoutGrid()
        figure.touch()
        return .none
    }

    static func colorbar(_ figure: PlotFigure, _ args: Arguments, _ interp: Interpreter) throws -> Value {
        let a = try args.bind("colorbar", ["mappable", "cax", "ax", "label"], extraKeywords: true)
        var mapping: ColorMapping
        var parent: PlotAxes
        if case .object(let m as MappableObject)? = a[0] {
            mapping = m.mapping()
            parent = m.axes
        } else if let current = figure.currentMappable {
            (mapping, parent) = current
        } else {
            throw PyException(BuiltinTypes.runtimeError, "No mappable was found to use for colorbar creation. First define a mappable such as an image (with imshow) or a contour set (with contourf).")
        }
        if case .object(let ax as PlotAxes)? = a[2] { parent = ax }
        let bar = parent.figure.addColorbar(mapping, beside: parent)
        if let label = a[3], !label.isNone { bar.colorbarLabel = try PlotArgument.text(label) }
        return .object(PlotHandle(typeName: "Colorbar", repr: "<matplotlib.colorbar.Colorbar at \(plotAddress(bar))>", attributes: [
            "ax": .object(bar),
            "set_label": PlotMethod(name: "set_label", signature: "set_label(label)", doc: "The colorbar's label.") { [unowned bar] args, _ in
                try args.expectPositional("set_label", min: 1, max: 1)
                bar.colorbarLabel = try PlotArgument.text(args.positional[0])
                bar.figure.touch()
                return .none
            }.builtin(),
        ]))
    }
}
