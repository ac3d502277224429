// Shape key: tokens (B, ...) integer -> (B, ..., D), D = output_dim; mask = tokens != 0 with mask_zero.

/// `EmbeddingCache` (Embedding+Backward.swift): the token ids looked up.
extension EmbeddingCache: LayerCache {}

extension Embedding: KerasLayer {
    public var name: String {
        get { LayerAttributeTable.shared.get(self, defaultName: "embedding").name }
        set { LayerAttributeTable.shared.update(self, defaultName: "embedding") { $0.name = newValue } }
    }
    public var trainable: Bool {
        get { LayerAttributeTable.shared.get(self, defaultName: "embedding").trainable }
        set { LayerAttributeTable.shared.update(self, defaultName: "embedding") { $0.trainable = newValue } }
    }
    /// Built once it has seen an input shape, as in Keras (where the table is created in
    /// `build`); ours exists from construction, so `weights` and `setWeights` work before that.
    public var isBuilt: Bool { LayerAttributeTable.shared.get(self, defaultName: "embedding").built }

    public func build(inputShape: [Int?]) throws {
        LayerAttributeTable.shared.update(self, defaultName: "embedding") { $0.built = true }
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] { [inputShape + [outputDim]] }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let tokens = try singleInput(inputs, of: self)
        let ids = tokens.dtype == .float32 ? try tokens.astype(.int64) : tokens
        try build(inputShape: SymbolicShape.of(ids.shape))
        let (y, cache) = try forward(ids)
        return LayerCall(outputs: [y], outputMask: computeMask(ids), cache: cache)
    }

    public var configDescription: String {
        "Embedding(\(inputDim), \(outputDim)\(maskZero ? ", mask_zero=True" : ""))"
    }

    public var weightNames: [String] { ["embeddings"] }
}
