#if canImport(Glibc)
import Glibc
#endif
import RNNRuntime

// Shape key: logits (B, C) -> samples (B, num_samples) of class ids in 0..<C.

extension TensorFlowTraining {
    /// `tf.random.categorical(logits, num_samples)`: class ids drawn from softmax(logits) per row,
    /// from the generator `tf.random.set_seed` seeds (or one seeded by `seed=` for this call).
    static func installRandom(_ random: PyModule, _ context: KerasContext) {
        random.addFunction("categorical", signature: "categorical(logits, num_samples, dtype=None, seed=None, name=None)", doc: """
            Draws num_samples class ids per row of logits (batch, classes), each with probability \
            softmax(logits) (logits are unnormalised log-probabilities: divide by a temperature first \
            to sharpen or flatten). Returns an int64 array (batch, num_samples).
            """) { [weak context] args, _ in
            let a = try args.bind("categorical", ["logits", "num_samples", "dtype", "seed", "name"], required: 2)
            guard let context else { return .none }
            let logits = try numpyCall { try TapeOps.plainTensor(a[0]!).astype(.float32) }
            guard logits.ndim == 2 else {
                throw PyException(BuiltinTypes.valueError, "logits should be a matrix (batch_size, num_classes), got shape \(logits.shapeDescription)")
            }
            let n = try NumPyBridge.int(a[1]!)
            guard n >= 0, n <= Shape.maxElements else { throw PyException(BuiltinTypes.valueError, "num_samples should be a non-negative integer, got \(n)") }
            var rng = context.weightRNG
            if let s = a[3], !s.isNone {
                rng = RandomState(seed: 0)
                try numpyCall { try rng.seed(try NumPyBridge.int(s)) }
            }
            return .object(TensorObject(try numpyCall { try sample(logits, n, rng) }))
        }
    }

    /// Inverse-CDF sampling of each row's softmax (in double, so tiny probabilities keep their share).
    static func sample(_ logits: Tensor, _ count: Int, _ rng: RandomState) throws -> Tensor {
        let B = logits.shape[0], C = logits.shape[1]
        _ = try Shape.count([B, count])
        guard C > 0 || count == 0 || B == 0 else { throw TensorError(.valueError, "num_classes should be positive, got 0") }
        let v = logits.floats
        var out: [Int64] = []
        out.reserveCapacity(B * count)
        for b in 0..<B {
            let row = v[(b * C)..<((b + 1) * C)].map(Double.init)
            let top = row.max() ?? 0
            // NaN logits have no distribution; a row of -inf samples uniformly.
            guard !row.contains(where: \.isNaN) else { throw TensorError(.valueError, "logits contain NaN in row \(b)") }
            var cdf = [Double](repeating: 0, count: C), acc = 0.0
            for c in 0..<C { acc += top.isFinite ? exp(row[c] - top) : (row[c] == top ? 1 : 0); cdf[c] = acc }
            for _ in 0..<count {
                let u = rng.nextDouble() * acc
                var lo = 0, hi = C - 1
                while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] <= u { lo = mid + 1 } else { hi = mid } }
                out.append(Int64(lo))
            }
        }
        return try Tensor(shape: [B, count], values: out)
    }

    /// `tf.strings`: the character helpers text-generation notebooks use, on Python str values.
    static func makeStrings() -> PyModule {
        let m = KerasNamespace.module("tensorflow.strings", display: "tf.strings", members: "tf.strings functions",
                                      doc: "String helpers on Python str values (arrays here hold numbers only).")
        m.addFunction("unicode_split", signature: "unicode_split(input, input_encoding='UTF-8', errors='replace', name=None)",
                      doc: "The characters of a str as a list (a list of str gives a list of lists).") { args, interp in
            let a = try args.bind("unicode_split", ["input", "input_encoding", "errors", "replacement_char", "name"], required: 1)
            func split(_ v: Value) throws -> Value {
                switch v {
                case .str(let s): return .list(PyList(s.map { .str(String($0)) }))
                case .list, .tuple: return .list(PyList(try interp.toArray(v).map(split)))
                default: throw PyException(BuiltinTypes.typeError, "unicode_split expects str values, got \(v.typeName)")
                }
            }
            return try split(a[0]!)
        }
        m.addFunction("reduce_join", signature: "reduce_join(inputs, axis=None, keepdims=False, separator='', name=None)",
                      doc: "Joins str values: all of them (axis=None) or along the last axis of nested lists (axis=-1).") { args, interp in
            let a = try args.bind("reduce_join", ["inputs", "axis", "keepdims", "separator", "name"], required: 1)
            let sep = try a[3].flatMap { $0.isNone ? nil : try $0.str() } ?? ""
            func flat(_ v: Value) throws -> [String] {
                switch v {
                case .str(let s): return [s]
                case .list, .tuple: return try interp.toArray(v).flatMap(flat)
                default: throw PyException(BuiltinTypes.typeError, "reduce_join expects str values, got \(v.typeName)")
                }
            }
            func joinLast(_ v: Value) throws -> Value {
                let items = try interp.toArray(v)
                if items.allSatisfy({ if case .str = $0 { return true }; return false }) { return .str(try flat(v).joined(separator: sep)) }
                return .list(PyList(try items.map(joinLast)))
            }
            guard let axis = a[1], !axis.isNone else { return .str(try flat(a[0]!).joined(separator: sep)) }
            guard try NumPyBridge.int(axis) == -1 else {
                throw PyException(BuiltinTypes.notImplementedError, "tf.strings.reduce_join(axis=\((try? axis.repr()) ?? "?")) is not supported by this kernel; use axis=-1 or None")
            }
            if case .str = a[0]! { return a[0]! }
            return try joinLast(a[0]!)
        }
        return m
    }
}

