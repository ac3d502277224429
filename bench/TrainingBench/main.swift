// One training step (forward, backward through time, Adam) of LSTM and GRU at batch 64 x 100
// steps, 128 -> 256 units, the shape of the PyTorch figure in DESIGN.md (nn.LSTM, 2 threads:
// forward 35 ms, forward+backward+Adam 123 ms). The loss is Σ output ⊙ c over the whole
// sequence (return_sequences), so backward does the full BPTT. Prints the median of the runs,
// the split, and GFLOP/s of the GEMM work (forward 2·B·T·(F+H)·GH, backward twice that).
// Run: swift run -c release training-bench [--fastest] [runs]. The best run is printed too: on a
// shared machine it is the figure least disturbed by other processes.
import RNNRuntime
#if canImport(Glibc)
import Glibc
#endif

if CommandLine.arguments.contains("--fastest") { BLAS.restartWithFastestKernelsIfNeeded() }
let runs = CommandLine.arguments.dropFirst().compactMap { Int($0) }.first ?? 10
print("OpenBLAS core: \(BLAS.coreName), threads: \(BLAS.threads)")

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let B = 64, T = 100, F = 128, H = 256
let rng = RandomState(seed: 0)
let x = try rng.randn([B, T, F])
let cotangent = try rng.randn([B, T, H]) / Double(B * T * H)

for kind in [RecurrentCellKind.lstm, .gru(resetAfter: true)] {
    let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: true, inputDim: F, rng: RandomState(seed: 1))
    let variables = layer.trainableVariables
    let adam = try Adam()
    var forward: [Double] = [], backward: [Double] = [], update: [Double] = [], total: [Double] = []
    for run in 0...runs {   // run 0 warms up caches and the BLAS thread pool
        let t0 = now()
        let (_, cache) = try layer.forward(x)
        let t1 = now()
        let grads = try layer.backward([cotangent], cache: cache)
        let t2 = now()
        try adam.apply(grads.weights, to: variables)
        let t3 = now()
        if run > 0 { forward.append(t1 - t0); backward.append(t2 - t1); update.append(t3 - t2); total.append(t3 - t0) }
    }
    func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] * 1000 }
    func show(_ v: Double, _ digits: Double = 10) -> String { String((v * digits).rounded() / digits) }
    let G = kind.gateCount * H
    let flops = 3 * 2 * Double(B * T * (F + H) * G)
    let ms = median(total)
    print("\(kind.className) train step: median \(show(ms)) ms, best \(show(total.min()! * 1000)) ms (forward \(show(median(forward))), backward \(show(median(backward))), Adam \(show(median(update), 100)) ms), \(show(flops / ms / 1e6, 1)) GFLOP/s; PyTorch LSTM 123 ms -> ratio \(show(ms / 123, 100))")
}
