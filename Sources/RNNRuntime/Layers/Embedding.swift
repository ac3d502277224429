// Shape key: tokens (B, T) int -> (B, T, D) with D = outputDim; mask (B, T) = tokens != 0 with maskZero.

/// Keras `Embedding(input_dim, output_dim, mask_zero)`.
public final class Embedding: Layer {
    public let className = "Embedding"
    public let inputDim: Int
    public let outputDim: Int
    public let maskZero: Bool
    public private(set) var embeddings: Tensor

    public init(inputDim: Int, outputDim: Int, maskZero: Bool = false, rng: RandomState? = nil) throws {
        guard inputDim > 0, outputDim > 0 else {
            throw TensorError.value("Both `input_dim` and `output_dim` should be positive, Received input_dim=\(inputDim) and output_dim=\(outputDim)")
        }
        self.inputDim = inputDim
        self.outputDim = outputDim
        self.maskZero = maskZero
        embeddings = try Initializer.uniform.make([inputDim, outputDim], rng: rng ?? RandomState.fresh())
    }

    public var weights: [Tensor] { [embeddings] }

    public func setWeights(_ newWeights: [Tensor]) throws {
        try checkWeights(newWeights, expected: [[inputDim, outputDim]], name: "embedding")
        embeddings = try newWeights[0].astype(.float32)
    }

    /// In place: the table is updated without a copy unless shared.
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        guard index == 0 else { throw weightIndexError(index) }
        try embeddings.floats.withUnsafeMutableBufferPointer { try body($0) }
    }

    /// The mask for `tokens` (bool, same shape), or nil without maskZero.
    public func computeMask(_ tokens: Tensor) -> Tensor? {
        guard maskZero else { return nil }
        let v = tokens.dtype == .float32 ? tokens.floats.map { $0 != 0 ? Int64(1) : 0 } : tokens.ints.map { $0 != 0 ? Int64(1) : 0 }
        return Tensor(shape: tokens.shape, ints: v, dtype: .bool)
    }

    public func callAsFunction(_ tokens: Tensor) throws -> Tensor {
        let ids = tokens.dtype == .float32 ? try tokens.astype(.int64).ints : tokens.ints
        var out = [Float](repeating: 0, count: ids.count * outputDim)
        for (i, id) in ids.enumerated() {
            guard id >= 0, id < inputDim else {
                throw TensorError.index("index \(id) is out of bounds for axis 0 with size \(inputDim)")
            }
            let row = Int(id) * outputDim
            for j in 0..<outputDim { out[i * outputDim + j] = embeddings.floats[row + j] }
        }
        return Tensor(shape: tokens.shape + [outputDim], floats: out)
    }
}

/// Keras `Masking(mask_value)`: masks steps whose features all equal the value and zeroes them.
public final class Masking: Layer {
    public let className = "Masking"
    public let maskValue: Float
    public init(maskValue: Float = 0) { self.maskValue = maskValue }
    public var weights: [Tensor] { [] }
    public func setWeights(_ newWeights: [Tensor]) throws {
        try checkWeights(newWeights, expected: [], name: "masking")
    }

    /// `(where(mask, x, 0), mask)` with mask (..., ) = any(x != value) over the last axis.
    public func callAsFunction(_ x: Tensor) throws -> (output: Tensor, mask: Tensor) {
        guard x.ndim >= 1 else { throw TensorError.value("Masking expects input of rank >= 1, got shape \(x.shapeDescription)") }
        let f = x.shape.last!
        var v = floatsOf(x)
        let rows = f == 0 ? 0 : v.count / f
        var m = [Int64](repeating: 0, count: rows)
        for r in 0..<rows {
            var keep = false
            for j in 0..<f where v[r * f + j] != maskValue { keep = true; break }
            m[r] = keep ? 1 : 0
            if !keep { for j in 0..<f { v[r * f + j] = 0 } }
        }
        return (Tensor(shape: x.shape, floats: v), Tensor(shape: Array(x.shape.dropLast()), ints: m, dtype: .bool))
    }
}
