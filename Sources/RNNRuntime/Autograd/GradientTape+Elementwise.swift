// Shape key: out = broadcast(a.shape, b.shape). Each op: forward value, what backward reads
// (inputs or output, captured by the closure), backward. A broadcast input's gradient is the
// output gradient summed over the axes it was stretched along (`reduced(to:)`).

#if canImport(Glibc)
import Glibc
#endif

extension Tensor {
    /// Sums a broadcast gradient back to `shape`: leading extra axes, then stretched size-1 axes.
    func reduced(to target: [Int]) throws -> Tensor {
        if shape == target { return self }
        var g = self
        while g.ndim > target.count { g = try g.sum(axis: 0) }
        for axis in 0..<target.count where target[axis] == 1 && g.shape[axis] != 1 {
            g = try g.sum(axis: axis, keepdims: true)
        }
        return try g.reshape(target)
    }

    /// float32 elementwise product of same-shape tensors (no broadcasting bookkeeping).
    func product(_ other: Tensor) -> Tensor {
        Tensor(shape: shape, floats: zip(floatValues, other.floatValues).map(*))
    }
}

extension GradientTape {
    /// `a + b`.
    public func add(_ a: TapeTensor, _ b: TapeTensor) throws -> TapeTensor {
        let y = try a.value + b.value
        return record("add", [a, b], y) { g in [try g.reduced(to: a.shape), try g.reduced(to: b.shape)] }
    }

    /// `a - b`.
    public func subtract(_ a: TapeTensor, _ b: TapeTensor) throws -> TapeTensor {
        let y = try a.value - b.value
        return record("subtract", [a, b], y) { g in [try g.reduced(to: a.shape), try (-g).reduced(to: b.shape)] }
    }

    /// `a * b`: da = g⊙b, db = g⊙a.
    public func multiply(_ a: TapeTensor, _ b: TapeTensor) throws -> TapeTensor {
        let y = try a.value * b.value
        return record("multiply", [a, b], y) { g in
            [a.requiresGradient ? try (g * b.value).reduced(to: a.shape) : nil,
             b.requiresGradient ? try (g * a.value).reduced(to: b.shape) : nil]
        }
    }

    /// `a / b`: da = g / b, db = -g⊙a / b².
    public func divide(_ a: TapeTensor, _ b: TapeTensor) throws -> TapeTensor {
        let y = try a.value / b.value
        return record("divide", [a, b], y) { g in
            [a.requiresGradient ? try (g / b.value).reduced(to: a.shape) : nil,
             b.requiresGradient ? try (-(g * y) / b.value).reduced(to: b.shape) : nil]
        }
    }

    /// `-a`.
    public func negate(_ a: TapeTensor) -> TapeTensor {
        record("negate", [a], -a.value) { g in [-g] }
    }

    /// Element-wise unary op with the derivative written from input x and output y.
    private func unary(_ name: String, _ a: TapeTensor, _ y: Tensor, _ derivative: @escaping (Float, Float) -> Float) -> TapeTensor {
        record(name, [a], y) { g in
            let x = a.value.floatValues, yv = y.floats, gv = g.floats
            var out = [Float](repeating: 0, count: gv.count)
            for i in out.indices { out[i] = gv[i] * derivative(x[i], yv[i]) }
            return [Tensor(shape: a.shape, floats: out)]
        }
    }

    /// `exp(a)`: dy/dx = y.
    public func exp(_ a: TapeTensor) -> TapeTensor { unary("exp", a, a.value.exp()) { _, y in y } }
    /// `log(a)`: 1/x.
    public func log(_ a: TapeTensor) -> TapeTensor { unary("log", a, a.value.log()) { x, _ in 1 / x } }
    /// `tanh(a)`: 1 - y².
    public func tanh(_ a: TapeTensor) -> TapeTensor { unary("tanh", a, a.value.tanh()) { _, y in 1 - y * y } }
    /// `sigmoid(a)`: y(1 - y).
    public func sigmoid(_ a: TapeTensor) -> TapeTensor { unary("sigmoid", a, a.value.sigmoid()) { _, y in y * (1 - y) } }
    /// `relu(a)`: 1 where x > 0 (0 at 0, as TF and JAX).
    public func relu(_ a: TapeTensor) -> TapeTensor { unary("relu", a, a.value.relu()) { x, _ in x > 0 ? 1 : 0 } }
    /// `square(a)`: 2x.
    public func square(_ a: TapeTensor) throws -> TapeTensor { unary("square", a, try a.value.square()) { x, _ in 2 * x } }
    /// `sqrt(a)`: 1 / (2y).
    public func sqrt(_ a: TapeTensor) -> TapeTensor { unary("sqrt", a, a.value.sqrt()) { _, y in 0.5 / y } }
    /// `abs(a)`: sign(x) (0 at 0).
    public func abs(_ a: TapeTensor) -> TapeTensor { unary("abs", a, a.value.abs()) { x, _ in x > 0 ? 1 : x < 0 ? -1 : 0 } }
    /// `a ** p` for a constant exponent: p·x^(p-1).
    public func power(_ a: TapeTensor, _ p: Double) throws -> TapeTensor {
        let pf = Float(p)
        return unary("power", a, try a.value.pow(p)) { x, _ in pf == 0 ? 0 : pf * powf(x, pf - 1) }
    }
}
