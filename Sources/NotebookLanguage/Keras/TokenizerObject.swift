/// `tf.keras.preprocessing.text.Tokenizer`: Keras' word (or character) vocabulary, ranked by
/// frequency with ties in first-seen order, index 0 reserved for padding; `fit_on_texts`,
/// `texts_to_sequences`, `sequences_to_texts`, `texts_to_matrix`, `word_index`, `index_word`, `word_counts`.
final class TokenizerObject: NativeObject {
    static let defaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"
    static let signature = "Tokenizer(num_words=None, filters='!\"#$%&()*+,-./:;<=>?@[\\\\]^_`{|}~\\t\\n', lower=True, split=' ', char_level=False, oov_token=None, analyzer=None)"
    static let type = PyType(name: "Tokenizer", base: BuiltinTypes.object, doc: """
        Turns texts into sequences of integer indices. fit_on_texts(texts) counts words (or characters \
        with char_level=True) and numbers them by frequency from 1 (0 is left for padding); \
        texts_to_sequences(texts) maps texts to index lists, keeping only indices below num_words if \
        set, and oov_token (if given, index 1) for unknown words.
        """, signature: signature) { args, _ in .object(try TokenizerObject(args)) }

    var numWords: Int?
    let filters: Set<Character>
    let filterText: String
    let lower: Bool
    let split: String
    let charLevel: Bool
    let oovToken: String?
    /// Word -> count, in first-seen order (Keras' OrderedDict).
    private var counts: [String: Int] = [:]
    private var order: [String] = []
    private var docCounts: [String: Int] = [:]
    private var documentCount = 0
    private(set) var wordIndex: [String: Int] = [:]
    var documentCountValue: Int { documentCount }
    private(set) var indexWord: [Int: String] = [:]
    /// The dicts handed out, rebuilt after each fit so the user sees Keras' live dicts.
    private var wordIndexDict = PyDict(), indexWordDict = PyDict()

    init(_ args: Arguments) throws {
        let a = try args.bind("Tokenizer.__init__", ["num_words", "filters", "lower", "split", "char_level", "oov_token", "analyzer"],
                              extraKeywords: true)
        if let k = args.keywords.first(where: { !["num_words", "filters", "lower", "split", "char_level", "oov_token", "analyzer", "document_count"].contains($0.name) }) {
            throw PyException(BuiltinTypes.typeError, "Unrecognized keyword arguments: {'\(k.name)': \((try? k.value.repr()) ?? "?")}")
        }
        if let n = a[0], !n.isNone {
            let v = try NumPyBridge.int(n)
            guard v >= 0 else { throw PyException(BuiltinTypes.valueError, "num_words must be a non-negative integer, got \(v)") }
            numWords = v
        }
        let filterText = try a[1].map { v -> String in
            guard case .str(let s) = v else { throw PyException(BuiltinTypes.typeError, "filters must be a string, got \(v.typeName)") }
            return s
        } ?? TokenizerObject.defaultFilters
        self.filterText = filterText
        filters = Set(filterText)
        lower = a[2]?.isTruthy ?? true
        if let s = a[3], !s.isNone {
            guard case .str(let text) = s, !text.isEmpty else { throw PyException(BuiltinTypes.valueError, "empty separator") }
            split = text
        } else { split = " " }
        charLevel = a[4]?.isTruthy ?? false
        if let o = a[5], !o.isNone { oovToken = try o.str() } else { oovToken = nil }
        if let an = a[6], !an.isNone {
            throw PyException(BuiltinTypes.notImplementedError, "Tokenizer(analyzer=...) is not supported by this kernel yet")
        }
    }

    var typeName: String { "Tokenizer" }
    var pythonType: PyType { TokenizerObject.type }
    var doc: String? { TokenizerObject.type.doc }
    func repr() throws -> String { "<keras.src.legacy.preprocessing.text.Tokenizer object>" }

    // MARK: Splitting

    /// Keras' `text_to_word_sequence`: lower-case, filters become the separator, split, drop empties.
    static func words(_ text: String, filters: Set<Character>, lower: Bool, split: String) -> [String] {
        var t = lower ? text.lowercased() : text
        if !filters.isEmpty { t = String(t.flatMap { filters.contains($0) ? Array(split) : [$0] }) }
        return t.components(separatedBy: split).filter { !$0.isEmpty }
    }

    /// The tokens of one text: characters (char_level, or a text given as a list), else words.
    private func tokens(_ text: Value, _ interp: Interpreter) throws -> [String] {
        switch text {
        case .str(let s):
            if charLevel { return (lower ? s.lowercased() : s).map { String($0) } }
            return TokenizerObject.words(s, filters: filters, lower: lower, split: split)
        case .list, .tuple:
            return try interp.toArray(text).map { item in
                guard case .str(let s) = item else { throw PyException(BuiltinTypes.attributeError, "'\(item.typeName)' object has no attribute 'lower'") }
                return lower ? s.lowercased() : s
            }
        default:
            throw PyException(BuiltinTypes.attributeError, "'\(text.typeName)' object has no attribute 'lower' (texts must be strings)")
        }
    }

    // MARK: Fitting

