// Shape key: D = ndim of the indexed tensor; B = broadcast shape of the advanced (array) indices.
// Forward is a gather of flat offsets, assignment a scatter through the same offsets, so both
// directions share one resolution (`IndexPlan`) and agree on every rule.

/// The flat offsets a subscript selects, in row-major order of the result, and the result's shape.
struct IndexPlan {
    var shape: [Int]
    var offsets: [Int]
}

extension Tensor {
    /// `a[items]`.
    public subscript(_ items: [TensorIndex]) -> Tensor {
        get throws {
            let plan = try indexPlan(items)
            return gathered(plan.offsets, shape: plan.shape)
        }
    }

    /// `a[i, j:k, ...]`.
    public subscript(_ items: TensorIndex...) -> Tensor {
        get throws { try self[items] }
    }

    /// `a[items] = value`: `value` is broadcast to the selection's shape and cast to this dtype.
    public mutating func set(_ items: [TensorIndex], to value: Tensor) throws {
        let plan = try indexPlan(items)
        let target = try? Shape.broadcast(value.shape, plan.shape)
        guard target == plan.shape else {
            throw TensorError.value("could not broadcast input array from shape \(Shape.compact(value.shape)) into shape \(Shape.compact(plan.shape))")
        }
        let source = try value.astype(dtype)
        let reads = Tensor.offsets(shape: plan.shape, strides: Shape.broadcastStrides(value.shape, to: plan.shape))
        if dtype == .float32 {
            floats.withUnsafeMutableBufferPointer { dst in
                source.floats.withUnsafeBufferPointer { src in
                    for (k, o) in plan.offsets.enumerated() { dst[o] = src[reads[k]] }
                }
            }
        } else {
            ints.withUnsafeMutableBufferPointer { dst in
                source.ints.withUnsafeBufferPointer { src in
                    for (k, o) in plan.offsets.enumerated() { dst[o] = src[reads[k]] }
                }
            }
        }
    }

    /// `a[items] = scalar`.
    public mutating func set(_ items: [TensorIndex], to value: Double) throws {
        try set(items, to: Tensor(Float(value)).astype(dtype == .float32 ? .float32 : .int64))
    }

    /// Python's `slice.indices(n)`: (start, step, count) with negatives and clamping resolved.
    static func resolveSlice(_ start: Int?, _ stop: Int?, _ step: Int?, size n: Int) throws -> (start: Int, step: Int, count: Int) {
        // Int.min has no negation; any step beyond the axis length behaves the same.
        let step = Swift.max(step ?? 1, -Int.max)
        guard step != 0 else { throw TensorError.value("slice step cannot be zero") }
        func clamp(_ v: Int?, _ dflt: Int, low: Int, high: Int) -> Int {
            guard var v else { return dflt }
            if v < 0 { v += n }
            return Swift.min(Swift.max(v, low), high)
        }
        if step > 0 {
            let s = clamp(start, 0, low: 0, high: n), e = clamp(stop, n, low: 0, high: n)
            return (s, step, e > s ? (e - s - 1) / step + 1 : 0)
        }
        let s = clamp(start, n - 1, low: -1, high: n - 1), e = clamp(stop, -1, low: -1, high: n - 1)
        return (s, step, s > e ? (s - e - 1) / (-step) + 1 : 0)
    }

