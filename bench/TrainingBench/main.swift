// One training step (forward, backward through time, Adam) of LSTM and GRU at batch 64 x 100
// steps, 128 -> 256 units, the shape of the PyTorch figure in DESIGN.md (nn.LSTM, 2 threads:
// forward 35 ms, forward+backward+Adam 123 ms), measured three ways:
//   layer        RecurrentLayer.forward / backward / Adam.apply directly (the loss is Σ output ⊙ c
//                over the whole sequence, so backward does the full BPTT), with the split;
//   trainOnBatch Sequential([Input, LSTM(256, return_sequences)]) compiled with Adam and mse, one
//                `train_on_batch` on (64, 100, 128) -> (64, 100, 256) targets: the fit path;
//   fit          one epoch of fit over 4 batches of 64 (shuffled), per batch.
// Prints medians and GFLOP/s of the GEMM work (forward 2·B·T·(F+H)·G·H, backward twice that)
// beside the sgemm ceiling; `--memory N` also fits N epochs and prints the resident set growth.
// bench/training_bench.py runs it beside PyTorch.
//
//   swift run -c release training-bench [--fastest] [--runs N] [--json] [--memory EPOCHS] [--layer-only] [--kind lstm|gru]
import RNNRuntime
#if canImport(Glibc)
import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--fastest") { BLAS.restartWithFastestKernelsIfNeeded() }
func option(_ name: String) -> Int? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return Int(arguments[i + 1])
}
let runs = option("--runs") ?? 10
let json = arguments.contains("--json")
let memoryEpochs = option("--memory")
/// `--layer-only`: skip trainOnBatch and fit (for profiling the layer path); `--kind`: one cell kind.
let layerOnly = arguments.contains("--layer-only")
let kinds: [RecurrentCellKind] = {
    guard let i = arguments.firstIndex(of: "--kind"), i + 1 < arguments.count else { return [.lstm, .gru(resetAfter: true)] }
    return arguments[i + 1].lowercased() == "gru" ? [.gru(resetAfter: true)] : [.lstm]
}()

func now() -> Double { TrainingClock.now() }
/// CPU seconds of the process so far (all threads, user + system): a figure other processes on
/// a busy machine disturb much less than wall time.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
}
func median(_ v: [Double]) -> Double { v.sorted()[v.count / 2] * 1000 }
func best(_ v: [Double]) -> Double { v.min()! * 1000 }
func residentMiB() -> Double {
    guard let f = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(f) }
    var size = 0, resident = 0
    _ = withVaList([withUnsafeMutablePointer(to: &size) { $0 }, withUnsafeMutablePointer(to: &resident) { $0 }]) { vfscanf(f, "%ld %ld", $0) }
    return Double(resident * Int(sysconf(Int32(_SC_PAGESIZE)))) / 1048576
}

let B = 64, T = 100, F = 128, H = 256
let rng = RandomState(seed: 0)
let x = try rng.randn([B, T, F])
let cotangent = try rng.randn([B, T, H]) / Double(B * T * H)
let target = try rng.randn([B, T, H])
let ceiling = BLAS.measureSgemm(m: B, k: H, n: 4 * H, repeats: 50)
var rows: [(name: String, ms: Double, best: Double, cpu: Double, gflops: Double, split: String)] = []

