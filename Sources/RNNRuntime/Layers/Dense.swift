// Shape key: x (..., F) @ kernel (F, H) + bias (H,) -> (..., H); all leading axes are one GEMM.

/// Keras `Dense(units, activation, use_bias)`.
public final class Dense: Layer {
    public let className = "Dense"
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public private(set) var kernel: Tensor?
    public private(set) var bias: Tensor?
    let rng: RandomState

    public init(units: Int, activation: Activation = .linear, useBias: Bool = true,
                inputDim: Int? = nil, rng: RandomState? = nil) throws {
        guard units > 0 else { throw TensorError.value("Received an invalid value for `units`, expected a positive integer. Received: units=\(units)") }
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.rng = rng ?? RandomState.fresh()
        if let inputDim { try build(inputDim: inputDim) }
    }

    public var isBuilt: Bool { kernel != nil }

    /// Creates glorot_uniform kernel and zero bias for `inputDim` features.
    public func build(inputDim: Int) throws {
        kernel = try Initializer.glorotUniform.make([inputDim, units], rng: rng)
        bias = useBias ? try Initializer.zeros.make([units], rng: rng) : nil
    }

    public var weights: [Tensor] { [kernel, bias].compactMap { $0 } }

    public func setWeights(_ newWeights: [Tensor]) throws {
        let f = kernel?.shape[0] ?? newWeights.first?.shape.first ?? 0
        try checkWeights(newWeights, expected: useBias ? [[f, units], [units]] : [[f, units]], name: "dense")
        kernel = try newWeights[0].astype(.float32)
        bias = useBias ? try newWeights[1].astype(.float32) : nil
    }

    /// In place: the kernel or bias buffer is updated without a copy unless shared.
    public func updateWeight(at index: Int, _ body: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        switch index {
        case 0: try updateInPlace(&kernel, body)
        case 1 where useBias: try updateInPlace(&bias, body)
        default: throw weightIndexError(index)
        }
    }

    /// The forward pass.
    public func callAsFunction(_ x: Tensor) throws -> Tensor {
        guard x.ndim >= 2 else {
            throw TensorError.value("Input 0 of layer \"dense\" is incompatible with the layer: expected min_ndim=2, found ndim=\(x.ndim). Full shape received: \(x.shapeDescription)")
        }
        let f = x.shape[x.ndim - 1]
        if kernel == nil { try build(inputDim: f) }
        guard let kernel, kernel.shape[0] == f else {
            throw TensorError.value("Input 0 of layer \"dense\" is incompatible with the layer: expected axis -1 of input shape to have value \(kernel?.shape[0] ?? 0), but received input with shape \(x.shapeDescription)")
        }
        let rows = x.size / Swift.max(f, 1)
        let xs = floatsOf(x)
        var out = [Float](repeating: 0, count: rows * units)
        out.withUnsafeMutableBufferPointer { po in
            if let bias {
                bias.floats.withUnsafeBufferPointer { pb in
                    for r in 0..<rows { for j in 0..<units { po[r * units + j] = pb[j] } }
                }
            }
            xs.withUnsafeBufferPointer { px in
                kernel.floats.withUnsafeBufferPointer { pk in
                    if f > 0 { sgemm(rows, units, f, px.baseAddress!, f, pk.baseAddress!, units, beta: bias == nil ? 0 : 1, po.baseAddress!, units) }
                }
            }
            activation.apply(po, width: units)
        }
        return Tensor(shape: Array(x.shape.dropLast()) + [units], floats: out)
    }
}
