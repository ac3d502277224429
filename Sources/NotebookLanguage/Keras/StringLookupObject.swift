import RNNRuntime

/// `tf.keras.layers.StringLookup(vocabulary=..., invert=False)`: strings to integer ids and back.
/// Arrays here hold numbers only, so strings travel as Python str values in (nested) lists:
/// `ids = lookup(list("hello"))` is an int array, `StringLookup(vocabulary=v, invert=True)(ids)`
/// gives nested lists of str. Index layout as Keras: [mask_token,] OOV tokens, then the vocabulary.
final class StringLookupObject: NativeObject {
    static let signature = "StringLookup(max_tokens=None, num_oov_indices=1, mask_token=None, oov_token='[UNK]', vocabulary=None, invert=False, output_mode='int')"
    static let type = PyType(name: "StringLookup", base: BuiltinTypes.object, doc: """
        Maps strings to integer ids (unknown strings to the OOV id, 0 by default) or, with \
        invert=True, ids back to strings. Give the vocabulary (a list of str) or call adapt(data). \
        Strings are Python str values in lists (arrays hold numbers only).
        """, signature: signature) { args, interp in .object(try StringLookupObject(args, interp)) }

    let maskToken: String?
    let oovToken: String
    let numOOV: Int
    let invert: Bool
    let maxTokens: Int?
    private(set) var tokens: [String] = []
    private var index: [String: Int] = [:]

    init(_ args: Arguments, _ interp: Interpreter) throws {
        let names = ["max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary", "invert", "output_mode", "name", "encoding", "idf_weights", "sparse", "pad_to_max_tokens", "dtype"]
        let a = try args.bind("StringLookup.__init__", names)
        maxTokens = try a[0].flatMap { $0.isNone ? nil : try NumPyBridge.int($0) }
        numOOV = try a[1].map { try NumPyBridge.int($0) } ?? 1
        guard numOOV >= 0, numOOV <= 1 else {
            throw PyException(BuiltinTypes.notImplementedError, "StringLookup(num_oov_indices=\(numOOV)) is not supported by this kernel; use 0 or 1")
        }
        maskToken = try a[2].flatMap { $0.isNone ? nil : try $0.str() }
        oovToken = try a[3].map { try $0.str() } ?? "[UNK]"
        invert = a[5]?.isTruthy ?? false
        if let mode = a[6], !mode.isNone, case .str(let m) = mode, m != "int" {
            throw PyException(BuiltinTypes.notImplementedError, "StringLookup(output_mode='\(m)') is not supported by this kernel; output_mode='int' is")
        }
        try setVocabulary(a[4].flatMap { $0.isNone ? nil : $0 } ?? .list(PyList()), interp)
    }

    /// The reserved entries before the vocabulary.
    private var reserved: [String] { (maskToken.map { [$0] } ?? []) + (numOOV == 1 ? [oovToken] : []) }

    func setVocabulary(_ v: Value, _ interp: Interpreter) throws {
        var words: [String] = []
        for item in try interp.toArray(v) {
            guard case .str(let s) = item else {
                throw PyException(BuiltinTypes.typeError, "StringLookup vocabulary entries must be str, got \(item.typeName)")
            }
            words.append(s)
        }
        // A vocabulary that already starts with the reserved tokens (get_vocabulary() of another lookup) is taken as is.
        if words.starts(with: reserved) { words.removeFirst(reserved.count) }
        var seen = Set<String>()
        for w in words {
            if !seen.insert(w).inserted { throw PyException(BuiltinTypes.valueError, "The passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated term is: '\(w)'") }
            if reserved.contains(w) { throw PyException(BuiltinTypes.valueError, "Found reserved tokens in `vocabulary`: '\(w)'") }
        }
        tokens = reserved + words
        index = [:]
        for (i, t) in tokens.enumerated() { index[t] = i }
    }

    /// `adapt(data)`: the vocabulary from data's strings, most frequent first (ties: higher strings first).
    func adapt(_ data: Value, _ interp: Interpreter) throws {
        var counts: [String: Int] = [:], order: [String] = []
        func visit(_ v: Value) throws {
            switch v {
            case .str(let s):
                if counts[s] == nil { order.append(s) }
                counts[s, default: 0] += 1
            case .list, .tuple: for x in try interp.toArray(v) { try visit(x) }
            default: throw PyException(BuiltinTypes.typeError, "StringLookup.adapt expects strings (in lists), got \(v.typeName)")
            }
        }
        try visit(data)
        // Keras: by count, most frequent first, ties by the tokens' sort order from high to low.
        var ranked = order.sorted { a, b in
            counts[a]! != counts[b]! ? counts[a]! > counts[b]! : a > b
        }.filter { !reserved.contains($0) }
        if let m = maxTokens { ranked = Array(ranked.prefix(Swift.max(0, m - reserved.count))) }
        try setVocabulary(.list(PyList(ranked.map { .str($0) })), interp)
    }

