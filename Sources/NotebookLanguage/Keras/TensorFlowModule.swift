import RNNRuntime

/// `tensorflow` (as `tf`): `tf.keras`, tensors as NumPy arrays of the runtime (`tf.constant`,
/// `tf.convert_to_tensor`), the common ops (`tf.shape`, `tf.one_hot`, `tf.reduce_*`, `tf.nn.softmax`,
/// `tf.matmul`...) and `tf.random` (`set_seed` seeds the weights of new layers).
enum TensorFlowModule {
    static let version = "2.16.0-swift-rnn"

    static func make(keras: PyModule, context: KerasContext) -> PyModule {
        typealias B = NumPyBridge
        let tf = KerasNamespace.module("tensorflow", display: "tf", members: "tf members",
                                       doc: "TensorFlow's vocabulary for RNN notebooks, computed by the Swift RNN runtime (tensors are its float32 arrays).")
        tf.set("__version__", .str(version))
        tf.set("keras", .module(keras))
        tf.set("Tensor", .type(TensorObject.type))
        tf.set("float32", .object(DTypeObject(.float32)))
        tf.set("int32", .object(DTypeObject(.int64)))
        tf.set("int64", .object(DTypeObject(.int64)))
        tf.set("bool", .object(DTypeObject(.bool)))
        func array(_ t: Tensor) -> Value { .object(TensorObject(t)) }

        for name in ["constant", "convert_to_tensor"] {
            let sig = name == "constant" ? "constant(value, dtype=None, shape=None, name=None)" : "convert_to_tensor(value, dtype=None, dtype_hint=None, name=None)"
            tf.addFunction(name, signature: sig, doc: "A tensor (the runtime's float32/int64/bool array) from a number, nested list or array\(name == "constant" ? "; shape= reshapes it or fills it with a scalar" : "").") { args, interp in
                let a = try args.bind(name, ["value", "dtype", name == "constant" ? "shape" : "dtype_hint", "name"], required: 1)
                var t = try B.tensor(a[0]!, interp, dtype: try B.dtype(a[1]))
                if name == "constant", let s = a[2], !s.isNone {
                    let shape = try B.shape(s, interp)
                    t = try numpyCall { t.size == 1 ? try Tensor.full(shape, try t.item(), dtype: t.dtype) : try t.reshape(shape) }
                }
                return array(t)
            }
        }
        tf.addFunction("shape", signature: "shape(input, out_type=None, name=None)", doc: "The shape of a tensor as a 1-D integer tensor.") { args, interp in
            let a = try args.bind("shape", ["input", "out_type", "name"], required: 1)
            let t = try KerasValues.tensor(a[0]!, interp)
            return array(try numpyCall { try Tensor(shape: [t.ndim], values: t.shape.map(Int64.init)) })
        }
        tf.addFunction("one_hot", signature: "one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None)",
                       doc: "One-hot float32 tensor of shape indices.shape + (depth,); indices outside [0, depth) give all-off rows.") { args, interp in
            let a = try args.bind("one_hot", ["indices", "depth", "on_value", "off_value", "axis", "dtype", "name"], required: 2)
            let indices = try B.tensor(a[0]!, interp), depth = try B.int(a[1]!)
            if let axis = a[4], !axis.isNone, try B.int(axis) != -1 {
                throw PyException(BuiltinTypes.notImplementedError, "tf.one_hot(axis=\(try axis.repr())) is not supported by this kernel yet; the one-hot axis is last (axis=-1)")
            }
            var t = try numpyCall { try Tensor.oneHot(indices, depth: depth) }
            let on = try a[2].flatMap { $0.isNone ? nil : try B.double($0) } ?? 1
            let off = try a[3].flatMap { $0.isNone ? nil : try B.double($0) } ?? 0
            if on != 1 || off != 0 { t = t.map { Float(off) + $0 * Float(on - off) } }
            if let d = try B.dtype(a[5]) { t = try numpyCall { try t.astype(d) } }
            return array(t)
        }
        let reductions: [(String, String, (Tensor, Int?, Bool) throws -> Tensor)] = [
            ("reduce_sum", "Sum of elements across an axis (all axes by default).", { try $0.sum(axis: $1, keepdims: $2) }),
            ("reduce_mean", "Mean of elements across an axis (all axes by default).", { try $0.mean(axis: $1, keepdims: $2) }),
            ("reduce_max", "Maximum of elements across an axis (all axes by default).", { try $0.max(axis: $1, keepdims: $2) }),
            ("reduce_min", "Minimum of elements across an axis (all axes by default).", { try $0.min(axis: $1, keepdims: $2) }),
        ]
        for (name, doc, f) in reductions {
            tf.addFunction(name, signature: "\(name)(input_tensor, axis=None, keepdims=False, name=None)", doc: doc) { args, interp in
                let a = try args.bind(name, ["input_tensor", "axis", "keepdims", "name"], required: 1)
                let t = try KerasValues.tensor(a[0]!, interp)
                return B.wrap(try numpyCall { try f(t, try B.axis(a[1]), B.bool(a[2])) })
            }
        }
        tf.addFunction("argmax", signature: "argmax(input, axis=None, output_type=None, name=None)", doc: "Index of the largest value across an axis (axis 0 by default).") { args, interp in
            let a = try args.bind("argmax", ["input", "axis", "output_type", "name"], required: 1)
            let t = try KerasValues.tensor(a[0]!, interp)
            return B.wrap(try numpyCall { try t.argmax(axis: try B.axis(a[1]) ?? 0, keepdims: false) })
        }
        tf.addFunction("matmul", signature: "matmul(a, b, name=None)", doc: "Matrix product (OpenBLAS sgemm).") { args, interp in
            let a = try args.bind("matmul", ["a", "b", "name"], required: 2)
            let x = try KerasValues.tensor(a[0]!, interp), y = try KerasValues.tensor(a[1]!, interp)
            return B.wrap(try numpyCall { try x.matmul(y) })
        }
        tf.addFunction("reshape", signature: "reshape(tensor, shape, name=None)", doc: "The same values in a new shape (one axis may be -1).") { args, interp in
            let a = try args.bind("reshape", ["tensor", "shape", "name"], required: 2)
            let t = try KerasValues.tensor(a[0]!, interp), shape = try B.shape(a[1]!, interp)
            return array(try numpyCall { try t.reshape(shape) })
        }
        tf.addFunction("transpose", signature: "transpose(a, perm=None, name=None)", doc: "Permutes the axes (reverses them by default).") { args, interp in
            let a = try args.bind("transpose", ["a", "perm", "name"], required: 1)
            let t = try KerasValues.tensor(a[0]!, interp)
            let perm = try a[1].flatMap { $0.isNone ? nil : try B.shape($0, interp) }
            return array(try numpyCall { try t.transpose(perm) })
        }
        for (name, doc) in [("concat", "Joins tensors along an existing axis."), ("stack", "Joins tensors along a new axis.")] {
            tf.addFunction(name, signature: "\(name)(values, axis\(name == "stack" ? "=0" : ""), name=None)", doc: doc) { args, interp in
                let a = try args.bind(name, ["values", "axis", "name"], required: name == "stack" ? 1 : 2)
                let ts = try interp.toArray(a[0]!).map { try KerasValues.tensor($0, interp) }
                let axis = try B.axis(a[1]) ?? 0
                return array(try numpyCall { name == "stack" ? try Tensor.stack(ts, axis: axis) : try Tensor.concatenate(ts, axis: axis) })
            }
        }
        tf.addFunction("expand_dims", signature: "expand_dims(input, axis, name=None)", doc: "Inserts an axis of length 1.") { args, interp in
            let a = try args.bind("expand_dims", ["input", "axis", "name"], required: 2)
            let t = try KerasValues.tensor(a[0]!, interp)
            return array(try numpyCall { try t.expandDims(try B.int(a[1]!)) })
        }
        tf.addFunction("squeeze", signature: "squeeze(input, axis=None, name=None)", doc: "Removes axes of length 1.") { args, interp in
            let a = try args.bind("squeeze", ["input", "axis", "name"], required: 1)
            let t = try KerasValues.tensor(a[0]!, interp)
            return B.wrap(try numpyCall { try t.squeeze(try B.axis(a[1])) })
        }
        tf.addFunction("cast", signature: "cast(x, dtype, name=None)", doc: "The tensor converted to dtype (float32, int32/int64 or bool).") { args, interp in
            let a = try args.bind("cast", ["x", "dtype", "name"], required: 2)
            let t = try KerasValues.tensor(a[0]!, interp)
            guard let d = try B.dtype(a[1]) else { return array(t) }
            return array(try numpyCall { try t.astype(d) })
        }
        for (name, fill) in [("zeros", 0.0), ("ones", 1.0)] {
            tf.addFunction(name, signature: "\(name)(shape, dtype=tf.float32, name=None)", doc: "A tensor of \(name).") { args, interp in
                let a = try args.bind(name, ["shape", "dtype", "name"], required: 1)
                return array(try numpyCall { try Tensor.full(try B.shape(a[0]!, interp), fill, dtype: try B.dtype(a[1]) ?? .float32) })
            }
        }
        let nn = KerasNamespace.module("tensorflow.nn", display: "tf.nn", members: "tf.nn functions", doc: "Neural-network activations.")
        let activations: [(String, String, (Tensor) throws -> Tensor)] = [
            ("relu", "max(x, 0), element-wise.", { $0.relu() }),
            ("sigmoid", "1 / (1 + exp(-x)), element-wise.", { $0.sigmoid() }),
            ("tanh", "Hyperbolic tangent, element-wise.", { $0.tanh() }),
        ]
        for (name, doc, f) in activations {
            let fn = BuiltinFunction(name: name, signature: "\(name)(x, name=None)", doc: doc) { args, interp in
                let a = try args.bind(name, ["x", "name"], required: 1)
                let t = try numpyCall { try KerasValues.tensor(a[0]!, interp).astype(.float32) }
                return array(try f(t))
            }
            nn.set(name, .builtin(fn))
            if name != "relu" { tf.set(name, .builtin(fn)) }   // tf.sigmoid and tf.tanh exist; tf.relu does not
        }
        for (name, doc, f) in [("exp", "e to the power x, element-wise.", { (t: Tensor) in t.exp() }),
                               ("log", "Natural logarithm, element-wise.", { (t: Tensor) in t.log() })] {
            tf.addFunction(name, signature: "\(name)(x, name=None)", doc: doc) { args, interp in
                let a = try args.bind(name, ["x", "name"], required: 1)
                return array(f(try numpyCall { try KerasValues.tensor(a[0]!, interp).astype(.float32) }))
            }
        }
        nn.addFunction("softmax", signature: "softmax(logits, axis=None, name=None)", doc: "exp(x) / sum(exp(x)) along an axis (the last by default).") { args, interp in
            let a = try args.bind("softmax", ["logits", "axis", "name"], required: 1)
            let t = try KerasValues.tensor(a[0]!, interp)
            return array(try numpyCall { try t.softmax(axis: try B.axis(a[1]) ?? -1) })
        }
        tf.set("nn", .module(nn))
        // tf.math holds the element-wise and reduction functions under their tf.math names.
        let math = KerasNamespace.module("tensorflow.math", display: "tf.math", members: "tf.math functions", doc: "Math functions (the same as tf.* and tf.nn.*).")
        for name in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "argmax", "exp", "log", "sigmoid", "tanh"] {
            if let v = tf[name] { math.set(name, v) }
        }
        tf.set("math", .module(math))
        tf.set("random", .module(makeRandom(context)))
        return tf
    }

    /// `tf.random`: `set_seed` for the weights of new layers, `normal` and `uniform` from that generator.
    static func makeRandom(_ context: KerasContext) -> PyModule {
        typealias B = NumPyBridge
        let r = KerasNamespace.module("tensorflow.random", display: "tf.random", members: "tf.random functions",
                                      doc: "Seeding and sampling; layers draw their initial weights from this generator.")
        r.addFunction("set_seed", signature: "set_seed(seed)", doc: "Seeds the generator new layers draw their initial weights from (and tf.random.normal/uniform), so the same cells give the same weights.") { [weak context] args, _ in
            let a = try args.bind("set_seed", ["seed"], required: 1)
            let seed = try B.int(a[0]!)
            try context.map { c in try numpyCall { try c.weightRNG.seed(seed) } }
            return .none
        }
        r.addFunction("normal", signature: "normal(shape, mean=0.0, stddev=1.0, dtype=tf.float32, seed=None, name=None)", doc: "Samples from a normal distribution.") { [weak context] args, interp in
            let a = try args.bind("normal", ["shape", "mean", "stddev", "dtype", "seed", "name"], required: 1)
            guard let c = context else { return .none }
            let shape = try B.shape(a[0]!, interp)
            let mean = try a[1].map(B.double) ?? 0, std = try a[2].map(B.double) ?? 1
            return .object(TensorObject(try numpyCall { try c.weightRNG.normal(loc: mean, scale: std, shape) }))
        }
        r.addFunction("uniform", signature: "uniform(shape, minval=0, maxval=None, dtype=tf.float32, seed=None, name=None)", doc: "Samples uniformly from [minval, maxval) (maxval 1 by default).") { [weak context] args, interp in
            let a = try args.bind("uniform", ["shape", "minval", "maxval", "dtype", "seed", "name"], required: 1)
            guard let c = context else { return .none }
            let shape = try B.shape(a[0]!, interp)
            let lo = try a[1].map(B.double) ?? 0
            let hi = try a[2].flatMap { $0.isNone ? nil : try B.double($0) } ?? 1
            return .object(TensorObject(try numpyCall { try c.weightRNG.uniform(low: lo, high: hi, shape) }))
        }
        return r
    }
}
