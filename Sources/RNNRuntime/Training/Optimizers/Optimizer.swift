// Keras 3's optimizer loop (keras/src/optimizers/base_optimizer.py), float32 like Keras' variables:
// apply(grads, vars): drop variables whose gradient is None (all None: ValueError), clip
// (clipnorm per tensor: g·c/max(‖g‖, c); global_clipnorm: all g scaled by c·min(1/‖G‖, 1/c), NaN
// when ‖G‖ is not finite; clipvalue: clip(g, -c, c)), then each subclass's update_step on the
// variable in place with the optimizer's slots for it, then iterations += 1.
// Slots are keyed by `VariableID`, so two `trainableVariables` views of one layer weight share them.

#if canImport(Glibc)
import Glibc
#endif

/// The base of Keras' optimizers: learning rate, clipping, iteration count, per-variable slots.
public class Optimizer {
    /// Keras' class name (`Adam`), for messages and `get_config`-like display.
    public let className: String
    /// `optimizer.learning_rate` (settable, stored as float32 as Keras does).
    public var learningRate: Float
    public let clipnorm: Float?
    public let globalClipnorm: Float?
    public let clipvalue: Float?
    /// `optimizer.iterations`: how many times `apply` ran.
    public private(set) var iterations: Int = 0
    /// Per-variable state arrays, each the variable's size (names in `slotNames`).
    private(set) var slots: [VariableID: [[Float]]] = [:]
    /// The variables the optimizer was built with (Keras refuses others afterwards).
    private var built: Set<VariableID>? = nil

    init(className: String, learningRate: Double, clipnorm: Double?, globalClipnorm: Double?, clipvalue: Double?) throws {
        let set = [clipnorm, clipvalue, globalClipnorm].filter { $0 != nil }.count
        guard set <= 1 else {
            func show(_ v: Double?) -> String { v.map { "\($0)" } ?? "None" }
            throw TensorError.value("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: clipnorm=\(show(clipnorm)), clipvalue=\(show(clipvalue)), global_clipnorm=\(show(globalClipnorm))")
        }
        self.className = className
        self.learningRate = Float(learningRate)
        self.clipnorm = clipnorm.map(Float.init)
        self.globalClipnorm = globalClipnorm.map(Float.init)
        self.clipvalue = clipvalue.map(Float.init)
    }

    /// `keras.optimizers.get(name)` with default arguments: sgd, adam, rmsprop, adagrad (any case).
    public static func named(_ name: String) throws -> Optimizer {
        switch name.lowercased() {
        case "sgd": return try SGD()
        case "adam": return try Adam()
        case "rmsprop": return try RMSprop()
        case "adagrad": return try Adagrad()
        default: throw TensorError.value("Could not interpret optimizer identifier: \(name)")
        }
    }

    // MARK: Subclass hooks

    /// Names of the per-variable slots (`momentum`, `velocity`, ...), created on first use.
    var slotNames: [String] { [] }
    /// The initial value of every slot element (Adagrad: initial_accumulator_value).
    var initialSlotValue: Float { 0 }
    /// Keras' update_step for one variable: `w` and `slots` in place, `g` already clipped.
    func updateStep(_ w: UnsafeMutableBufferPointer<Float>, _ g: [Float], _ slots: inout [[Float]], learningRate: Float) {}

    // MARK: Applying gradients

    /// `optimizer.apply_gradients(zip(grads, vars))`.
    public func applyGradients(_ pairs: [(Tensor?, Variable)]) throws {
        try apply(pairs.map(\.0), to: pairs.map(\.1))
    }

    /// `optimizer.apply(grads, vars)`.
    public func apply(_ gradients: [Tensor?], to variables: [Variable]) throws {
        guard gradients.count == variables.count else {
            throw TensorError.value("Received \(gradients.count) gradients for \(variables.count) variables")
        }
        if gradients.isEmpty { return }
        if let built {
            for v in variables where !built.contains(v.id) {
                throw TensorError.value("Unknown variable: <Variable name=\(v.name), shape=\(Shape.describe(v.shape))>. This optimizer can only be called for the variables it was originally built with. When working with a new set of variables, you should recreate a new optimizer instance.")
            }
        } else {
            built = Set(variables.map(\.id))
        }
        var pairs: [([Float], Variable)] = []
        for (g, v) in zip(gradients, variables) {
            guard let g else { continue }
            guard g.shape == v.shape else {
                throw TensorError.value("Gradient shape \(g.shapeDescription) does not match the shape \(Shape.describe(v.shape)) of variable '\(v.name)'")
            }
            pairs.append((floatsOf(g), v))
        }
        guard !pairs.isEmpty else { throw TensorError.value("No gradients provided for any variable.") }
        let clipped = clip(pairs.map(\.0))
        let lr = learningRate
        for ((_, v), g) in zip(pairs, clipped) {
            // Taken out of the dictionary so the update mutates unshared buffers in place.
            var state = slots.removeValue(forKey: v.id) ?? slotNames.map { _ in [Float](repeating: initialSlotValue, count: g.count) }
            defer { slots[v.id] = state }
            guard state.allSatisfy({ $0.count == g.count }) else {
                throw TensorError.value("Variable '\(v.name)' changed size since the optimizer was built")
            }
            try v.update { w in updateStep(w, g, &state, learningRate: lr) }
        }
        iterations += 1
    }

    /// Keras' `_clip_gradients`.
    func clip(_ grads: [[Float]]) -> [[Float]] {
        if let c = clipnorm, c > 0 {
            return grads.map { g in
                let l2 = g.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                let denominator = Swift.max(l2, c)
                return g.map { $0 * c / denominator }
            }
        }
        if let c = globalClipnorm, c > 0 {
            var sum: Float = 0
            for g in grads { sum += g.reduce(Float(0)) { $0 + $1 * $1 } }
            let norm = sum.squareRoot()
            let scale = c * Swift.min(1 / norm, 1 / c) + (norm - norm)
            return grads.map { g in g.map { $0 * scale } }
        }
        if let c = clipvalue, c > 0 {
            return grads.map { g in g.map { Swift.min(Swift.max($0, -c), c) } }
        }
        return grads
    }

    /// The slots of `variable` by name (for tests and display); nil before its first update.
    public func slots(for variable: Variable) -> [String: [Float]]? {
        guard let s = slots[variable.id] else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(slotNames, s))
    }
}