    var typeName: String { "StringLookup" }
    var pythonType: PyType { StringLookupObject.type }
    var doc: String? { StringLookupObject.type.doc }
    func repr() throws -> String { "<StringLookup name=string_lookup, built=True>" }
    var isCallable: Bool { true }

    func call(_ arguments: Arguments, interpreter: Interpreter) throws -> Value? {
        let a = try arguments.bind("StringLookup.call", ["inputs"], required: 1)
        return invert ? try strings(a[0]!, interpreter) : try ids(a[0]!, interpreter)
    }

    private func id(_ s: String) -> Int { index[s] ?? (numOOV == 1 ? (maskToken == nil ? 0 : 1) : -1) }

    /// Strings (nested lists of str) to an int array of the same nesting.
    private func ids(_ v: Value, _ interp: Interpreter) throws -> Value {
        func convert(_ v: Value) throws -> Value {
            switch v {
            case .str(let s):
                let i = id(s)
                guard i >= 0 else { throw PyException(BuiltinTypes.valueError, "'\(s)' is not in the vocabulary and num_oov_indices=0") }
                return .int(Int64(i))
            case .list, .tuple: return .list(PyList(try interp.toArray(v).map(convert)))
            default: throw PyException(BuiltinTypes.typeError, "StringLookup expects str values (or lists of them), got \(v.typeName)")
            }
        }
        let nested = try convert(v)
        if case .int = nested { return nested }
        return .object(TensorObject(try NumPyBridge.tensor(nested, interp, dtype: .int64)))
    }

    /// Ids (an int array, list or int) back to str values in nested lists.
    private func strings(_ v: Value, _ interp: Interpreter) throws -> Value {
        let t = try TapeOps.plainTensor(v)
        guard t.dtype != .float32 || t.size == 0 else {
            throw PyException(BuiltinTypes.typeError, "StringLookup(invert=True) expects integer ids, got a float array")
        }
        func word(_ i: Int64) -> Value {
            let k = Int(i)
            return .str(k >= 0 && k < tokens.count ? tokens[k] : oovToken)
        }
        if t.ndim == 0 { return word(t.ints[0]) }
        func build(_ axis: Int, _ offset: Int, _ stride: Int) -> Value {
            let n = t.shape[axis], inner = stride / Swift.max(n, 1)
            if axis == t.ndim - 1 { return .list(PyList((0..<n).map { word(t.ints[offset + $0]) })) }
            return .list(PyList((0..<n).map { build(axis + 1, offset + $0 * inner, inner) }))
        }
        return build(0, 0, t.size)
    }

    var attributeNames: [String] { ["get_vocabulary", "vocabulary_size", "adapt", "set_vocabulary", "invert"] }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: sig, doc: doc, body))
        }
        switch name {
        case "invert": return .bool(invert)
        case "get_vocabulary":
            return method("get_vocabulary(include_special_tokens=True)", "The tokens in id order ([mask,] '[UNK]', then the vocabulary).") { args, _ in
                let a = try args.bind("get_vocabulary", ["include_special_tokens"])
                let all = (a[0]?.isTruthy ?? true) ? self.tokens : Array(self.tokens.dropFirst(self.reserved.count))
                return .list(PyList(all.map { .str($0) }))
            }
        case "vocabulary_size":
            return method("vocabulary_size()", "How many ids there are (reserved tokens included).") { args, _ in
                _ = try args.bind("vocabulary_size", [])
                return .int(Int64(self.tokens.count))
            }
        case "adapt":
            return method("adapt(data)", "Builds the vocabulary from data's strings, most frequent first (ties: higher strings first, as Keras).") { args, interp in
                let a = try args.bind("adapt", ["data", "batch_size", "steps"], required: 1)
                try self.adapt(a[0]!, interp)
                return .none
            }
        case "set_vocabulary":
            return method("set_vocabulary(vocabulary)", "Replaces the vocabulary (a list of str).") { args, interp in
                let a = try args.bind("set_vocabulary", ["vocabulary", "idf_weights"], required: 1)
                try self.setVocabulary(a[0]!, interp)
                return .none
            }
        default: return nil
        }
    }
}
