// Every tape op against finite differences: y = op(inputs) on a tape, L = Σ y ⊙ c with a random
// cotangent c (recorded as multiply + sum, so those two are exercised everywhere), and the tape's
// gradient for each input checked along random directions by re-running the op's forward.

import Testing
@testable import RNNRuntime

/// A tape op under test: its name, input tensors, and how to apply it.
struct TapeOpCase: CustomStringConvertible, @unchecked Sendable {
    let name: String
    let inputs: [Tensor]
    var h: Float = 3e-2
    let apply: (GradientTape, [TapeTensor]) throws -> TapeTensor
    var description: String { name }
}

private let rng = RandomState(seed: 21)
private func randn(_ s: [Int]) -> Tensor { try! rng.randn(s) }
private func positive(_ s: [Int]) -> Tensor { try! rng.uniform(low: 0.5, high: 2, s) }
private func awayFromZero(_ s: [Int]) -> Tensor {
    try! randn(s).map { $0 >= 0 ? $0 + 0.5 : $0 - 0.5 }
}

let tapeOpCases: [TapeOpCase] = [
    TapeOpCase(name: "add broadcast", inputs: [randn([3, 1]), randn([4])]) { try $0.add($1[0], $1[1]) },
    TapeOpCase(name: "add same", inputs: [randn([2, 3]), randn([2, 3])]) { try $0.add($1[0], $1[1]) },
    TapeOpCase(name: "subtract broadcast", inputs: [randn([2, 1, 3]), randn([4, 1])]) { try $0.subtract($1[0], $1[1]) },
    TapeOpCase(name: "multiply broadcast", inputs: [randn([2, 3]), randn([3])]) { try $0.multiply($1[0], $1[1]) },
    TapeOpCase(name: "multiply scalar", inputs: [randn([2, 3]), randn([])]) { try $0.multiply($1[0], $1[1]) },
    TapeOpCase(name: "divide broadcast", inputs: [randn([2, 3]), awayFromZero([2, 1])]) { try $0.divide($1[0], $1[1]) },
    TapeOpCase(name: "negate", inputs: [randn([5])]) { t, x in t.negate(x[0]) },
    TapeOpCase(name: "matmul 2d", inputs: [randn([3, 4]), randn([4, 2])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "matmul vector-matrix", inputs: [randn([4]), randn([4, 2])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "matmul matrix-vector", inputs: [randn([3, 4]), randn([4])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "matmul vector-vector", inputs: [randn([4]), randn([4])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "matmul batched @ matrix", inputs: [randn([2, 3, 4]), randn([4, 5])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "matmul batch broadcast", inputs: [randn([2, 1, 3, 4]), randn([3, 4, 2])]) { try $0.matmul($1[0], $1[1]) },
    TapeOpCase(name: "sum all", inputs: [randn([2, 3])]) { try $0.sum($1[0]) },
    TapeOpCase(name: "sum axis 1", inputs: [randn([2, 3, 4])]) { try $0.sum($1[0], axes: [1]) },
    TapeOpCase(name: "sum axes keepdims", inputs: [randn([2, 3, 4])]) { try $0.sum($1[0], axes: [0, -1], keepdims: true) },
    TapeOpCase(name: "mean axis", inputs: [randn([2, 3, 4])]) { try $0.mean($1[0], axes: [-1]) },
    TapeOpCase(name: "mean all", inputs: [randn([3, 4])]) { try $0.mean($1[0]) },
    TapeOpCase(name: "exp", inputs: [randn([3, 2])]) { t, x in t.exp(x[0]) },
    TapeOpCase(name: "log", inputs: [positive([3, 2])]) { t, x in t.log(x[0]) },
    TapeOpCase(name: "tanh", inputs: [randn([3, 2])]) { t, x in t.tanh(x[0]) },
    TapeOpCase(name: "sigmoid", inputs: [randn([3, 2])]) { t, x in t.sigmoid(x[0]) },
    TapeOpCase(name: "relu", inputs: [awayFromZero([3, 4])], h: 1e-3) { t, x in t.relu(x[0]) },
    TapeOpCase(name: "square", inputs: [randn([3, 2])]) { try $0.square($1[0]) },
    TapeOpCase(name: "sqrt", inputs: [positive([3, 2])]) { t, x in t.sqrt(x[0]) },
    TapeOpCase(name: "abs", inputs: [awayFromZero([3, 2])], h: 1e-3) { t, x in t.abs(x[0]) },
    TapeOpCase(name: "power 3", inputs: [randn([3, 2])]) { try $0.power($1[0], 3) },
    TapeOpCase(name: "power -0.5", inputs: [positive([3, 2])]) { try $0.power($1[0], -0.5) },
    TapeOpCase(name: "softmax last", inputs: [randn([3, 4])]) { try $0.softmax($1[0]) },
    TapeOpCase(name: "softmax axis 0", inputs: [randn([3, 4])]) { try $0.softmax($1[0], axis: 0) },
    TapeOpCase(name: "log_softmax", inputs: [randn([2, 3, 4])]) { try $0.logSoftmax($1[0]) },
    TapeOpCase(name: "log_softmax axis 1", inputs: [randn([2, 3, 4])]) { try $0.logSoftmax($1[0], axis: 1) },
    TapeOpCase(name: "reshape", inputs: [randn([2, 6])]) { try $0.reshape($1[0], [3, -1]) },
    TapeOpCase(name: "transpose reverse", inputs: [randn([2, 3, 4])]) { try $0.transpose($1[0]) },
    TapeOpCase(name: "transpose perm", inputs: [randn([2, 3, 4])]) { try $0.transpose($1[0], [1, 2, 0]) },
    TapeOpCase(name: "index slices", inputs: [randn([4, 5])]) { try $0.index($1[0], [.slice(1, nil, 2), .slice(nil, -1, nil)]) },
    TapeOpCase(name: "index int and newaxis", inputs: [randn([3, 4])]) { try $0.index($1[0], [.int(-1), .newAxis]) },
    TapeOpCase(name: "index repeated array", inputs: [randn([4, 3])]) {
        try $0.index($1[0], [.array(Tensor.array([2, 0, 2, 2]))])
    },
    TapeOpCase(name: "index bool mask", inputs: [randn([2, 3])]) {
        try $0.index($1[0], [.array(try Tensor(shape: [2, 3], values: [1, 0, 1, 1, 1, 0] as [Int64], dtype: .bool))])
    },
    TapeOpCase(name: "gather axis 1", inputs: [randn([2, 4, 3])]) {
        try $0.gather($1[0], indices: Tensor.array([3, 1, 3]), axis: 1)
    },
    TapeOpCase(name: "concatenate", inputs: [randn([2, 3]), randn([2, 1]), randn([2, 2])]) { try $0.concatenate($1, axis: 1) },
    TapeOpCase(name: "stack", inputs: [randn([2, 3]), randn([2, 3])]) { try $0.stack($1, axis: 1) },
    TapeOpCase(name: "chain: tanh(x @ w + b) with x reused", inputs: [randn([3, 4]), randn([4, 4]), randn([4])]) { t, v in
        let z = try t.add(try t.matmul(v[0], v[1]), v[2])
        return try t.multiply(t.tanh(z), v[0])
    },
]

@Suite struct AutogradOpTests {
    @Test(arguments: tapeOpCases)
    func opMatchesFiniteDifferences(_ c: TapeOpCase) throws {
        let tape = GradientTape()
        let xs = c.inputs.map { tape.watch($0) }
        let y = try c.apply(tape, xs)
        let cot = try RandomState(seed: 5).randn(y.shape)
        let loss = try tape.sum(try tape.multiply(y, tape.constant(cot)))
        #expect(abs(Double(loss.value.floats[0]) - weightedSum(y.value, cot)) < 1e-4 * max(1, abs(weightedSum(y.value, cot))))
        let grads = try tape.gradient(loss, tensors: xs)
        for (i, x) in c.inputs.enumerated() {
            guard let g = grads[i] else { Issue.record("\(c.name): no gradient for input \(i)"); continue }
            try expectGradient("\(c.name) input \(i)", { v in
                var inputs = c.inputs
                inputs[i] = v
                let t = GradientTape()
                return weightedSum(try c.apply(t, inputs.map { t.constant($0) }).value, cot)
            }, at: x, gradient: g, h: c.h)
        }
    }
}
