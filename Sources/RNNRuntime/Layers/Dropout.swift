// Shape key: x (B, ...) -> y (B, ...), same shape. Training: y = x * m / (1 - rate) with
// m ~ Bernoulli(1 - rate) of `noiseShape` (None axes = the input's), broadcast over the input.

/// What Dropout's backward needs: the multiplier applied to every element (0 or 1/(1-rate)),
/// nil when the call was inactive (inference or rate 0), where the gradient passes unchanged.
public struct DropoutCache: LayerCache {
    public let scale: [Float]?
}

/// Keras `Dropout(rate, noise_shape=None, seed=None)`: inverted dropout, active only in training.
public final class Dropout: KerasLayer {
    public let className = "Dropout"
    public var name = "dropout"
    public var trainable = true
    /// The fraction of inputs to drop, in [0, 1].
    public let rate: Double
    /// Keras' `noise_shape`: nil for an independent draw per element; a nil axis takes the input's size.
    public let noiseShape: [Int?]?
    public let seed: Int?
    let rng: RandomState

    public init(rate: Double, noiseShape: [Int?]? = nil, seed: Int? = nil, rng: RandomState? = nil) throws {
        guard rate >= 0, rate <= 1 else {
            throw TensorError(.valueError, "Invalid value received for argument `rate`. Expected a float value between 0 and 1. Received: rate=\(rate)")
        }
        if let noiseShape {
            for (i, d) in noiseShape.enumerated() {
                if let d, d <= 0 {
                    throw TensorError(.valueError, "Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index \(i): \(d)")
                }
            }
        }
        self.rate = rate
        self.noiseShape = noiseShape
        self.seed = seed
        if let seed {
            let r = RandomState(seed: 0)
            try r.seed(seed)
            self.rng = r
        } else {
            self.rng = rng ?? RandomState.fresh()
        }
    }

    public var weights: [Tensor] { [] }
    public func setWeights(_ newWeights: [Tensor]) throws {
        try checkWeights(newWeights, expected: [], name: name)
    }
    /// Keras builds Dropout in `__init__`.
    public var isBuilt: Bool { true }
    public func build(inputShape: [Int?]) throws {}
    public func outputShapes(for inputShape: [Int?]) throws -> [[Int?]] { [inputShape] }

    public func call(_ inputs: [Tensor], mask: Tensor?, training: Bool) throws -> LayerCall {
        let x = try singleInput(inputs, of: self)
        guard training, rate > 0 else {
            return LayerCall(outputs: [x], outputMask: mask, cache: DropoutCache(scale: nil))
        }
        let scale = try multipliers(for: x.shape)
        let y = Tensor(shape: x.shape, floats: zip(floatsOf(x), scale).map { $0 * $1 })
        return LayerCall(outputs: [y], outputMask: mask, cache: DropoutCache(scale: scale))
    }

    /// One 0 or 1/keep multiplier per element of `shape`, drawn on the noise shape and broadcast.
    func multipliers(for shape: [Int]) throws -> [Float] {
        let n = Shape.product(shape)
        if rate >= 1 { return [Float](repeating: 0, count: n) }    // Keras: zeros_like
        let keep = 1 - rate
        let inv = Float(1 / keep)
        var noise = shape
        if let noiseShape {
            guard noiseShape.count == shape.count else {
                throw TensorError(.valueError, "Dropout noise_shape \(SymbolicShape.describe(noiseShape)) has rank \(noiseShape.count) but the input has shape \(Shape.describe(shape)) (rank \(shape.count))")
            }
            for (i, d) in noiseShape.enumerated() {
                guard let d else { continue }
                guard d == shape[i] || d == 1 else {
                    throw TensorError(.valueError, "Dropout noise_shape \(SymbolicShape.describe(noiseShape)) cannot be broadcast to the input shape \(Shape.describe(shape)): axis \(i) must be \(shape[i]), 1 or None")
                }
                noise[i] = d
            }
        }
        let draws = (0..<Shape.product(noise)).map { _ in rng.nextDouble() < keep ? inv : Float(0) }
        if noise == shape { return draws }
        // Broadcast the noise over the axes where it has size 1.
        let strides = Shape.broadcastStrides(noise, to: shape)
        var out = [Float](repeating: 0, count: n)
        var index = [Int](repeating: 0, count: shape.count)
        for i in 0..<n {
            var src = 0
            for a in 0..<shape.count { src += index[a] * strides[a] }
            out[i] = draws[src]
            var a = shape.count - 1
            while a >= 0 { index[a] += 1; if index[a] < shape[a] { break }; index[a] = 0; a -= 1 }
        }
        return out
    }

    public var configDescription: String {
        var args = ["\(rate)"]
        if let noiseShape { args.append("noise_shape=\(SymbolicShape.describe(noiseShape))") }
        if let seed { args.append("seed=\(seed)") }
        return "Dropout(\(args.joined(separator: ", ")))"
    }
    public var weightNames: [String] { [] }
}
