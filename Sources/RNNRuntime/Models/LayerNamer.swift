/// Keras' automatic layer and model names (`lstm`, `lstm_1`, `dense`, `sequential`...).
///
/// Keras keeps one global counter per snake-cased class name; here the caller owns the counters
/// (one namer per language session), so two sessions or parallel tests never share state.
public final class LayerNamer {
    private var counts: [String: Int] = [:]

    public init() {}

    /// The next name for `base`: `base` the first time, then `base_1`, `base_2`, ...
    public func uniqueName(_ base: String) -> String {
        let n = counts[base, default: 0]
        counts[base] = n + 1
        return n == 0 ? base : "\(base)_\(n)"
    }

    /// Gives `layer` the next automatic name of its class and returns it.
    @discardableResult
    public func name<L: KerasLayer>(_ layer: L) -> L {
        layer.name = uniqueName(LayerNamer.snakeCase(layer.className))
        return layer
    }

    /// Keras' `to_snake_case`: `SimpleRNN` -> `simple_rnn`, `TimeDistributed` -> `time_distributed`.
    public static func snakeCase(_ name: String) -> String {
        let chars = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
        // Pass 1, re (.)([A-Z][a-z]+) -> \1_\2: an underscore before a capital followed by lowercase.
        var pass1: [Character] = []
        for (i, c) in chars.enumerated() {
            if i > 0, c.isUppercase, i + 1 < chars.count, chars[i + 1].isLowercase { pass1.append("_") }
            pass1.append(c)
        }
        // Pass 2, re ([a-z])([A-Z]) -> \1_\2: an underscore between a lowercase and a capital.
        var pass2: [Character] = []
        for (i, c) in pass1.enumerated() {
            if i > 0, c.isUppercase, pass1[i - 1].isLowercase { pass2.append("_") }
            pass2.append(c)
        }
        return String(pass2).lowercased()
    }
}
