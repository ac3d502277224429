import RNNRuntime

/// `numpy`: array creation, math, reductions and `numpy.random`, backed by the RNN runtime.
/// Each session gets its own module instance, hence its own `RandomState`.
enum NumPyModule {
    static func make() -> PyModule {
        let np = PyModule(name: "numpy", doc: "Arrays (float32, int64, bool) backed by the Swift RNN runtime.")
        typealias B = NumPyBridge
        func wrap(_ t: Tensor) -> Value { B.wrap(t) }
        func array(_ t: Tensor) -> Value { .object(TensorObject(t)) }

        np.set("ndarray", .type(TensorObject.type))
        np.set("float32", .object(DTypeObject(.float32, scalarType: true)))
        np.set("int64", .object(DTypeObject(.int64, scalarType: true)))
        np.set("newaxis", .none)
        np.set("pi", .float(Double.pi))
        np.set("e", .float(2.718281828459045))
        np.set("inf", .float(.infinity))
        np.set("nan", .float(.nan))

        // MARK: Creation
        np.addFunction("array", signature: "array(object, dtype=None)", doc: "Create an array from a nested list, tuple, number or array (floats give float32, ints int64).") { args, interp in
            let a = try args.bind("array", ["object", "dtype"], required: 1)
            let t = try B.tensor(a[0]!, interp, dtype: try B.dtype(a[1]))
            return array(t)
        }
        np.addFunction("asarray", signature: "asarray(a, dtype=None)", doc: "Convert the input to an array.") { args, interp in
            let a = try args.bind("asarray", ["a", "dtype"], required: 1)
            return array(try B.tensor(a[0]!, interp, dtype: try B.dtype(a[1])))
        }
        for (name, value, doc) in [("zeros", 0.0, "A new array of the given shape filled with zeros."), ("ones", 1.0, "A new array of the given shape filled with ones.")] {
            np.addFunction(name, signature: "\(name)(shape, dtype=float32)", doc: doc) { args, interp in
                let a = try args.bind(name, ["shape", "dtype"], required: 1)
                let shape = try B.shape(a[0]!, interp), d = try B.dtype(a[1]) ?? .float32
                return array(try numpyCall { try Tensor.full(shape, value, dtype: d) })
            }
            np.addFunction("\(name)_like", signature: "\(name)_like(a, dtype=None)", doc: "An array of \(name) with the same shape (and dtype) as a.") { args, interp in
                let a = try args.bind("\(name)_like", ["a", "dtype"], required: 1)
                let t = try B.tensor(a[0]!, interp)
                return array(try numpyCall { try Tensor.full(t.shape, value, dtype: try B.dtype(a[1]) ?? t.dtype) })
            }
        }
        np.addFunction("full", signature: "full(shape, fill_value, dtype=None)", doc: "A new array of the given shape filled with fill_value.") { args, interp in
            let a = try args.bind("full", ["shape", "fill_value", "dtype"], required: 2)
            let shape = try B.shape(a[0]!, interp)
            var d = try B.dtype(a[2])
            if d == nil { if case .int = a[1]! { d = .int64 } else if case .bool = a[1]! { d = .bool } else { d = .float32 } }
            let fill = try B.double(a[1]!)
            return array(try numpyCall { try Tensor.full(shape, fill, dtype: d!) })
        }
        np.addFunction("arange", signature: "arange(start, stop=None, step=1, dtype=None)", doc: "Evenly spaced values in [start, stop) (int64 for int arguments, float32 otherwise).") { args, _ in
            let a = try args.bind("arange", ["start", "stop", "step", "dtype"], required: 1)
            let given = [a[0], a[1], a[2]].compactMap { v -> Value? in if let v, case .none = v { return nil }; return v }
            let allInts = given.allSatisfy { if case .int = $0 { return true }; if case .bool = $0 { return true }; return false }
            var t: Tensor
            if allInts {
                let n = try given.map { try B.int($0) }
                t = try numpyCall { n.count == 1 ? try Tensor.arange(n[0]) : try Tensor.arange(n[0], n[1], n.count > 2 ? n[2] : 1) }
            } else {
                let n = try given.map { try B.double($0) }
                t = try numpyCall { n.count == 1 ? try Tensor.arange(0, n[0], 1) : try Tensor.arange(n[0], n[1], n.count > 2 ? n[2] : 1) }
            }
            if let d = try B.dtype(a[3]) { t = try numpyCall { try t.astype(d) } }
            return array(t)
        }
        np.addFunction("linspace", signature: "linspace(start, stop, num=50, endpoint=True)", doc: "num evenly spaced samples over [start, stop].") { args, _ in
            let a = try args.bind("linspace", ["start", "stop", "num", "endpoint"], required: 2)
            let num = try a[2].map { try B.int($0) } ?? 50
            let endpoint = a[3].map { $0.isTruthy } ?? true
            return array(try numpyCall { try Tensor.linspace(try B.double(a[0]!), try B.double(a[1]!), num: num, endpoint: endpoint) })
        }
        np.addFunction("eye", signature: "eye(N, M=None, k=0, dtype=float32)", doc: "A 2-D array with ones on the k-th diagonal and zeros elsewhere.") { args, _ in
            let a = try args.bind("eye", ["N", "M", "k", "dtype"], required: 1)
            let n = try B.int(a[0]!)
            var m: Int? = nil
            if let v = a[1] { if case .none = v {} else { m = try B.int(v) } }
            let k = try a[2].map { try B.int($0) } ?? 0
            return array(try numpyCall { try Tensor.eye(n, m, k: k, dtype: try B.dtype(a[3]) ?? .float32) })
        }

        // MARK: Shapes
        np.addFunction("reshape", signature: "reshape(a, newshape)", doc: "Gives a new shape to an array without changing its data.") { args, interp in
            let a = try args.bind("reshape", ["a", "newshape"], required: 2)
            let t = try B.tensor(a[0]!, interp), shape = try B.shape(a[1]!, interp)
            return array(try numpyCall { try t.reshape(shape) })
        }
        np.addFunction("transpose", signature: "transpose(a, axes=None)", doc: "Permute the axes of an array (reverse them by default).") { args, interp in
            let a = try args.bind("transpose", ["a", "axes"], required: 1)
            let t = try B.tensor(a[0]!, interp)
            var axes: [Int]? = nil
            if let v = a[1] { if case .none = v {} else { axes = try B.shape(v, interp) } }
            return array(try numpyCall { try t.transpose(axes) })
        }
        for (name, doc) in [("concatenate", "Join a sequence of arrays along an existing axis."), ("stack", "Join a sequence of arrays along a new axis.")] {
            np.addFunction(name, signature: "\(name)(arrays, axis=0)", doc: doc) { args, interp in
                let a = try args.bind(name, ["arrays", "axis"], required: 1)
                let ts = try interp.toArray(a[0]!).map { try B.tensor($0, interp) }
                let axis = try B.axis(a[1]) ?? 0
                return array(try numpyCall { name == "stack" ? try Tensor.stack(ts, axis: axis) : try Tensor.concatenate(ts, axis: axis) })
            }
        }
        np.addFunction("expand_dims", signature: "expand_dims(a, axis)", doc: "Insert a new axis of length 1 at position axis.") { args, interp in
            let a = try args.bind("expand_dims", ["a", "axis"], required: 2)
            let t = try B.tensor(a[0]!, interp), axis = try B.int(a[1]!)
            return array(try numpyCall { try t.expandDims(axis) })
        }
        np.addFunction("squeeze", signature: "squeeze(a, axis=None)", doc: "Remove axes of length 1.") { args, interp in
            let a = try args.bind("squeeze", ["a", "axis"], required: 1)
            let t = try B.tensor(a[0]!, interp), axis = try B.axis(a[1])
            return wrap(try numpyCall { try t.squeeze(axis) })
        }

        // MARK: Element-wise math
        let unary: [(String, String, (Tensor) -> Tensor)] = [
            ("exp", "Exponential of each element.", { $0.exp() }),
            ("log", "Natural logarithm of each element.", { $0.log() }),
            ("sqrt", "Non-negative square root of each element.", { $0.sqrt() }),
            ("tanh", "Hyperbolic tangent of each element.", { $0.tanh() }),
            ("abs", "Absolute value of each element.", { $0.abs() }),
        ]
        for (name, doc, f) in unary {
            np.addFunction(name, signature: "\(name)(x)", doc: doc) { args, interp in
                let a = try args.bind(name, ["x"], required: 1)
                let t = try B.tensor(a[0]!, interp)
                return wrap(name == "abs" ? f(t) : f(try numpyCall { try t.astype(.float32) }))
            }
        }
        for (name, op, doc) in [("maximum", BinaryOp.maximum, "Element-wise maximum (broadcasting)."), ("minimum", .minimum, "Element-wise minimum (broadcasting).")] {
            np.addFunction(name, signature: "\(name)(x1, x2)", doc: doc) { args, interp in
                let a = try args.bind(name, ["x1", "x2"], required: 2)
                let x = try B.tensor(a[0]!, interp), y = try B.tensor(a[1]!, interp)
                return wrap(try numpyCall { try x.binary(op, y) })
            }
        }
        np.addFunction("clip", signature: "clip(a, a_min, a_max)", doc: "Limit the values of a to [a_min, a_max] (either may be None).") { args, interp in
            let a = try args.bind("clip", ["a", "a_min", "a_max"], required: 3)
            let t = try B.tensor(a[0]!, interp)
            func bound(_ v: Value) throws -> Double? { if case .none = v { return nil }; return try B.double(v) }
            let lo = try bound(a[1]!), hi = try bound(a[2]!)
            return wrap(try numpyCall { try t.clip(lo, hi) })
        }
        for (name, doc) in [("matmul", "Matrix product of two arrays (the @ operator)."), ("dot", "Dot product of two arrays.")] {
            np.addFunction(name, signature: "\(name)(a, b)", doc: doc) { args, interp in
                let a = try args.bind(name, ["a", "b"], required: 2)
                let x = try B.tensor(a[0]!, interp), y = try B.tensor(a[1]!, interp)
                return wrap(try numpyCall { name == "dot" ? try x.dot(y) : try x.matmul(y) })
            }
        }

        // MARK: Reductions
        let reductions: [(String, String, (Tensor, Int?, Bool) throws -> Tensor)] = [
            ("sum", "Sum of array elements over a given axis.", { try $0.sum(axis: $1, keepdims: $2) }),
            ("mean", "Arithmetic mean along the specified axis.", { try $0.mean(axis: $1, keepdims: $2) }),
            ("max", "Maximum of an array or maximum along an axis.", { try $0.max(axis: $1, keepdims: $2) }),
            ("min", "Minimum of an array or minimum along an axis.", { try $0.min(axis: $1, keepdims: $2) }),
            ("argmax", "Indices of the maximum values along an axis.", { try $0.argmax(axis: $1, keepdims: $2) }),
            ("argmin", "Indices of the minimum values along an axis.", { try $0.argmin(axis: $1, keepdims: $2) }),
            ("std", "Standard deviation along the specified axis.", { try $0.std(axis: $1, keepdims: $2) }),
        ]
        for (name, doc, f) in reductions {
            np.addFunction(name, signature: "\(name)(a, axis=None, keepdims=False)", doc: doc) { args, interp in
                let a = try args.bind(name, ["a", "axis", "keepdims"], required: 1)
                let t = try B.tensor(a[0]!, interp), axis = try B.axis(a[1])
                return wrap(try numpyCall { try f(t, axis, B.bool(a[2])) })
            }
        }

        // MARK: Files (.npy / .npz)
        NumPyIO.register(in: np)
        NumPyComparisons.register(in: np)
        NumPySorting.register(in: np)

        np.set("linalg", .module(NumPyLinalg.make()))

        np.set("random", .module(makeRandom()))
        return np
    }