    /// Resolves a NumPy subscript into flat offsets; every user mistake is an IndexError/ValueError in NumPy's words.
    func indexPlan(_ rawItems: [TensorIndex]) throws -> IndexPlan {
        // 1. Expand the ellipsis (and the implicit trailing one) into full slices.
        var consumed = 0, ellipses = 0
        for item in rawItems {
            switch item {
            case .int, .slice: consumed += 1
            case .array(let t): consumed += t.dtype == .bool ? Swift.max(t.ndim, 1) : 1
            case .ellipsis: ellipses += 1
            case .newAxis: break
            }
        }
        guard ellipses <= 1 else { throw TensorError.index("an index can only have a single ellipsis ('...')") }
        guard consumed <= ndim else {
            throw TensorError.index("too many indices for array: array is \(ndim)-dimensional, but \(consumed) were indexed")
        }
        var items: [TensorIndex] = []
        for item in rawItems {
            if case .ellipsis = item { items += Array(repeating: .all, count: ndim - consumed) } else { items.append(item) }
        }
        if ellipses == 0 { items += Array(repeating: .all, count: ndim - consumed) }

        // 2. Boolean masks become one integer array per masked axis (NumPy's nonzero()).
        var expanded: [TensorIndex] = []
        var dim = 0
        for item in items {
            switch item {
            case .array(let t) where t.dtype == .bool:
                guard t.ndim >= 1 else { throw TensorError.index("0-d boolean indices are not supported") }
                for k in 0..<t.ndim where t.shape[k] != shape[dim + k] {
                    throw TensorError.index("boolean index did not match indexed array along axis \(dim + k); size of axis is \(shape[dim + k]) but size of corresponding boolean axis is \(t.shape[k])")
                }
                let strides = Shape.strides(t.shape)
                let hits = t.ints.indices.filter { t.ints[$0] != 0 }
                for k in 0..<t.ndim {
                    expanded.append(.array(Tensor(shape: [hits.count], ints: hits.map { Int64(($0 / strides[k]) % t.shape[k]) })))
                }
                dim += t.ndim
            case .array(let t) where t.dtype == .float32:
                throw TensorError.index("arrays used as indices must be of integer (or boolean) type")
            case .newAxis:
                expanded.append(item)
            default:
                expanded.append(item)
                dim += 1
            }
        }
        let hasAdvanced = expanded.contains { if case .array = $0 { return true } else { return false } }

        // 3. Walk the items: basic ones become strided parts, advanced ones are collected.
        enum Part { case strided(Int, Int), table }
        let strides = Shape.strides(shape)
        var parts: [Part] = []
        var base = 0
        var advanced: [(tensor: Tensor, axis: Int)] = []
        var advancedAt: Int?
        var advancedAdjacent = true
        var lastWasAdvanced = false
        dim = 0
        for item in expanded {
            switch item {
            case .int(let i) where !hasAdvanced:
                let n = shape[dim]
                guard i >= -n, i < n else { throw TensorError.index("index \(i) is out of bounds for axis \(dim) with size \(n)") }
                base += (i < 0 ? i + n : i) * strides[dim]
                dim += 1
                lastWasAdvanced = false
            case .slice(let s, let e, let st):
                let r = try Tensor.resolveSlice(s, e, st, size: shape[dim])
                if r.count > 0 { base += r.start * strides[dim] }
                parts.append(.strided(r.count, r.step * strides[dim]))
                dim += 1
                lastWasAdvanced = false
            case .newAxis:
                parts.append(.strided(1, 0))
                lastWasAdvanced = false
            case .int(let i):
                // NumPy checks integer bounds while preparing the index, before any array's.
                guard i >= -shape[dim], i < shape[dim] else { throw TensorError.index("index \(i) is out of bounds for axis \(dim) with size \(shape[dim])") }
                if advancedAt != nil && !lastWasAdvanced { advancedAdjacent = false }
                if advancedAt == nil { advancedAt = parts.count }
                advanced.append((Tensor(i), dim))
                dim += 1
                lastWasAdvanced = true
            case .array(let t):
                if advancedAt != nil && !lastWasAdvanced { advancedAdjacent = false }
                if advancedAt == nil { advancedAt = parts.count }
                advanced.append((t, dim))
                dim += 1
                lastWasAdvanced = true
            case .ellipsis:
                break
            }
        }

        // 4. The advanced indices broadcast together into one table of offsets.
        var table: [Int] = []
        var tableShape: [Int] = []
        if hasAdvanced {
            do {
                tableShape = try advanced.reduce([Int]()) { try Shape.broadcast($0, $1.tensor.shape) }
            } catch {
                throw TensorError.index("shape mismatch: indexing arrays could not be broadcast together with shapes " + advanced.map { Shape.compact($0.tensor.shape) }.joined(separator: " ") + " ")
            }
            table = [Int](repeating: 0, count: try Shape.count(tableShape))
            for (t, axis) in advanced {
                let n = shape[axis]
                let reads = Tensor.offsets(shape: tableShape, strides: Shape.broadcastStrides(t.shape, to: tableShape))
                for k in 0..<table.count {
                    let i = Int(t.ints[reads[k]])
                    guard i >= -n, i < n else { throw TensorError.index("index \(i) is out of bounds for axis \(axis) with size \(n)") }
                    table[k] += (i < 0 ? i + n : i) * strides[axis]
                }
            }
            parts.insert(.table, at: advancedAdjacent ? advancedAt! : 0)
        }

        // 5. Enumerate the result row-major over the parts.
        var outShape: [Int] = []
        var offsets = [base]
        for part in parts {
            let steps: [Int]
            switch part {
            case .strided(let count, let stride):
                outShape.append(count)
                steps = (0..<count).map { $0 * stride }
            case .table:
                outShape += tableShape
                steps = table
            }
            var next: [Int] = []
            next.reserveCapacity(offsets.count * steps.count)
            for o in offsets { for s in steps { next.append(o + s) } }
            offsets = next
        }
        return IndexPlan(shape: outShape, offsets: offsets)
    }
}
