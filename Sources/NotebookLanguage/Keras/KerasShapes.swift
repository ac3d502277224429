/// Shape arguments as Keras takes them: tuples of ints with None for unknown sizes.
enum KerasShapes {
    /// A shape tuple/list (or a bare int) with None allowed: `(2, 10)`, `(None, 10)`, `10`.
    static func sampleShape(_ v: Value, _ interp: Interpreter, what: String) throws -> [Int?] {
        let items: [Value]
        switch v {
        case .int: items = [v]
        case .tuple, .list: items = try interp.toArray(v)
        default:
            throw PyException(BuiltinTypes.valueError, "Cannot convert '\((try? v.str()) ?? "?")' to a shape. (`\(what)` should be a tuple of integers, e.g. (2, 10))")
        }
        return try items.map { item in
            if item.isNone { return nil }
            guard case .int(let i) = item, i >= 0 else {
                throw PyException(BuiltinTypes.valueError, "Cannot convert '\((try? v.str()) ?? "?")' to a shape. Found invalid entry '\((try? item.str()) ?? "?")'.")
            }
            return Int(i)
        }
    }

    /// A symbolic shape as the Python tuple Keras returns (`(None, 20)`).
    static func tuple(_ shape: [Int?]) -> Value {
        .tuple(shape.map { $0.map { .int(Int64($0)) } ?? .none })
    }
}
