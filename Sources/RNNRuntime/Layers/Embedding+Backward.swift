// Shape key: tokens (B, T) -> (B, T, D); V = input_dim. Embedding's backward is a scatter-add of
// the output rows into dE (V, D) (a token repeated in the batch accumulates). Tokens have no
// gradient. With mask_zero the lookup of token 0 still happens, as in Keras; a masked consumer
// (a recurrent layer skipping the step) sends it zero gradient.
// Masking: y = where(mask, x, 0), so dx = dy on kept steps and 0 on masked ones.

/// What `Embedding.forward` saved: the token ids, row-major.
public struct EmbeddingCache {
    public let ids: [Int]
}

extension Embedding {
    /// The forward pass and what backward needs.
    public func forward(_ tokens: Tensor) throws -> (output: Tensor, cache: EmbeddingCache) {
        let y = try self(tokens)   // validates the ids
        let ids = tokens.dtype == .float32 ? try tokens.astype(.int64).ints : tokens.ints
        return (y, EmbeddingCache(ids: ids.map { Int($0) }))
    }

    /// ∂L/∂embeddings (V, D) from ∂L/∂output (..., D).
    public func backward(_ outputGradient: Tensor, cache: EmbeddingCache) throws -> [Tensor] {
        guard outputGradient.size == cache.ids.count * outputDim, outputGradient.shape.last == outputDim else {
            throw TensorError.value("Embedding output has \(cache.ids.count) rows of \(outputDim) but its gradient has shape \(outputGradient.shapeDescription)")
        }
        let D = outputDim
        let dy = floatsOf(outputGradient)
        var dE = [Float](repeating: 0, count: inputDim * D)
        for (i, id) in cache.ids.enumerated() where id >= 0 && id < inputDim {
            for j in 0..<D { dE[id * D + j] += dy[i * D + j] }
        }
        return [Tensor(shape: [inputDim, D], floats: dE)]
    }
}

extension Masking {
    /// ∂L/∂x from ∂L/∂y and the mask the forward returned.
    public func backward(_ outputGradient: Tensor, mask: Tensor) throws -> Tensor {
        let f = outputGradient.shape.last ?? 0
        guard outputGradient.ndim >= 1, Array(outputGradient.shape.dropLast()) == mask.shape else {
            throw TensorError.value("Masking gradient shape \(outputGradient.shapeDescription) does not match the mask \(mask.shapeDescription)")
        }
        var dx = floatsOf(outputGradient)
        let keep = mask.dtype == .float32 ? mask.floats.map { $0 != 0 } : mask.ints.map { $0 != 0 }
        for (r, k) in keep.enumerated() where !k { for j in 0..<f { dx[r * f + j] = 0 } }
        return Tensor(shape: outputGradient.shape, floats: dx)
    }
}
