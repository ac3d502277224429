// Shape key: x (B, T, F) -> (B, T, F) with masked steps zeroed; mask (B, T) = any(x != value, axis=-1).

/// What Masking's backward needs: which steps were kept (gradient flows only through those).
public struct MaskingCache: LayerCache {
    /// (B, T) bool: true where the step was kept.
    public let mask: Tensor
}

extension Masking: KerasLayer {
    public var name: String {
        get { LayerAttributeTable.shared.get(self, defaultName: "masking").name }
        set { LayerAttributeTable.shared.update(self, defaultName: "masking") { $0.name = newValue } }
    }
    public var trainable: Bool {
        get { LayerAttributeTable.shared.get(self, defaultName: "masking").trainable }
        set { LayerAttributeTable.shared.update(self, defaultName: "masking") { $0.trainable = newValue } }
    }
    /// Weightless, and Keras builds it in `__init__`.
    public var isBuilt: Bool { true }

    public func build(inputShape: [Int?]) throws {
        _ = try outputShapes(for: inputShape)
    }

    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] {
        guard inputShape.count >= 1 else {
            throw SymbolicShape.rankError(className, rank: ">= 1", axes: ["batch", "...", "features"], got: inputShape)
        }
        return [inputShape]
    }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        try build(inputShape: SymbolicShape.of(x.shape))
        let (y, m) = try self(x)
        return LayerCall(outputs: [y], outputMask: m, cache: MaskingCache(mask: m))
    }

    public var configDescription: String {
        maskValue == 0 ? "Masking()" : "Masking(mask_value=\(maskValue))"
    }

    public var weightNames: [String] { [] }
}