    func fit(_ texts: Value, _ interp: Interpreter) throws {
        for text in try interp.toArray(texts) {
            try interp.checkInterrupt()
            documentCount += 1
            let seq = try tokens(text, interp)
            for w in seq {
                if counts[w] == nil { order.append(w) }
                counts[w, default: 0] += 1
            }
            for w in Set(seq) { docCounts[w, default: 0] += 1 }
        }
        // Stable sort by count, descending (Python's sorted keeps first-seen order for ties).
        let ranked = order.enumerated().sorted { a, b in
            let (ca, cb) = (counts[a.element]!, counts[b.element]!)
            return ca != cb ? ca > cb : a.offset < b.offset
        }.map(\.element)
        let vocabulary = (oovToken.map { [$0] } ?? []) + ranked
        wordIndex = [:]; indexWord = [:]
        let wi = PyDict(), iw = PyDict()
        for (i, w) in vocabulary.enumerated() {
            wordIndex[w] = i + 1
            indexWord[i + 1] = w
            try wi.set(.str(w), .int(Int64(i + 1)))
            try iw.set(.int(Int64(i + 1)), .str(w))
        }
        wordIndexDict = wi; indexWordDict = iw
    }

    private var oovIndex: Int? { oovToken.flatMap { wordIndex[$0] } }

    /// Keras' `index_docs[j]`: how many fitted texts contain the word with index j.
    func documentsContaining(index j: Int) -> Int { indexWord[j].flatMap { docCounts[$0] } ?? 0 }

    func sequence(of text: Value, _ interp: Interpreter) throws -> [Int] {
        var out: [Int] = []
        for w in try tokens(text, interp) {
            if let i = wordIndex[w] {
                if let n = numWords, i >= n {
                    if let oov = oovIndex { out.append(oov) }
                } else {
                    out.append(i)
                }
            } else if let oov = oovIndex {
                out.append(oov)
            }
        }
        return out
    }

    func text(of sequence: Value, _ interp: Interpreter) throws -> String {
        var words: [String] = []
        for item in try interp.toArray(sequence) {
            let i = try NumPyBridge.int(item)
            guard let w = indexWord[i] else {
                if let oov = oovIndex, let w = indexWord[oov] { words.append(w) }
                continue
            }
            if let n = numWords, i >= n {
                if let oov = oovIndex, let o = indexWord[oov] { words.append(o) }
            } else {
                words.append(w)
            }
        }
        return words.joined(separator: " ")   // Keras joins with spaces, characters too
    }

    // MARK: Attributes

    var attributeNames: [String] {
        ["fit_on_texts", "texts_to_sequences", "sequences_to_texts", "texts_to_matrix", "sequences_to_matrix", "word_index", "index_word", "word_counts",
         "word_docs", "document_count", "num_words", "filters", "lower", "split", "char_level", "oov_token"]
    }

    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        func method(_ sig: String, _ doc: String, _ body: @escaping (Arguments, Interpreter) throws -> Value) -> Value {
            .builtin(BuiltinFunction(name: name, signature: sig, doc: doc, body))
        }
        switch name {
        case "fit_on_texts":
            return method("fit_on_texts(texts)", "Counts the words (or characters) of a list of texts and rebuilds word_index.") { args, interp in
                let a = try args.bind("fit_on_texts", ["texts"], required: 1)
                try self.fit(a[0]!, interp)
                return .none
            }
        case "texts_to_sequences":
            return method("texts_to_sequences(texts)", "Each text as a list of word indices (unknown words dropped, or oov_token's index).") { args, interp in
                let a = try args.bind("texts_to_sequences", ["texts"], required: 1)
                return .list(try interp.toArray(a[0]!).map { t in .list(try self.sequence(of: t, interp).map { .int(Int64($0)) }) })
            }
        case "sequences_to_texts":
            return method("sequences_to_texts(sequences)", "Each index list back as text, tokens joined by spaces (as Keras does, also with char_level=True).") { args, interp in
                let a = try args.bind("sequences_to_texts", ["sequences"], required: 1)
                return .list(try interp.toArray(a[0]!).map { .str(try self.text(of: $0, interp)) })
            }
        case "texts_to_matrix", "sequences_to_matrix": return matrixMethod(name)
        case "word_index": return .dict(wordIndexDict)
        case "index_word": return .dict(indexWordDict)
        case "word_counts", "word_docs":
            let d = PyDict()
            for w in order { try d.set(.str(w), .int(Int64((name == "word_counts" ? counts[w] : docCounts[w]) ?? 0))) }
            return .dict(d)
        case "document_count": return .int(Int64(documentCount))
        case "num_words": return numWords.map { .int(Int64($0)) } ?? .none
        case "filters": return .str(filterText)
        case "lower": return .bool(lower)
        case "split": return .str(split)
        case "char_level": return .bool(charLevel)
        case "oov_token": return oovToken.map { .str($0) } ?? .none
        default: return nil
        }
    }

    func setAttribute(_ name: String, value: Value) throws -> Bool {
        guard name == "num_words" else { return false }
        numWords = value.isNone ? nil : try NumPyBridge.int(value)
        return true
    }
}
