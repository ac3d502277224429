// Shape key: C (m, n) = alpha * op(A) (m, k) @ op(B) (k, n) + beta * C, row-major, op = identity or
// transpose. Backward passes need the transposed products (x^T @ dY, dY @ W^T) that the forward
// helper `sgemm` in Layers/Layer.swift does not offer.

import CBLAS

/// Row-major `C = alpha * op(A) @ op(B) + beta * C` through OpenBLAS; degenerate sizes are handled
/// here because OpenBLAS rejects zero leading dimensions.
@inline(__always) func gemm(transA: Bool = false, transB: Bool = false, _ m: Int, _ n: Int, _ k: Int,
                            alpha: Float = 1, _ a: UnsafePointer<Float>, _ lda: Int,
                            _ b: UnsafePointer<Float>, _ ldb: Int,
                            beta: Float, _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    if m == 0 || n == 0 { return }
    if k == 0 {
        // The product is empty: C = beta * C.
        for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
        return
    }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), alpha, a, Int32(Swift.max(lda, 1)), b, Int32(Swift.max(ldb, 1)),
                beta, c, Int32(Swift.max(ldc, 1)))
}

/// Column sums of a row-major (rows, cols) block with leading dimension `ld`, added into `out`.
@inline(__always) func addColumnSums(_ p: UnsafePointer<Float>, rows: Int, cols: Int, ld: Int,
                                     into out: UnsafeMutablePointer<Float>) {
    for r in 0..<rows {
        let row = p + r * ld
        for j in 0..<cols { out[j] += row[j] }
    }
}

/// y[0..<n] += x[0..<n] (a plain loop the compiler vectorises; no dependence on the forward's helpers).
@inline(__always) func addVector(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, _ n: Int) {
    for i in 0..<n { y[i] += x[i] }
}
