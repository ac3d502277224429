// The small objects pyplot calls return (Line2D, Text, AxesImage, Colorbar, BarContainer,
// PathCollection, Legend), with matplotlib's reprs and the few methods notebooks use on them.

/// `0x7f...`-style address text for reprs, from the object's identity.
func plotAddress(_ object: AnyObject) -> String {
    "0x" + String(UInt(bitPattern: ObjectIdentifier(object).hashValue), radix: 16)
}

/// A method on a plot object: name, signature, doc, body.
struct PlotMethod {
    let name: String
    let signature: String
    let doc: String
    let body: (Arguments, Interpreter) throws -> Value

    func builtin() -> Value { .builtin(BuiltinFunction(name: name, signature: signature, doc: doc, body)) }
}

/// A `matplotlib.lines.Line2D` returned by `plot`.
final class Line2DObject: NativeObject {
    let line: LineArtist
    unowned let axes: PlotAxes

    init(_ line: LineArtist, axes: PlotAxes) {
        self.line = line
        self.axes = axes
    }

    var typeName: String { "Line2D" }
    /// IPython's form (what a notebook shows for `plt.plot(...)` on a cell's last line).
    func repr() throws -> String { "<matplotlib.lines.Line2D at \(plotAddress(self))>" }
    func str() throws -> String { "Line2D(\(line.label))" }
    var attributeNames: [String] { methods.map(\.name) }

    private var methods: [PlotMethod] {
        let line = line, axes = axes
        func changed() { axes.figure.touch() }
        return [
            PlotMethod(name: "get_color", signature: "get_color()", doc: "The line colour as '#rrggbb'.") { _, _ in .str(line.color.hex) },
            PlotMethod(name: "get_label", signature: "get_label()", doc: "The legend label.") { _, _ in .str(line.label) },
            PlotMethod(name: "get_xdata", signature: "get_xdata()", doc: "The x values.") { _, _ in .list(line.x.map { .float($0) }) },
            PlotMethod(name: "get_ydata", signature: "get_ydata()", doc: "The y values.") { _, _ in .list(line.y.map { .float($0) }) },
            PlotMethod(name: "set_label", signature: "set_label(s)", doc: "Sets the legend label.") { args, _ in
                try args.expectPositional("set_label", min: 1, max: 1)
                line.label = try PlotArgument.text(args.positional[0]); changed(); return .none
            },
            PlotMethod(name: "set_color", signature: "set_color(color)", doc: "Sets the line colour.") { args, interp in
                try args.expectPositional("set_color", min: 1, max: 1)
                line.color = try PlotColor.parse(args.positional[0], interpreter: interp); changed(); return .none
            },
            PlotMethod(name: "set_linewidth", signature: "set_linewidth(w)", doc: "Sets the line width in points.") { args, _ in
                try args.expectPositional("set_linewidth", min: 1, max: 1)
                line.lineWidth = try PlotArgument.double(args.positional[0], "linewidth"); changed(); return .none
            },
            PlotMethod(name: "set_data", signature: "set_data(x, y)", doc: "Replaces the points.") { args, interp in
                try args.expectPositional("set_data", min: 2, max: 2)
                let x = try PlotArray.read(args.positional[0], interp), y = try PlotArray.read(args.positional[1], interp)
                guard x.count == y.count else {
                    throw PyException(BuiltinTypes.valueError, "x and y must have same first dimension, but have shapes \(x.shapeText) and \(y.shapeText)")
                }
                line.x = x.values; line.y = y.values; changed(); return .none
            },
            PlotMethod(name: "set_ydata", signature: "set_ydata(y)", doc: "Replaces the y values.") { args, interp in
                try args.expectPositional("set_ydata", min: 1, max: 1)
                line.y = try PlotArray.read(args.positional[0], interp).values; changed(); return .none
            },
            PlotMethod(name: "set_xdata", signature: "set_xdata(x)", doc: "Replaces the x values.") { args, interp in
                try args.expectPositional("set_xdata", min: 1, max: 1)
                line.x = try PlotArray.read(args.positional[0], interp).values; changed(); return .none
            },
        ]
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        methods.first { $0.name == name }?.builtin()
    }
}

/// A `matplotlib.text.Text` (what `title`, `xlabel`, `ylabel` return).
final class TextObject: NativeObject {
    let x: String
    let y: String
    let text: String

    init(x: String, y: String, text: String) {
        self.x = x
        self.y = y
        self.text = text
    }

    var typeName: String { "Text" }
    func repr() throws -> String { "Text(\(x), \(y), \(try Value.str(text).repr()))" }
    var attributeNames: [String] { ["get_text"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        guard name == "get_text" else { return nil }
        let text = text
        return PlotMethod(name: name, signature: "get_text()", doc: "The text.") { _, _ in .str(text) }.builtin()
    }
}

/// What `imshow` and a colour-mapped `scatter` return: something a colorbar can describe.
final class MappableObject: NativeObject {
    let typeName: String
    let module: String
    let mapping: () -> ColorMapping
    unowned let axes: PlotAxes

    init(typeName: String, module: String, axes: PlotAxes, mapping: @escaping () -> ColorMapping) {
        self.typeName = typeName
        self.module = module
        self.axes = axes
        self.mapping = mapping
    }

    func repr() throws -> String { "<matplotlib.\(module).\(typeName) at \(plotAddress(self))>" }
    var attributeNames: [String] { ["get_clim", "axes"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "get_clim":
            let m = mapping()
            return PlotMethod(name: name, signature: "get_clim()", doc: "The (vmin, vmax) of the colour mapping.") { _, _ in
                .tuple([.float(m.vmin), .float(m.vmax)])
            }.builtin()
        case "axes": return .object(axes)
        default: return nil
        }
    }
}

/// A plain object with a fixed repr and optional attributes (Legend, BarContainer, Colorbar...).
final class PlotHandle: NativeObject {
    let typeName: String
    let text: String
    let attributes: [String: Value]

    init(typeName: String, repr: String, attributes: [String: Value] = [:]) {
        self.typeName = typeName
        self.text = repr
        self.attributes = attributes
    }

    func repr() throws -> String { text }
    var attributeNames: [String] { attributes.keys.sorted() }
    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? { attributes[name] }

    /// An object whose repr shows its identity, as IPython prints matplotlib objects.
    static func identified(_ typeName: String, module: String, attributes: [String: Value] = [:]) -> PlotHandle {
        let h = PlotHandle(typeName: typeName, repr: "", attributes: attributes)
        return PlotHandle(typeName: typeName, repr: "<matplotlib.\(module).\(typeName) at \(plotAddress(h))>", attributes: attributes)
    }
}
