#if canImport(Glibc)
import Glibc
#endif
import RNNRuntime

// Shape key: N = texts (or sequences), V = num_words, or len(word_index) + 1 when num_words is None.
// texts_to_matrix / sequences_to_matrix -> (N, V): one row per text, column j for word index j.

extension TokenizerObject {
    static let matrixModes = ["binary", "count", "freq", "tfidf"]

    /// Keras' `sequences_to_matrix(sequences, mode)`: a bag of words per sequence (word order is
    /// lost). binary: 1 where the word occurs; count: occurrences; freq: occurrences / length;
    /// tfidf: (1 + ln count) · ln(1 + documents / (1 + documents containing the word)).
    func matrix(of sequences: [[Int]], mode: String) throws -> Tensor {
        guard TokenizerObject.matrixModes.contains(mode) else {
            throw PyException(BuiltinTypes.valueError, "('Unknown vectorization mode:', \(try Value.str(mode).repr()))")
        }
        let columns: Int
        if let n = numWords, n > 0 {
            columns = n
        } else {
            guard !wordIndex.isEmpty else {
                throw PyException(BuiltinTypes.valueError, "Specify a dimension (`num_words` argument), or fit on some text data first.")
            }
            columns = wordIndex.count + 1
        }
        if mode == "tfidf" && documentCountValue == 0 {
            throw PyException(BuiltinTypes.valueError, "Fit the Tokenizer on some data before using tfidf mode.")
        }
        try Limits.checkLength(sequences.count, times: columns)
        var values = [Float](repeating: 0, count: sequences.count * columns)
        for (row, sequence) in sequences.enumerated() where !sequence.isEmpty {
            var counts: [Int: Int] = [:]
            for j in sequence where j >= 0 && j < columns { counts[j, default: 0] += 1 }
            for (j, c) in counts {
                let value: Double
                switch mode {
                case "count": value = Double(c)
                case "freq": value = Double(c) / Double(sequence.count)
                case "binary": value = 1
                default:
                    let documents = Double(documentCountValue)
                    value = (1 + log(Double(c))) * log(1 + documents / Double(1 + documentsContaining(index: j)))
                }
                values[row * columns + j] = Float(value)
            }
        }
        return try Tensor(shape: [sequences.count, columns], values: values)
    }

    /// The `texts_to_matrix` and `sequences_to_matrix` methods.
    func matrixMethod(_ name: String) -> Value {
        let fromTexts = name == "texts_to_matrix"
        let argument = fromTexts ? "texts" : "sequences"
        return .builtin(BuiltinFunction(name: name, signature: "\(name)(\(argument), mode='binary')",
                                        doc: "A (len(\(argument)), num_words) matrix, one bag-of-words row each; mode is 'binary', 'count', 'freq' or 'tfidf'.") { args, interp in
            let a = try args.bind(name, [argument, "mode"], required: 1)
            var mode = "binary"
            if let m = a[1] {
                guard case .str(let s) = m else { throw PyException(BuiltinTypes.valueError, "('Unknown vectorization mode:', \(try m.repr()))") }
                mode = s
            }
            let sequences: [[Int]] = try interp.toArray(a[0]!).map { item in
                fromTexts ? try self.sequence(of: item, interp) : try interp.toArray(item).map { try NumPyBridge.int($0) }
            }
            return .object(TensorObject(try self.matrix(of: sequences, mode: mode)))
        })
    }
}
