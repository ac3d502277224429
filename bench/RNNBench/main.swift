// Forward time of our LSTM and GRU layers at the three shapes, with the achieved GFLOP/s
// beside this machine's sgemm ceiling: the plain call `layer(x)` (keeps no cache, like PyTorch's
// inference mode) and, last column, `forward(x)` keeping what backward needs (like grad mode). `bench/rnn_bench.py` (make bench-rnn) runs it and puts
// PyTorch's nn.LSTM / nn.GRU beside it when torch is importable.
//
//   swift run -c release rnn-bench [--repeats N] [--json] [--shape B,T,F,H ...]
//
// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates.
// FLOPs counted: the matrix products only, 2·B·T·(F + H)·G·H (what PyTorch's and cuDNN's RNN
// figures count); the element-wise gate pass is extra work on top.
// Like the kernel, it first re-executes itself with the OpenBLAS kernels this CPU supports.

#if canImport(Glibc)
import Glibc
#endif
import RNNRuntime

BLAS.restartWithFastestKernelsIfNeeded()

struct Shape { let batch: Int, timesteps: Int, features: Int, units: Int }

var shapes = [Shape(batch: 3, timesteps: 2, features: 10, units: 20),
              Shape(batch: 64, timesteps: 100, features: 128, units: 256),
              Shape(batch: 64, timesteps: 100, features: 256, units: 1024)]
var repeatsOverride: Int? = nil
var json = false
var arguments = CommandLine.arguments.dropFirst()
var customShapes: [Shape] = []
while let argument = arguments.popFirst() {
    switch argument {
    case "--json": json = true
    case "--repeats": repeatsOverride = arguments.popFirst().flatMap { Int($0) }
    case "--shape":
        let parts = (arguments.popFirst() ?? "").split(separator: ",").compactMap { Int($0) }
        guard parts.count == 4 else { fputs("--shape takes B,T,F,H\n", stderr); exit(2) }
        customShapes.append(Shape(batch: parts[0], timesteps: parts[1], features: parts[2], units: parts[3]))
    default:
        fputs("usage: rnn-bench [--repeats N] [--json] [--shape B,T,F,H ...]\n", stderr)
        exit(2)
    }
}
if !customShapes.isEmpty { shapes = customShapes }

func seconds(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// Repeats: enough for about a second per case, at least 5, at most 2,000.
func repeats(forFlops flops: Double) -> Int {
    if let repeatsOverride { return Swift.max(1, repeatsOverride) }
    return Swift.min(2_000, Swift.max(5, Int(1e9 * 1.0 / Swift.max(flops, 1) * 100)))
}

/// `cpuMs`: CPU time of all threads per call (on a busy machine wall time is noise, CPU time less so).
/// `cachedMedianMs`: the same forward keeping what backward needs (`forward`, as in training),
/// where the plain call (`layer(x)`, the other figures) keeps nothing.
struct Result {
    let layer: String, shape: Shape, medianMs: Double, minMs: Double, cpuMs: Double, gflops: Double, repeats: Int
    let cachedMedianMs: Double
}

func measure(_ name: String, _ shape: Shape) throws -> Result {
    let rng = RandomState(seed: 7)
    let layer: RecurrentLayer = name == "LSTM"
        ? try LSTM(units: shape.units, returnSequences: true, inputDim: shape.features, rng: rng)
        : try GRU(units: shape.units, returnSequences: true, inputDim: shape.features, rng: rng)
    let x = try rng.randn([shape.batch, shape.timesteps, shape.features])
    let flops = 2.0 * Double(shape.batch * shape.timesteps * (shape.features + shape.units) * layer.kind.gateCount * shape.units)
    let n = repeats(forFlops: flops)
    for _ in 0..<Swift.min(3, n) { _ = try layer(x) }
    var times: [Double] = []
    times.reserveCapacity(n)
    let cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID)
    for _ in 0..<n {
        let start = seconds()
        _ = try layer(x)
        times.append(seconds() - start)
    }
    let cpu = (seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart) / Double(n)
    times.sort()
    let median = times[times.count / 2]
    var cached: [Double] = []
    for _ in 0..<Swift.max(1, n / 2) {
        let start = seconds()
        _ = try layer.forward(x)
        cached.append(seconds() - start)
    }
    cached.sort()
    return Result(layer: name, shape: shape, medianMs: median * 1e3, minMs: times[0] * 1e3, cpuMs: cpu * 1e3,
                  gflops: flops / median / 1e9, repeats: n, cachedMedianMs: cached[cached.count / 2] * 1e3)
}

// The ceiling: the best sgemm throughput of the BLAS we link, on large products and on the
// per-step product of the largest shape (what one GEMM per step could at most reach).
let ceiling = [(1024, 1024, 1024), (256, 1024, 4096), (6400, 256, 1024)].map { BLAS.measureSgemm(m: $0.0, k: $0.1, n: $0.2, repeats: 5) }.max()!
var results: [Result] = []
for shape in shapes {
    for name in ["LSTM", "GRU"] { results.append(try measure(name, shape)) }
}

func rounded(_ x: Double, _ digits: Int) -> Double {
    let p = Double([1, 10, 100, 1000, 10000][Swift.min(digits, 4)])
    return (x * p).rounded() / p
}

if json {
    let rows = results.map { r in
        "{\"layer\": \"\(r.layer)\", \"shape\": [\(r.shape.batch), \(r.shape.timesteps), \(r.shape.features), \(r.shape.units)], "
            + "\"median_ms\": \(rounded(r.medianMs, 4)), \"min_ms\": \(rounded(r.minMs, 4)), \"cpu_ms\": \(rounded(r.cpuMs, 4)), \"gflops\": \(rounded(r.gflops, 1)), \"repeats\": \(r.repeats), "
            + "\"cached_median_ms\": \(rounded(r.cachedMedianMs, 4))}"
    }
    print("{\"openblas_core\": \"\(BLAS.coreName)\", \"threads\": \(BLAS.threads), \"sgemm_ceiling_gflops\": \(rounded(ceiling, 1)),")
    print(" \"results\": [\n  " + rows.joined(separator: ",\n  ") + "\n]}")
} else {
    print("OpenBLAS \(BLAS.coreName) kernels, \(BLAS.threads) threads; sgemm ceiling \(rounded(ceiling, 1)) GFLOP/s")
    print("layer  (B, T, F) -> H            median ms      min ms      cpu ms   GFLOP/s  % of sgemm  with cache")
    for r in results {
        let s = r.shape
        let label = "\(r.layer)  (\(s.batch), \(s.timesteps), \(s.features)) -> \(s.units)"
        let padded = label + String(repeating: " ", count: Swift.max(0, 30 - label.count))
        let cols = [rounded(r.medianMs, 4), rounded(r.minMs, 4), rounded(r.cpuMs, 4), rounded(r.gflops, 1), rounded(100 * r.gflops / ceiling, 1),
                    rounded(r.cachedMedianMs, 4)]
            .map { String(describing: $0) }.map { String(repeating: " ", count: Swift.max(0, 11 - $0.count)) + $0 }
        print(padded + cols.joined(separator: " "))
    }
}
