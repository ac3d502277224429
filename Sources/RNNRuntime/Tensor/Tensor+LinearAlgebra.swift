import CBLAS
import Glibc

// Shape key: (..., n, k) @ (..., k, m) -> (..., n, m); batch axes "..." broadcast.
// A 1-D left operand is a row (1, k) and a 1-D right operand a column (k, 1); those axes are
// dropped from the result, as NumPy's matmul does. Float products go to cblas_sgemm; when the
// right operand is a plain matrix, all left batches are one GEMM with M = batch * n.

extension Tensor {
    /// `a @ b` / `np.matmul(a, b)`.
    public func matmul(_ other: Tensor) throws -> Tensor {
        let signature = "with gufunc signature (n?,k),(k,m?)->(n?,m?)"
        guard ndim >= 1 else { throw TensorError.value("matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core \(signature) requires 1)") }
        guard other.ndim >= 1 else { throw TensorError.value("matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core \(signature) requires 1)") }
        let aShape = ndim == 1 ? [1, shape[0]] : shape
        let bShape = other.ndim == 1 ? [other.shape[0], 1] : other.shape
        let n = aShape[aShape.count - 2], k = aShape[aShape.count - 1]
        let k2 = bShape[bShape.count - 2], m = bShape[bShape.count - 1]
        guard k == k2 else {
            throw TensorError.value("matmul: Input operand 1 has a mismatch in its core dimension 0, \(signature) (size \(k2) is different from \(k))")
        }
        let aBatch = Array(aShape.dropLast(2)), bBatch = Array(bShape.dropLast(2))
        let batch = try Shape.broadcast(aBatch, bBatch)
        var outShape = batch
        if ndim > 1 { outShape.append(n) }
        if other.ndim > 1 { outShape.append(m) }
        let batchCount = try Shape.count(batch)
        _ = try Shape.count(batch + [n, m])

        if dtype.isIntegral && other.dtype.isIntegral {
            return Tensor(shape: outShape, ints: Tensor.integerMatmul(ints, aBatch, other.ints, bBatch, batch, n, k, m))
        }
        let a = floatValues, b = other.floatValues
        var c = [Float](repeating: 0, count: batchCount * n * m)
        if bBatch.isEmpty || Shape.product(bBatch) == 1, aBatch == batch {
            // One GEMM: the left batches stack into the rows.
            Tensor.sgemm(a, 0, b, 0, &c, 0, batchCount * n, k, m)
        } else {
            let aReads = Tensor.offsets(shape: batch, strides: Shape.broadcastStrides(aBatch, to: batch))
            let bReads = Tensor.offsets(shape: batch, strides: Shape.broadcastStrides(bBatch, to: batch))
            for i in 0..<batchCount {
                Tensor.sgemm(a, aReads[i] * n * k, b, bReads[i] * k * m, &c, i * n * m, n, k, m)
            }
        }
        return Tensor(shape: outShape, floats: c)
    }

    /// C[cOff..] = A[aOff..] (M x K) * B[bOff..] (K x N), row-major, through OpenBLAS.
    static func sgemm(_ a: [Float], _ aOff: Int, _ b: [Float], _ bOff: Int, _ c: inout [Float], _ cOff: Int, _ m: Int, _ k: Int, _ n: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else { return }  // the product is all zeros, which c already is
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1,
                                pa.baseAddress! + aOff, Int32(k),
                                pb.baseAddress! + bOff, Int32(n), 0,
                                pc.baseAddress! + cOff, Int32(n))
                }
            }
        }
    }

    /// Integer products stay exact (BLAS is float only); they are small in practice (indices, counts).
    private static func integerMatmul(_ a: [Int64], _ aBatch: [Int], _ b: [Int64], _ bBatch: [Int], _ batch: [Int], _ n: Int, _ k: Int, _ m: Int) -> [Int64] {
        let aReads = offsets(shape: batch, strides: Shape.broadcastStrides(aBatch, to: batch))
        let bReads = offsets(shape: batch, strides: Shape.broadcastStrides(bBatch, to: batch))
        var c = [Int64](repeating: 0, count: aReads.count * n * m)
        for bi in 0..<aReads.count {
            let ao = aReads[bi] * n * k, bo = bReads[bi] * k * m, co = bi * n * m
            for i in 0..<n { for p in 0..<k { let x = a[ao + i * k + p]; for j in 0..<m { c[co + i * m + j] &+= x &* b[bo + p * m + j] } } }
        }
        return c
    }

    /// `np.dot(a, b)`: a product for scalars, matmul for 1-D/2-D operands and for N-d with a 1-D or 2-D right operand.
    public func dot(_ other: Tensor) throws -> Tensor {
        if ndim == 0 || other.ndim == 0 { return try binary(.multiply, other) }
        if other.ndim <= 2 {
            if other.ndim == 2, shape[ndim - 1] != other.shape[0] {
                throw TensorError.value("shapes \(Shape.compact(shape)) and \(Shape.compact(other.shape)) not aligned: \(shape[ndim - 1]) (dim \(ndim - 1)) != \(other.shape[0]) (dim 0)")
            }
            if other.ndim == 1, shape[ndim - 1] != other.shape[0] {
                throw TensorError.value("shapes \(Shape.compact(shape)) and \(Shape.compact(other.shape)) not aligned: \(shape[ndim - 1]) (dim \(ndim - 1)) != \(other.shape[0]) (dim 0)")
            }
            return try matmul(other)
        }
        throw TensorError.value("dot with a right operand of rank \(other.ndim) is not supported here; use matmul (@) for batched products")
    }

    /// A numerically stable softmax over `axis`: exp(x - max) / sum, one pass per lane, no temporaries.
    public func softmax(axis: Int = -1) throws -> Tensor {
        guard ndim > 0 else { return Tensor(shape: [], floats: [1]) }
        let a = try Shape.normalize(axis: axis, ndim: ndim)
        let n = shape[a], inner = Shape.product(Array(shape[(a + 1)...])), outer = Shape.product(Array(shape[..<a]))
        let x = floatValues
        var out = [Float](repeating: 0, count: x.count)
        guard n > 0 else { return Tensor(shape: shape, floats: out) }
        x.withUnsafeBufferPointer { px in
            out.withUnsafeMutableBufferPointer { po in
                for o in 0..<outer {
                    for i in 0..<inner {
                        let base = o * n * inner + i
                        var m = -Float.infinity
                        for k in 0..<n { m = Swift.max(m, px[base + k * inner]) }
                        var total: Float = 0
                        for k in 0..<n {
                            let e = Glibc.expf(px[base + k * inner] - m)
                            po[base + k * inner] = e
                            total += e
                        }
                        let scale = 1 / total
                        for k in 0..<n { po[base + k * inner] *= scale }
                    }
                }
            }
        }
        return Tensor(shape: shape, floats: out)
    }

    /// `tf.one_hot(indices, depth)` / `to_categorical`: float32 of shape indices.shape + (depth,);
    /// out-of-range indices give an all-zero row, as `tf.one_hot` does.
    public static func oneHot(_ indices: Tensor, depth: Int) throws -> Tensor {
        guard depth >= 0 else { throw TensorError.value("depth must be non-negative, got \(depth)") }
        let idx = try indices.astype(.int64)
        var out = try zeros(indices.shape + [depth])
        for (i, v) in idx.ints.enumerated() where v >= 0 && v < depth {
            out.floats[i * depth + Int(v)] = 1
        }
        return out
    }
}
