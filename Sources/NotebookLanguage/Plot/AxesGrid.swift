/// The array of Axes `plt.subplots(rows, cols)` returns: indexable like a NumPy object array
/// (`axes[0]`, `axes[1, 2]`, `axes[0][1]`), iterable, with `.flat`, `.flatten()`, `.ravel()`, `.shape`.
final class AxesGrid: NativeObject {
    let axes: [PlotAxes]
    /// [n] or [rows, columns].
    let shape: [Int]

    init(axes: [PlotAxes], shape: [Int]) {
        self.axes = axes
        self.shape = shape
    }

    var typeName: String { "ndarray" }

    func repr() throws -> String {
        let items = try axes.map { try $0.repr() }
        if shape.count == 1 { return "array([" + items.joined(separator: ", ") + "], dtype=object)" }
        let rows = (0..<shape[0]).map { r in "[" + items[(r * shape[1])..<((r + 1) * shape[1])].joined(separator: ", ") + "]" }
        return "array([" + rows.joined(separator: ",\n       ") + "], dtype=object)"
    }

    func length() throws -> Int? { shape[0] }

    private func row(_ r: Int) -> Value {
        if shape.count == 1 { return .object(axes[r]) }
        return .object(AxesGrid(axes: Array(axes[(r * shape[1])..<((r + 1) * shape[1])]), shape: [shape[1]]))
    }

    private func index(_ v: Value, axis: Int) throws -> Int {
        guard case .int(let i) = v else {
            throw PyException(BuiltinTypes.indexError, "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
        }
        let size = shape[axis]
        guard i >= -Int64(size) && i < Int64(size) else {
            throw PyException(BuiltinTypes.indexError, "index \(i) is out of bounds for axis \(axis) with size \(size)")
        }
        return i < 0 ? Int(i) + size : Int(i)
    }

    func getItem(_ key: Value) throws -> Value? {
        if case .tuple(let parts) = key {
            guard parts.count <= shape.count else {
                throw PyException(BuiltinTypes.indexError, "too many indices for array: array is \(shape.count)-dimensional, but \(parts.count) were indexed")
            }
            if parts.count == 2 { return .object(axes[try index(parts[0], axis: 0) * shape[1] + index(parts[1], axis: 1)]) }
            if parts.count == 1 { return row(try index(parts[0], axis: 0)) }
        }
        return row(try index(key, axis: 0))
    }

    func makeIterator(interpreter: Interpreter) throws -> PyIterator? {
        var i = 0
        let count = shape[0]
        return PyIterator(typeName: "iterator") { [self] in
            guard i < count else { return nil }
            defer { i += 1 }
            return row(i)
        }
    }

    var attributeNames: [String] { ["flat", "flatten", "ravel", "shape", "size", "ndim"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        let flat = Value.object(AxesGrid(axes: axes, shape: [axes.count]))
        switch name {
        case "flat": return flat
        case "flatten", "ravel":
            return PlotMethod(name: name, signature: "\(name)()", doc: "The Axes as a 1-D array.") { _, _ in flat }.builtin()
        case "shape": return .tuple(shape.map { .int(Int64($0)) })
        case "size": return .int(Int64(axes.count))
        case "ndim": return .int(Int64(shape.count))
        default: return nil
        }
    }
}
