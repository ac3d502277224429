import RNNRuntime

// Shape key: N = number of sequences, T = maxlen, S = the shape of one step (empty for token ids).

/// `keras.utils.pad_sequences` (also `keras.preprocessing.sequence.pad_sequences`): sequences of
/// different lengths as one (N, T, *S) array, padded and truncated at the front ('pre') or back.
enum SequencePadding {
    static let signature = "pad_sequences(sequences, maxlen=None, dtype='int32', padding='pre', truncating='pre', value=0.0)"
    static let doc = """
        Pads (with value) or truncates each sequence to maxlen (default: the longest), at the \
        front with 'pre' or the back with 'post'; returns an (N, maxlen) array (int by default, \
        dtype='float32' for float steps; sequences of vectors give (N, maxlen, features)).
        """

    static func function() -> BuiltinFunction {
        BuiltinFunction(name: "pad_sequences", signature: signature, doc: doc) { args, interp in
            let a = try args.bind("pad_sequences", ["sequences", "maxlen", "dtype", "padding", "truncating", "value"], required: 1)
            return .object(TensorObject(try pad(a, interp)))
        }
    }

    static func mode(_ v: Value?, _ what: String) throws -> Bool {
        switch v {
        case nil, .str("pre")?: return true
        case .str("post")?: return false
        case let other?:
            let shown = (try? other.str()) ?? "?"
            throw PyException(BuiltinTypes.valueError, what == "padding" ? "Padding type \"\(shown)\" not understood" : "Truncating type \"\(shown)\" not understood")
        }
    }

    static func pad(_ a: [Value?], _ interp: Interpreter) throws -> Tensor {
        let padPre = try mode(a[3], "padding"), truncPre = try mode(a[4], "truncating")
        var dtype = DType.int64
        if let d = a[2], !d.isNone {
            if case .str(let s) = d, ["int32", "int64", "int", "float32", "float64", "float", "bool"].contains(s) {
                dtype = try NumPyBridge.dtype(d) ?? .int64
            } else if case .str(let s) = d {
                throw PyException(BuiltinTypes.notImplementedError, "pad_sequences(dtype='\(s)') is not supported by this kernel; use an integer or float dtype")
            } else {
                dtype = try NumPyBridge.dtype(d) ?? .int64
            }
        }
        let fill = try a[5].map { try NumPyBridge.double($0) } ?? 0
        // Each sequence as an array of its steps (a 1-D list of ids, or a list of vectors).
        var sequences: [Tensor] = []
        for s in try interp.toArray(a[0]!) {
            try interp.checkInterrupt()
            switch s {
            case .list, .tuple, .object, .range:
                var t = try TapeOps.plainTensor(s)
                if t.ndim == 0 {
                    throw PyException(BuiltinTypes.valueError, "`sequences` must be a list of iterables. Found non-iterable: \((try? s.str()) ?? "?")")
                }
                if case .list(let l) = s, l.items.isEmpty { t = try numpyCall { try Tensor(shape: [0], values: [Int64]()) } }
                sequences.append(t)
            default:
                throw PyException(BuiltinTypes.valueError, "`sequences` must be a list of iterables. Found non-iterable: \((try? s.str()) ?? "?")")
            }
        }
        let stepShape = Array(sequences.first(where: { $0.shape[0] > 0 })?.shape.dropFirst() ?? [])
        var maxlen: Int
        if let m = a[1], !m.isNone {
            maxlen = try NumPyBridge.int(m)
            guard maxlen >= 0 else { throw PyException(BuiltinTypes.valueError, "maxlen must be a non-negative integer, got \(maxlen)") }
        } else {
            guard let longest = sequences.map({ $0.shape[0] }).max() else {
                throw PyException(BuiltinTypes.valueError, "zero-size array to reduction operation maximum which has no identity")
            }
            maxlen = longest
        }
        let stepSize = try numpyCall { try Shape.count(stepShape) }
        let shape = [sequences.count, maxlen] + stepShape
        let total = try numpyCall { try Shape.count(shape) }
        var out = [Double](repeating: fill, count: total)
        for (n, s) in sequences.enumerated() where s.shape[0] > 0 && maxlen > 0 {
            guard Array(s.shape.dropFirst()) == stepShape else {
                throw PyException(BuiltinTypes.valueError, "Shape of sample \(Shape.describe(Array(s.shape.dropFirst()))) of sequence at position \(n) is different from expected shape \(Shape.describe(stepShape))")
            }
            let len = s.shape[0], kept = Swift.min(len, maxlen)
            let from = truncPre ? len - kept : 0
            let to = padPre ? maxlen - kept : 0
            let values = s.doubleValues
            for i in 0..<kept {
                for j in 0..<stepSize {
                    out[((n * maxlen) + to + i) * stepSize + j] = values[(from + i) * stepSize + j]
                }
            }
        }
        let asDoubles = try numpyCall { try Tensor(shape: shape, values: out.map { Float($0) }) }
        if dtype == .float32 { return asDoubles }
        // Integers keep their exact values (ids above 2^24 would not survive float32).
        guard dtype == .int64 else { return try numpyCall { try asDoubles.astype(dtype) } }
        let ints = try out.map { d -> Int64 in
            guard let i = Int64(exactly: d.rounded(.towardZero)) else {
                throw PyException(BuiltinTypes.valueError, "cannot convert \(d) to an integer for pad_sequences(dtype='int32'); pass dtype='float32'")
            }
            return i
        }
        return try numpyCall { try Tensor(shape: shape, values: ints) }
    }
}
