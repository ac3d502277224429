/// An RGBA colour with components in 0...1, parsed from anything matplotlib accepts.
struct PlotColor: Equatable {
    var red: Double
    var green: Double
    var blue: Double
    var alpha: Double = 1

    static let black = PlotColor(red: 0, green: 0, blue: 0)
    static let white = PlotColor(red: 1, green: 1, blue: 1)

    /// matplotlib's default property cycle (the "tab10" colours), `C0` ... `C9`.
    static let cycle: [PlotColor] = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                     "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"].map { hex($0)! }

    /// `#rrggbb` (and an opacity attribute's value when alpha < 1).
    var hex: String {
        func byte(_ c: Double) -> String {
            let b = Int((min(max(c, 0), 1) * 255).rounded())
            let digits = Array("0123456789abcdef")
            return String([digits[b / 16], digits[b % 16]])
        }
        return "#" + byte(red) + byte(green) + byte(blue)
    }

    /// Parses `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`.
    static func hex(_ text: String) -> PlotColor? {
        guard text.hasPrefix("#") else { return nil }
        var digits = Array(text.dropFirst())
        if digits.count == 3 || digits.count == 4 { digits = digits.flatMap { [$0, $0] } }
        guard digits.count == 6 || digits.count == 8 else { return nil }
        var values: [Double] = []
        for i in stride(from: 0, to: digits.count, by: 2) {
            guard let v = UInt8(String(digits[i...i + 1]), radix: 16) else { return nil }
            values.append(Double(v) / 255)
        }
        return PlotColor(red: values[0], green: values[1], blue: values[2], alpha: values.count == 4 ? values[3] : 1)
    }

    /// A colour string: a name (`'red'`, `'r'`, `'tab:blue'`), `'C3'`, a hex code or a grey level
    /// (`'0.5'`). nil when it is none of these.
    static func named(_ text: String) -> PlotColor? {
        let key = text.lowercased()
        if let hex = PlotTables.namedColors[key] ?? PlotTables.namedColors[text] { return Self.hex(hex) }
        if let c = Self.hex(text) { return c }
        if text.count >= 2, text.first == "C", let n = Int(text.dropFirst()), n >= 0 { return cycle[n % cycle.count] }
        if let grey = Double(text), (0...1).contains(grey), text.first?.isNumber == true || text.first == "." {
            return PlotColor(red: grey, green: grey, blue: grey)
        }
        return nil
    }

    /// A colour from a cell value: a string, or an (r, g, b[, a]) tuple/list of 0-1 floats.
    static func parse(_ value: Value, interpreter: Interpreter) throws -> PlotColor {
        switch value {
        case .str(let s):
            if let c = named(s) { return c }
        case .tuple, .list:
            let parts = try interpreter.toArray(value).map { $0.doubleValue }
            if parts.count == 3 || parts.count == 4, parts.allSatisfy({ $0.map { (0...1).contains($0) } ?? false }) {
                let p = parts.map { $0! }
                return PlotColor(red: p[0], green: p[1], blue: p[2], alpha: p.count == 4 ? p[3] : 1)
            }
            if parts.count == 2, let alpha = parts[1], case let items = try interpreter.toArray(value),
               var c = try? parse(items[0], interpreter: interpreter) {
                c.alpha = alpha
                return c
            }
        default:
            break
        }
        let shown = (try? value.repr()) ?? value.typeName
        throw PyException(BuiltinTypes.valueError, "\(shown) is not a valid value for color: supported inputs are (r, g, b) and (r, g, b, a) 0-1 float tuples; '#rrggbb', '#rrggbbaa', '#rgb', '#rgba' strings; named color strings; string reprs of 0-1 floats for grayscale values; 'C0', 'C1', ... strings for colors of the color cycle; and pairs combining one of the above with an alpha value")
    }
}

/// A matplotlib colormap: 256 colours from low to high, plus the colours for NaN ("bad").
struct Colormap {
    let name: String
    let table: [PlotColor]

    /// matplotlib's default colormap.
    static var viridis: Colormap { (try? named("viridis")) ?? Colormap(name: "viridis", table: [.black]) }

    /// The colormap names `cmap=` accepts (each also reversed with `_r`).
    static var names: [String] { PlotTables.colormaps.keys.sorted() }

    /// Looks a colormap up by name; ValueError (with a suggestion) for unknown names.
    static func named(_ name: String) throws -> Colormap {
        let reversed = name.hasSuffix("_r")
        let base = reversed ? String(name.dropLast(2)) : name
        guard let packed = PlotTables.colormaps[base] else {
            let all = names + names.map { $0 + "_r" }
            let hint = Suggestions.closest(to: name, in: all).map { " Did you mean: '\($0)'?" } ?? ""
            throw PyException(BuiltinTypes.valueError, "'\(name)' is not a valid value for cmap.\(hint)")
        }
        let bytes = Array(packed.utf8)
        var table: [PlotColor] = []
        table.reserveCapacity(bytes.count / 6)
        func nibble(_ b: UInt8) -> Double { Double(b >= 97 ? b - 87 : b - 48) }
        for i in stride(from: 0, to: bytes.count - 5, by: 6) {
            let c = (0..<3).map { (nibble(bytes[i + 2 * $0]) * 16 + nibble(bytes[i + 2 * $0 + 1])) / 255 }
            table.append(PlotColor(red: c[0], green: c[1], blue: c[2]))
        }
        return Colormap(name: name, table: reversed ? table.reversed() : table)
    }

    /// The colour of a value normalised to 0...1 (clipped; NaN is transparent, as matplotlib's "bad").
    func color(_ t: Double) -> PlotColor {
        guard !t.isNaN else { return PlotColor(red: 0, green: 0, blue: 0, alpha: 0) }
        let n = table.count
        let index = min(max(Int(min(max(t, -1), 2) * Double(n)), 0), n - 1)
        return table[index]
    }
}