    /// `numpy.random`, with its own Mersenne Twister (NumPy's legacy RandomState).
    static func makeRandom() -> PyModule {
        typealias B = NumPyBridge
        let rng = RandomState(seed: UInt32.random(in: .min ... .max))
        let r = PyModule(name: "numpy.random", doc: "Random sampling (NumPy's legacy RandomState: seed(0) gives NumPy's sequence, in float32).")
        func size(_ v: Value?, _ interp: Interpreter) throws -> [Int] {
            guard let v else { return [] }
            if case .none = v { return [] }
            return try B.shape(v, interp)
        }
        r.addFunction("seed", signature: "seed(seed=None)", doc: "Seed the generator (an int in [0, 2**32)).") { args, _ in
            let a = try args.bind("seed", ["seed"])
            if let v = a[0], !(v.isNone) { try numpyCall { try rng.seed(try B.int(v)) } }
            else { rng.seed(UInt32.random(in: .min ... .max)) }
            return .none
        }
        r.addFunction("randn", signature: "randn(*shape)", doc: "Samples from the standard normal distribution (a float when no shape is given).") { args, interp in
            try args.expectPositional("randn", min: 0, max: Int.max)
            let shape = args.positional.isEmpty ? [] : try B.varShape(args.positional, interp)
            return B.wrap(try numpyCall { try rng.randn(shape) })
        }
        r.addFunction("rand", signature: "rand(*shape)", doc: "Uniform samples in [0, 1) (a float when no shape is given).") { args, interp in
            try args.expectPositional("rand", min: 0, max: Int.max)
            let shape = args.positional.isEmpty ? [] : try B.varShape(args.positional, interp)
            return B.wrap(try numpyCall { try rng.rand(shape) })
        }
        r.addFunction("randint", signature: "randint(low, high=None, size=None)", doc: "Random integers in [low, high) (or [0, low) without high).") { args, interp in
            let a = try args.bind("randint", ["low", "high", "size", "dtype"], required: 1)
            let low = try B.int(a[0]!)
            var high: Int? = nil
            if let v = a[1], !v.isNone { high = try B.int(v) }
            let shape = try size(a[2], interp)
            return B.wrap(try numpyCall { try rng.randint(low, high, shape) })
        }
        r.addFunction("normal", signature: "normal(loc=0.0, scale=1.0, size=None)", doc: "Samples from a normal (Gaussian) distribution.") { args, interp in
            let a = try args.bind("normal", ["loc", "scale", "size"])
            let loc = try a[0].map(B.double) ?? 0, scale = try a[1].map(B.double) ?? 1
            return B.wrap(try numpyCall { try rng.normal(loc: loc, scale: scale, try size(a[2], interp)) })
        }
        r.addFunction("uniform", signature: "uniform(low=0.0, high=1.0, size=None)", doc: "Samples from a uniform distribution over [low, high).") { args, interp in
            let a = try args.bind("uniform", ["low", "high", "size"])
            let low = try a[0].map(B.double) ?? 0, high = try a[1].map(B.double) ?? 1
            return B.wrap(try numpyCall { try rng.uniform(low: low, high: high, try size(a[2], interp)) })
        }
        r.addFunction("choice", signature: "choice(a, size=None, replace=True, p=None)", doc: "A random sample from range(a) (an int) or from the elements of a 1-D array.") { args, interp in
            let a = try args.bind("choice", ["a", "size", "replace", "p"], required: 1)
            let shape = try size(a[1], interp)
            let replace = a[2].map { $0.isTruthy } ?? true
            var p: [Double]? = nil
            if let v = a[3], !v.isNone { p = try B.tensor(v, interp).doubleValues }
            if case .int(let n) = a[0]! {
                return B.wrap(try numpyCall { try rng.choice(Int(n), shape, replace: replace, p: p) })
            }
            let t = try B.tensor(a[0]!, interp)
            return B.wrap(try numpyCall { try rng.choice(t, shape, replace: replace, p: p) })
        }
        r.addFunction("shuffle", signature: "shuffle(x)", doc: "Shuffle an array in place along its first axis.") { args, _ in
            let a = try args.bind("shuffle", ["x"], required: 1)
            guard case .object(let o as TensorObject) = a[0]! else {
                throw PyException(BuiltinTypes.typeError, "shuffle() needs an ndarray (lists: use random.shuffle)")
            }
            try numpyCall { try rng.shuffle(&o.tensor) }
            return .none
        }
        r.addFunction("permutation", signature: "permutation(x)", doc: "A permuted range(x) (an int) or a shuffled copy of an array.") { args, interp in
            let a = try args.bind("permutation", ["x"], required: 1)
            if case .int(let n) = a[0]! { return .object(TensorObject(try numpyCall { try rng.permutation(Int(n)) })) }
            let t = try B.tensor(a[0]!, interp)
            return .object(TensorObject(try numpyCall { try rng.permutation(t) }))
        }
        return r
    }
}

extension Value {
    var isNone: Bool { if case .none = self { return true }; return false }
}
