#if canImport(Glibc)
import Glibc
#endif

// A Figure as cells see it: `fig.add_subplot`, `fig.savefig`, `fig.colorbar`..., and its rich
// display (SVG plus `<Figure size 640x480 with 1 Axes>`) when it is a cell's value or shown.

extension PlotFigure: NativeObject {
    var typeName: String { "Figure" }
    func repr() throws -> String { summary }
    /// `str(fig)` / `print(fig)`: `Figure(640x480)`.
    func str() throws -> String { "Figure(" + summary.dropFirst("<Figure size ".count).prefix(while: { $0 != " " }) + ")" }
    func displayBundle() throws -> [String: String] { PyplotState.bundle(self) }

    var attributeNames: [String] {
        ["add_subplot", "axes", "colorbar", "dpi", "gca", "get_size_inches", "number", "savefig", "set_size_inches",
         "show", "subplots", "subplots_adjust", "suptitle", "tight_layout", "clf"]
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ signature: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            PlotMethod(name: name, signature: signature, doc: doc, body: body).builtin()
        }
        switch name {
        case "axes": return .list(axes.map { .object($0) })
        case "number": return .int(Int64(number))
        case "dpi": return .float(dpi)
        case "add_subplot":
            return method("add_subplot(nrows=1, ncols=1, index=1)", "Add an Axes in a grid cell (add_subplot(2, 1, 1) or add_subplot(211)).") { [unowned self] args, _ in
                let (rows, columns, index) = try Pyplot.gridArguments(args, function: "add_subplot")
                let a = self.subplot(rows: rows, columns: columns, index: index)
                self.manager?.makeCurrent(self)
                return .object(a)
            }
        case "subplots":
            return method("subplots(nrows=1, ncols=1, squeeze=True)", "Add a grid of Axes; returns one Axes or an array of them.") { [unowned self] args, interp in
                let a = try args.bind("subplots", ["nrows", "ncols", "sharex", "sharey", "squeeze"])
                return try Pyplot.grid(self, rows: a[0], columns: a[1], squeeze: a[4]?.isTruthy ?? true)
            }
        case "gca":
            return method("gca()", "The current Axes (made when there is none).") { [unowned self] _, _ in
                .object(self.currentAxes ?? self.subplot(rows: 1, columns: 1, index: 1))
            }
        case "savefig":
            return method("savefig(fname, *, format=None, bbox_inches=None)", "Save the figure as an SVG file.") { [unowned self] args, _ in
                try Pyplot.save(self, args)
            }
        case "suptitle":
            return method("suptitle(t)", "A centred title above all the Axes.") { [unowned self] args, _ in
                let a = try args.bind("suptitle", ["t"], required: 1, extraKeywords: true)
                self.suptitle = try PlotArgument.text(a[0]!)
                self.touch()
                return .object(TextObject(x: "0.5", y: "0.98", text: self.suptitle))
            }
        case "tight_layout":
            return method("tight_layout()", "Fit labels and titles inside the figure without overlaps.") { [unowned self] _, _ in
                self.tightLayout = true
                self.touch()
                return .none
            }
        case "subplots_adjust":
            return method("subplots_adjust(left=None, bottom=None, right=None, top=None, wspace=None, hspace=None)", "Set the subplot layout parameters.") { [unowned self] args, _ in
                try Pyplot.adjust(self, args)
            }
        case "colorbar":
            return method("colorbar(mappable, ax=None, label='')", "Add a colorbar for an image or colour-mapped scatter.") { [unowned self] args, interp in
                try Pyplot.colorbar(self, args, interp)
            }
        case "set_size_inches":
            return method("set_size_inches(w, h)", "Set the figure size in inches.") { [unowned self] args, interp in
                let size = args.positional.count == 2 ? Value.tuple(args.positional) : (args.positional.first ?? .none)
                (self.width, self.height) = try PlotArgument.size(size, interp)
                self.touch()
                return .none
            }
        case "get_size_inches":
            return method("get_size_inches()", "The figure size in inches.") { [unowned self] _, _ in
                .tuple([.float(self.width), .float(self.height)])
            }
        case "show":
            return method("show()", "Display the figure now.") { [unowned self] _, interp in
                interp.output.display(PyplotState.bundle(self), displayID: nil, update: false)
                return .none
            }
        case "clf":
            return method("clf()", "Clear the figure.") { [unowned self] _, _ in
                self.removeAll()
                return .none
            }
        default:
            return nil
        }
    }
}
