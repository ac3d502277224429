// Shape key: D = ndim; perm = axis permutation; every op returns a new contiguous tensor.

extension Tensor {
    /// `a.reshape(shape)`: one axis may be -1 and is inferred.
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        guard unknown.count <= 1 else { throw TensorError.value("can only specify one unknown dimension") }
        if newShape.contains(where: { $0 < -1 }) { throw TensorError.value("negative dimensions not allowed") }
        var resolved = newShape
        if let u = unknown.first {
            var known = newShape
            known[u] = 1
            let k = try Shape.count(known)
            guard k != 0, size % k == 0 else {
                throw TensorError.value("cannot reshape array of size \(size) into shape \(Shape.describe(newShape.map { $0 == -1 ? -1 : $0 }))")
            }
            resolved[u] = size / k
        }
        guard try Shape.count(resolved) == size else {
            throw TensorError.value("cannot reshape array of size \(size) into shape \(Shape.describe(newShape))")
        }
        var t = self
        t.shape = resolved
        return t
    }

    /// `a.T`: the axes reversed.
    public var T: Tensor { (try? transpose())! }

    /// `np.transpose(a, axes)`: the axes permuted; `nil` reverses them.
    public func transpose(_ axes: [Int]? = nil) throws -> Tensor {
        let perm: [Int]
        if let axes {
            guard axes.count == ndim else { throw TensorError.value("axes don't match array") }
            perm = try axes.map { try Shape.normalize(axis: $0, ndim: ndim) }
            guard Set(perm).count == ndim else { throw TensorError.value("repeated axis in transpose") }
        } else {
            perm = Array((0..<ndim).reversed())
        }
        if ndim < 2 || perm == Array(0..<ndim) { return self }
        let outShape = perm.map { shape[$0] }
        let inStrides = Shape.strides(shape)
        return gathered(Tensor.offsets(shape: outShape, strides: perm.map { inStrides[$0] }), shape: outShape)
    }

    /// Flat source offsets for every position of `shape` read with `strides` (plus `base`), row-major.
    static func offsets(shape: [Int], strides: [Int], base: Int = 0) -> [Int] {
        let n = Shape.product(shape)
        var out = [Int](repeating: 0, count: n)
        if n == 0 { return out }
        let d = shape.count
        if d == 0 { out[0] = base; return out }
        let inner = shape[d - 1], innerStride = strides[d - 1]
        var counter = [Int](repeating: 0, count: d)
        var offset = base
        var i = 0
        out.withUnsafeMutableBufferPointer { o in
            while i < n {
                for j in 0..<inner { o[i + j] = offset + j * innerStride }
                i += inner
                // Advance the odometer over the outer axes.
                var axis = d - 2
                while axis >= 0 {
                    counter[axis] += 1
                    offset += strides[axis]
                    if counter[axis] < shape[axis] { break }
                    offset -= strides[axis] * shape[axis]
                    counter[axis] = 0
                    axis -= 1
                }
            }
        }
        return out
    }

    /// `np.expand_dims(a, axis)`: a new axis of size 1 at `axis` (negative counts from the new end).
    public func expandDims(_ axis: Int) throws -> Tensor {
        let a = try Shape.normalize(axis: axis, ndim: ndim + 1)
        var t = self
        t.shape.insert(1, at: a)
        return t
    }

    /// `np.squeeze(a, axis)`: removes size-1 axes (all of them, or the one named).
    public func squeeze(_ axis: Int? = nil) throws -> Tensor {
        var t = self
        if let axis {
            let a = try Shape.normalize(axis: axis, ndim: ndim)
            guard shape[a] == 1 else { throw TensorError.value("cannot select an axis to squeeze out which has size not equal to one") }
            t.shape.remove(at: a)
        } else {
            t.shape = shape.filter { $0 != 1 }
        }
        return t
    }

    /// `np.flip(a, axis)`: reversed along one axis, or along all when `axis` is nil.
    public func flip(_ axis: Int? = nil) throws -> Tensor {
        let axes = try axis.map { [try Shape.normalize(axis: $0, ndim: ndim)] } ?? Array(0..<ndim)
        var strides = Shape.strides(shape)
        var base = 0
        for a in axes where shape[a] > 0 {
            base += (shape[a] - 1) * strides[a]
            strides[a] = -strides[a]
        }
        return gathered(Tensor.offsets(shape: shape, strides: strides, base: base), shape: shape)
    }

    /// `np.concatenate(tensors, axis)`: joined along an existing axis; other axes must agree.
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.value("need at least one array to concatenate") }
        guard first.ndim > 0 else { throw TensorError.value("zero-dimensional arrays cannot be concatenated") }
        let a = try Shape.normalize(axis: axis, ndim: first.ndim)
        for (i, t) in tensors.enumerated() {
            guard t.ndim == first.ndim else {
                throw TensorError.value("all the input arrays must have same number of dimensions, but the array at index 0 has \(first.ndim) dimension(s) and the array at index \(i) has \(t.ndim) dimension(s)")
            }
            for d in 0..<first.ndim where d != a && t.shape[d] != first.shape[d] {
                throw TensorError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at index \(i) has size \(t.shape[d])")
            }
        }
        let dtype = tensors.contains { $0.dtype == .float32 } ? DType.float32 : tensors.allSatisfy { $0.dtype == .bool } ? .bool : .int64
        var outShape = first.shape
        outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
        _ = try Shape.count(outShape)
        let outer = Shape.product(Array(first.shape[..<a]))
        let chunks = try tensors.map { (try $0.astype(dtype), Shape.product(Array($0.shape[a...]))) }
        if dtype == .float32 {
            var out: [Float] = []
            out.reserveCapacity(Shape.product(outShape))
            for o in 0..<outer { for (t, c) in chunks { out += t.floats[(o * c)..<(o * c + c)] } }
            return Tensor(shape: outShape, floats: out)
        }
        var out: [Int64] = []
        out.reserveCapacity(Shape.product(outShape))
        for o in 0..<outer { for (t, c) in chunks { out += t.ints[(o * c)..<(o * c + c)] } }
        return Tensor(shape: outShape, ints: out, dtype: dtype)
    }

    /// `np.stack(tensors, axis)`: joined along a new axis; all shapes must be equal.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else { throw TensorError.value("need at least one array to stack") }
        guard tensors.allSatisfy({ $0.shape == first.shape }) else {
            throw TensorError.value("all input arrays must have the same shape")
        }
        let a = try Shape.normalize(axis: axis, ndim: first.ndim + 1)
        return try concatenate(tensors.map { try $0.expandDims(a) }, axis: a)
    }

    /// `np.split(a, sections, axis)`: `sections` equal parts; a ValueError if they would not be equal.
    public func split(_ sections: Int, axis: Int = 0) throws -> [Tensor] {
        let a = try Shape.normalize(axis: axis, ndim: ndim)
        guard sections > 0 else { throw TensorError.value("number sections must be larger than 0.") }
        guard shape[a] % sections == 0 else { throw TensorError.value("array split does not result in an equal division") }
        let step = shape[a] / sections
        return try split(at: (1..<sections).map { $0 * step }, axis: a)
    }

    /// `np.split(a, [i, j], axis)`: parts cut before each index (clamped as NumPy clamps them).
    public func split(at indices: [Int], axis: Int = 0) throws -> [Tensor] {
        let a = try Shape.normalize(axis: axis, ndim: ndim)
        let n = shape[a]
        func clamp(_ i: Int) -> Int { i < 0 ? Swift.max(0, i + n) : Swift.min(i, n) }
        let bounds = [0] + indices.map(clamp) + [n]
        return try (0..<(bounds.count - 1)).map { k in
            var items = [TensorIndex](repeating: .slice(nil, nil, nil), count: a)
            items.append(.slice(bounds[k], Swift.max(bounds[k], bounds[k + 1]), nil))
            return try self[items]
        }
    }
}
