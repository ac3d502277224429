import RNNRuntime

/// `numpy.linalg`: `norm`, the vector length a notebook needs for cosine similarity
/// (`E / np.linalg.norm(E, axis=1, keepdims=True)`).
enum NumPyLinalg {
    static func make() -> PyModule {
        typealias B = NumPyBridge
        let linalg = PyModule(name: "numpy.linalg", doc: "Linear algebra (norm).")
        linalg.addFunction("norm", signature: "norm(x, ord=None, axis=None, keepdims=False)",
                           doc: "The 2-norm of a vector, the Frobenius norm of a matrix or of a flattened array, or 2-norms along an axis.") { args, interp in
            let a = try args.bind("norm", ["x", "ord", "axis", "keepdims"], required: 1)
            let x = try B.tensor(a[0]!, interp), axis = try B.axis(a[2]), keep = B.bool(a[3])
            if let ord = a[1], !ord.isNone {
                // ord=2 of vectors is the default norm; matrix 2-norms need an SVD the runtime lacks.
                guard (try? B.double(ord)) == 2, x.ndim == 1 || axis != nil else {
                    throw PyException(BuiltinTypes.notImplementedError, "np.linalg.norm: ord=\(try ord.repr()) is not supported here; the default (ord=None: the 2-norm of vectors, the Frobenius norm of matrices) is")
                }
            }
            return B.wrap(try numpyCall {
                let squares = try x.astype(.float32).square()
                return try squares.sum(axis: axis, keepdims: keep).sqrt()
            })
        }
        return linalg
    }
}
