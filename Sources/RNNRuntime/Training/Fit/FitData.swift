// Shape key: N = samples (axis 0 of x and y), S = batch size. The arrays fit takes, checked and cut
// as Keras' data adapters cut them: validation_split takes the *last* fraction before any
// shuffling (keras/src/trainers/data_adapters/array_slicing.py), an epoch is ceil(N / S) batches
// with a smaller last one, and shuffle=True draws a new permutation of all samples every epoch.

/// The rows of `t` at `indices` (axis 0), as a new tensor.
func rows<C: Collection>(_ t: Tensor, _ indices: C) -> Tensor where C.Element == Int {
    let n = t.shape[0]
    let row = n == 0 ? 0 : t.size / n
    var shape = t.shape
    shape[0] = indices.count
    if t.dtype == .float32 {
        var out = [Float](); out.reserveCapacity(indices.count * row)
        t.floats.withUnsafeBufferPointer { p in for i in indices { out.append(contentsOf: p[(i * row)..<((i + 1) * row)]) } }
        return Tensor(shape: shape, floats: out)
    }
    var out = [Int64](); out.reserveCapacity(indices.count * row)
    t.ints.withUnsafeBufferPointer { p in for i in indices { out.append(contentsOf: p[(i * row)..<((i + 1) * row)]) } }
    return Tensor(shape: shape, ints: out, dtype: t.dtype)
}

/// ceil(n / size) without overflow for any positive size.
func stepCount(_ n: Int, _ size: Int) -> Int { n / size + (n % size == 0 ? 0 : 1) }

/// Keras' `batch_size` (default 32), checked.
func checkedBatchSize(_ batchSize: Int?) throws -> Int {
    let s = batchSize ?? 32
    guard s > 0 else { throw TensorError.value("Expected `batch_size` to be a positive integer, received: batch_size=\(s)") }
    return s
}

/// The sample count shared by `x` and `y` (Keras' `check_data_cardinality`).
func sampleCount(_ x: Tensor, _ y: Tensor?) throws -> Int {
    guard x.ndim >= 1 else { throw TensorError.value("Expected input data `x` to have a batch axis, got a scalar of shape ()") }
    if let y {
        guard y.ndim >= 1 else { throw TensorError.value("Expected target data `y` to have a batch axis, got a scalar of shape ()") }
        guard y.shape[0] == x.shape[0] else {
            throw TensorError.value("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.'x' sizes: \(x.shape[0])\n'y' sizes: \(y.shape[0])\n")
        }
    }
    guard x.shape[0] > 0 else { throw TensorError.value("Expected input data to be non-empty.") }
    return x.shape[0]
}

/// `train_validation_split`: the first floor(N·(1 - split)) samples train, the rest validate.
func splitForValidation(_ x: Tensor, _ y: Tensor, _ split: Double) throws -> (train: (Tensor, Tensor), validation: (Tensor, Tensor)) {
    let n = x.shape[0]
    let at = (Double(n) * (1 - split)).rounded(.down)
    guard split.isFinite, at > 0, at < Double(n) else {
        throw TensorError.value("Training data contains \(n) samples, which is not sufficient to split it into a validation and training set as specified by `validation_split=\(pythonFloat(split))`. Either provide more data, or a different value for the `validation_split` argument.")
    }
    let k = Int(at)
    return ((rows(x, 0..<k), rows(y, 0..<k)), (rows(x, k..<n), rows(y, k..<n)))
}

/// One epoch's sample order and its batches.
struct EpochBatches {
    let order: [Int]
    let batchSize: Int
    var steps: Int { stepCount(order.count, batchSize) }
    func indices(_ step: Int) -> ArraySlice<Int> {
        let start = step * batchSize          // step < steps, so start < order.count: no overflow
        return order[start..<(start + Swift.min(batchSize, order.count - start))]
    }

    init(samples n: Int, batchSize: Int, shuffle: Bool, rng: RandomState) {
        self.batchSize = batchSize
        var order = Array(0..<n)
        if shuffle {
            for i in stride(from: n - 1, to: 0, by: -1) {
                let j = Int(rng.nextInterval(UInt64(i)))
                order.swapAt(i, j)
            }
        }
        self.order = order
    }
}