for kind in kinds {
    let flops = 3 * 2 * Double(B * T * (F + H) * kind.gateCount * H)
    func gflops(_ ms: Double) -> Double { flops / ms / 1e6 }

    // The layer alone.
    let layer = try RecurrentLayer(kind: kind, units: H, returnSequences: true, inputDim: F, rng: RandomState(seed: 1))
    let variables = layer.trainableVariables
    let adam = try Adam()
    var forward: [Double] = [], backward: [Double] = [], update: [Double] = [], total: [Double] = [], cpu: [Double] = []
    for run in 0...runs {   // run 0 warms up caches and the BLAS thread pool
        let c0 = cpuSeconds()
        let t0 = now()
        let (_, cache) = try layer.forward(x)
        let t1 = now()
        let grads = try layer.backward([cotangent], cache: cache)
        let t2 = now()
        try adam.apply(grads.weights, to: variables)
        let t3 = now()
        if run > 0 { forward.append(t1 - t0); backward.append(t2 - t1); update.append(t3 - t2); total.append(t3 - t0); cpu.append(cpuSeconds() - c0) }
    }
    rows.append(("\(kind.className) layer", median(total), best(total), median(cpu), gflops(median(total)),
                 "forward \(median(forward).rounded1) ms, backward \(median(backward).rounded1) ms, Adam \(median(update).rounded1) ms"))

    if layerOnly { continue }
    // Through the model: train_on_batch and fit.
    let model = try Sequential(layers: [try InputLayer(shape: [T, F]),
                                        try RecurrentLayer(kind: kind, units: H, returnSequences: true, rng: RandomState(seed: 1))])
    model.compile(optimizer: try Adam(), loss: Loss(.meanSquaredError))
    var steps: [Double] = [], stepCPU: [Double] = []
    for run in 0...runs {
        let c0 = cpuSeconds()
        let t0 = now()
        _ = try model.trainOnBatch(x, target)
        if run > 0 { steps.append(now() - t0); stepCPU.append(cpuSeconds() - c0) }
    }
    rows.append(("\(kind.className) trainOnBatch", median(steps), best(steps), median(stepCPU), gflops(median(steps)), ""))

    let xs = try Tensor.concatenate(Array(repeating: x, count: 4)), ys = try Tensor.concatenate(Array(repeating: target, count: 4))
    var epochs: [Double] = [], epochCPU: [Double] = []
    for run in 0...max(2, runs / 4) {
        let c0 = cpuSeconds()
        let t0 = now()
        try model.fit(xs, ys, batchSize: B, epochs: 1, verbose: 0, rng: RandomState(seed: 2))
        if run > 0 { epochs.append((now() - t0) / 4); epochCPU.append((cpuSeconds() - c0) / 4) }
    }
    rows.append(("\(kind.className) fit (per batch)", median(epochs), best(epochs), median(epochCPU), gflops(median(epochs)), ""))

    if let n = memoryEpochs {
        final class Resident: Callback {
            var mib: [Double] = []
            override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws { mib.append(residentMiB()) }
        }
        let r = Resident()
        try model.fit(xs, ys, batchSize: B, epochs: n, verbose: 0, callbacks: [r])
        let early = r.mib[min(4, n - 1)], late = r.mib.last!
        rows.append(("\(kind.className) fit memory", 0, 0, 0, 0, "resident \(early.rounded1) MiB after epoch \(min(5, n)), \(late.rounded1) MiB after epoch \(n)"))
    }
}

extension Double { var rounded1: Double { (self * 10).rounded() / 10 } }

if json {
    let items = rows.map { "{\"name\": \"\($0.name)\", \"ms\": \($0.ms), \"best_ms\": \($0.best), \"cpu_ms\": \($0.cpu), \"gflops\": \($0.gflops), \"note\": \"\($0.split)\"}" }
    print("{\"openblas_core\": \"\(BLAS.coreName)\", \"threads\": \(BLAS.threads), \"sgemm_ceiling_gflops\": \(ceiling), \"rows\": [\(items.joined(separator: ", "))]}")
} else {
    print("OpenBLAS core: \(BLAS.coreName), threads: \(BLAS.threads), sgemm 64x256x1024 ceiling \(ceiling.rounded1) GFLOP/s")
    print("training step, (B, T, F) -> H = (\(B), \(T), \(F)) -> \(H), median of \(runs):")
    for r in rows {
        if r.ms == 0 { print("  \(r.name): \(r.split)"); continue }
        let share = (100 * r.gflops / ceiling).rounded1
        print("  \(r.name): \(r.ms.rounded1) ms (best \(r.best.rounded1), CPU \(r.cpu.rounded1)), \(r.gflops.rounded1) GFLOP/s (\(share)% of sgemm)\(r.split.isEmpty ? "" : "; " + r.split)")
    }
    print("  PyTorch (2 threads, DESIGN.md): LSTM 123 ms")
}
