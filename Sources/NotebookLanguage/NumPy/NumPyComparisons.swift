import RNNRuntime

/// `np.isclose`, `np.allclose` and `np.array_equal`: how a notebook checks that two computations
/// agree (a layer against its equations, an embedding lookup against one-hot @ table).
enum NumPyComparisons {
    static func register(in np: PyModule) {
        typealias B = NumPyBridge
        /// The shared arguments of isclose/allclose: both arrays, then NumPy's default tolerances.
        func operands(_ name: String, _ args: Arguments, _ interp: Interpreter) throws -> (Tensor, Tensor, Double, Double, Bool) {
            let a = try args.bind(name, ["a", "b", "rtol", "atol", "equal_nan"], required: 2)
            let rtol = try a[2].map(B.double) ?? 1e-05, atol = try a[3].map(B.double) ?? 1e-08
            guard rtol >= 0, atol >= 0 else {
                throw PyException(BuiltinTypes.valueError, "\(name): rtol and atol must be non-negative, got rtol=\(rtol), atol=\(atol)")
            }
            return (try B.tensor(a[0]!, interp), try B.tensor(a[1]!, interp), rtol, atol, B.bool(a[4]))
        }
        np.addFunction("isclose", signature: "isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                       doc: "Element-wise |a - b| <= atol + rtol * |b| (broadcasting), as a bool array.") { args, interp in
            let (x, y, rtol, atol, equalNaN) = try operands("isclose", args, interp)
            return B.wrap(try numpyCall { try x.isClose(y, rtol: rtol, atol: atol, equalNaN: equalNaN) })
        }
        np.addFunction("allclose", signature: "allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)",
                       doc: "True if every element of a is close to the matching element of b: |a - b| <= atol + rtol * |b|.") { args, interp in
            let (x, y, rtol, atol, equalNaN) = try operands("allclose", args, interp)
            return .bool(try numpyCall { try x.allClose(y, rtol: rtol, atol: atol, equalNaN: equalNaN) })
        }
        np.addFunction("array_equal", signature: "array_equal(a1, a2, equal_nan=False)",
                       doc: "True if the two arrays have the same shape and the same elements.") { args, interp in
            let a = try args.bind("array_equal", ["a1", "a2", "equal_nan"], required: 2)
            let x = try B.tensor(a[0]!, interp), y = try B.tensor(a[1]!, interp)
            return .bool(x.arrayEqual(y, equalNaN: B.bool(a[2])))
        }
    }
}
