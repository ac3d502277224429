import RNNRuntime

/// `np.sort` and `np.argsort`: ranking a model's probabilities (the three likeliest next words).
enum NumPySorting {
    static func register(in np: PyModule) {
        typealias B = NumPyBridge
        for (name, doc) in [("argsort", "The indices that would sort the array along an axis (ascending, NaN last, ties in order)."),
                            ("sort", "A sorted copy of the array along an axis (ascending, NaN last).")] {
            np.addFunction(name, signature: "\(name)(a, axis=-1, kind=None, order=None)", doc: doc) { args, interp in
                let a = try args.bind(name, ["a", "axis", "kind", "order"], required: 1)
                let t = try B.tensor(a[0]!, interp)
                // Given axis=None sorts the flattened array; an omitted axis is the last one.
                let axis: Int? = a[1] == nil ? -1 : try B.axis(a[1])
                if let kind = a[2], kind.typeName != "NoneType" {
                    // NumPy reads the first letter (case-insensitive): quick, merge, heap or stable.
                    guard case .str(let k) = kind, let first = k.lowercased().first, "qmhs".contains(first) else {
                        throw PyException(BuiltinTypes.valueError, "sort kind must be one of 'quick', 'heap', or 'stable' (got \((try? kind.repr()) ?? "?"))")
                    }
                }
                if let order = a[3], order.typeName != "NoneType" {
                    throw PyException(BuiltinTypes.valueError, "Cannot specify order when the array has no fields.")
                }
                return B.wrap(try numpyCall { name == "sort" ? try t.sorted(axis: axis) : try t.argsort(axis: axis) })
            }
        }
    }
}
