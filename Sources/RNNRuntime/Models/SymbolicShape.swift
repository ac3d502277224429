// Shape key: a symbolic shape is `[Int?]`, nil = unknown (Keras' None), batch first.

/// Helpers for symbolic shapes: Python spelling and the shape errors every layer words alike.
public enum SymbolicShape {
    /// Python's tuple spelling with None: `(None, 2, 10)`, `(None,)`.
    public static func describe(_ shape: [Int?]) -> String {
        let parts = shape.map { $0.map(String.init) ?? "None" }
        return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
    }

    /// A concrete shape as symbolic.
    public static func of(_ shape: [Int]) -> [Int?] { shape.map { Optional($0) } }

    /// `LSTM expects input of rank 3 (batch, timesteps, features), got shape (3, 10)`.
    static func rankError(_ className: String, rank: String, axes: [String], got shape: [Int?]) -> TensorError {
        TensorError(.valueError, "\(className) expects input of rank \(rank) (\(axes.joined(separator: ", "))), got shape \(describe(shape))")
    }

    /// Keras' InputSpec message for a wrong last axis:
    /// `Input 0 of layer "dense" is incompatible with the layer: expected axis -1 of input shape to have value 12, but received input with shape (3, 10)`.
    static func lastAxisError(layer name: String, expected: Int, got shape: [Int?]) -> TensorError {
        TensorError(.valueError, "Input 0 of layer \"\(name)\" is incompatible with the layer: expected axis -1 of input shape to have value \(expected), but received input with shape \(describe(shape))")
    }

    /// A layer that must know an axis size to build (`Dense` on `(None, None)`).
    static func unknownAxisError(_ className: String, axis: String, got shape: [Int?]) -> TensorError {
        TensorError(.valueError, "\(className) needs a known \(axis) size to build its weights, got input shape \(describe(shape))")
    }

    /// Keras' rendering of a keyword value: `True`, `'concat'`, `None`.
    static func python(_ b: Bool) -> String { b ? "True" : "False" }
}
