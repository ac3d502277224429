// sgemm throughput of the OpenBLAS the runtime links, and which kernels it picked.
// Compare: `swift run -c release sgemm-bench` and `swift run -c release sgemm-bench --fastest`
// (re-executes itself with the OPENBLAS_CORETYPE this CPU supports).
import RNNRuntime

if CommandLine.arguments.contains("--fastest") { BLAS.restartWithFastestKernelsIfNeeded() }
print("OpenBLAS core: \(BLAS.coreName), threads: \(BLAS.threads)")
print("config: \(BLAS.configuration)")
if let better = BLAS.recommendedCoreType() {
    print("hint: this CPU has AVX-512; start with OPENBLAS_CORETYPE=\(better) for faster kernels")
}
for (m, k, n) in [(256, 1024, 1024), (64, 128, 1024), (64, 256, 1024), (3, 10, 80)] {
    let gflops = BLAS.measureSgemm(m: m, k: k, n: n, repeats: m < 16 ? 1000 : 20)
    print("sgemm \(m)x\(k)x\(n): \((gflops * 10).rounded() / 10) GFLOP/s")
}
