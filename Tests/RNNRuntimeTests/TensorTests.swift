import Testing
@testable import RNNRuntime

/// Error messages and expected values were checked against NumPy 2.4 by hand (python -c ...).
@Suite struct TensorTests {
    let a = try! Tensor.arange(6).reshape([3, 2])  // [[0, 1], [2, 3], [4, 5]]

    // MARK: Core and creation

    @Test func creation() throws {
        #expect(try Tensor.zeros([2, 3]).floats == [Float](repeating: 0, count: 6))
        #expect(try Tensor.ones([2], dtype: .int64).ints == [1, 1])
        #expect(try Tensor.full([2], 2.5).floats == [2.5, 2.5])
        #expect(try Tensor.arange(2, 11, 3).ints == [2, 5, 8])
        #expect(try Tensor.arange(10, 0, -4).ints == [10, 6, 2])
        #expect(try Tensor.arange(0.0, 1.0, 0.25).floats == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor.linspace(0, 1, num: 5).floats == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.linspace(0, 1, num: 4, endpoint: false).floats == [0, 0.25, 0.5, 0.75])
        #expect(try Tensor.eye(2, 3, k: 1).floats == [0, 1, 0, 0, 0, 1])
        #expect(Tensor.zerosLike(a) == (try Tensor.zeros([3, 2], dtype: .int64)))
        #expect(Tensor.onesLike(Tensor(Float(3))).floats == [1])
        let nested = try Tensor.array(.list([.list([.int(1), .double(2.5)]), .list([.int(3), .int(4)])]))
        #expect(nested.shape == [2, 2] && nested.dtype == .float32 && nested.floats == [1, 2.5, 3, 4])
        #expect(try Tensor.array([[1, 2], [3, 4]]).dtype == .int64)
        #expect(try Tensor.array(.list([.bool(true), .bool(false)])).dtype == .bool)
    }

    @Test func creationErrors() throws {
        #expect(throws: TensorError.value("negative dimensions are not allowed")) { try Tensor.zeros([2, -1]) }
        #expect(throws: TensorError.self) { try Tensor.zeros([1 << 40, 1 << 40]) }  // overflow, not a trap
        #expect(throws: TensorError.self) { try Tensor.zeros([1 << 20, 1 << 20]) }  // above the element cap
        #expect(throws: TensorError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after 1 dimensions. The detected shape was (2,) + inhomogeneous part.")) {
            try Tensor.array([[1.0, 2.0], [3.0]])
        }
        #expect(try Tensor.zeros([0, 1 << 40]).size == 0)
    }

    @Test func errorsCarryPythonExceptionNames() {
        let e = TensorError.index("index 5 is out of bounds for axis 0 with size 3")
        #expect(e.pythonExceptionName == "IndexError")
        #expect(e.description == "IndexError: index 5 is out of bounds for axis 0 with size 3")
    }

    @Test func astype() throws {
        let f = try Tensor(shape: [3], values: [-1.7, 0, 2.9] as [Float])
        #expect(try f.astype(.int64).ints == [-1, 0, 2])
        #expect(try f.astype(.bool).ints == [1, 0, 1])
        #expect(try a.astype(.float32).floats == [0, 1, 2, 3, 4, 5])
        #expect(throws: TensorError.self) { try Tensor(Float.nan).astype(.int64) }
    }

    // MARK: Shape ops

    @Test func reshapeAndTranspose() throws {
        #expect(try a.reshape([-1]).shape == [6])
        #expect(try a.reshape([2, -1]).shape == [2, 3])
        #expect(throws: TensorError.value("cannot reshape array of size 6 into shape (4,)")) { try a.reshape([4]) }
        #expect(throws: TensorError.value("can only specify one unknown dimension")) { try a.reshape([-1, -1]) }
        #expect(a.T.shape == [2, 3] && a.T.ints == [0, 2, 4, 1, 3, 5])
        let x = try Tensor.arange(24).reshape([2, 3, 4])
        let t = try x.transpose([1, 0, 2])
        #expect(t.shape == [3, 2, 4])
        #expect(try t[1, 0, 2].item() == 6 && (try t[1, 1, 2].item()) == 18)
        #expect(throws: TensorError.value("repeated axis in transpose")) { try a.transpose([0, 0]) }
    }

    @Test func expandSqueezeFlip() throws {
        #expect(try a.expandDims(0).shape == [1, 3, 2])
        #expect(try a.expandDims(-1).shape == [3, 2, 1])
        #expect(throws: TensorError.value("axis 3 is out of bounds for array of dimension 3")) { try a.expandDims(3) }
        #expect(try Tensor.zeros([1, 3, 1]).squeeze().shape == [3])
        #expect(try Tensor.zeros([1, 3, 1]).squeeze(-1).shape == [1, 3])
        #expect(throws: TensorError.value("cannot select an axis to squeeze out which has size not equal to one")) { try a.squeeze(0) }
        #expect(try a.flip(0).ints == [4, 5, 2, 3, 0, 1])
        #expect(try a.flip(1).ints == [1, 0, 3, 2, 5, 4])
        #expect(try a.flip().ints == [5, 4, 3, 2, 1, 0])
    }

    @Test func concatenateStackSplit() throws {
        let c = try Tensor.concatenate([a, a], axis: 1)
        #expect(c.shape == [3, 4] && c.ints == [0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5])
        #expect(try Tensor.concatenate([a, a]).shape == [6, 2])
        #expect(throws: TensorError.value("all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 2 and the array at index 1 has size 3")) {
            try Tensor.concatenate([a, a.T.reshape([3, 2]).T])
        }
        #expect(throws: TensorError.value("all the input arrays must have same number of dimensions, but the array at index 0 has 2 dimension(s) and the array at index 1 has 1 dimension(s)")) {
            try Tensor.concatenate([a, Tensor.arange(2)])
        }
        let s = try Tensor.stack([a, a], axis: -1)
        #expect(s.shape == [3, 2, 2] && s.ints == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
        let parts = try Tensor.arange(6).split(3)
        #expect(parts.map(\.ints) == [[0, 1], [2, 3], [4, 5]])
        #expect(try Tensor.arange(6).split(at: [1, 4]).map(\.ints) == [[0], [1, 2, 3], [4, 5]])
        #expect(throws: TensorError.value("array split does not result in an equal division")) { try Tensor.arange(5).split(2) }
    }

    // MARK: Indexing

    @Test func basicIndexing() throws {
        let r = try Tensor.arange(10)
        #expect(try r[.slice(8, 2, -2)].ints == [8, 6, 4])
        #expect(try r[.slice(nil, nil, -3)].ints == [9, 6, 3, 0])
        #expect(try r[.slice(-3, nil, nil)].ints == [7, 8, 9])
        #expect(try r[-1].item() == 9)
        #expect(try a[1].ints == [2, 3])
        #expect(try a[.all, 1].ints == [1, 3, 5])
        let x = try Tensor.arange(24).reshape([2, 3, 4])
        #expect(try x[.ellipsis, .newAxis, 1].shape == [2, 3, 1])
        #expect(try x[.newAxis].shape == [1, 2, 3, 4])
        #expect(try x[1, .ellipsis].shape == [3, 4])
    }

    @Test func advancedIndexing() throws {
        let x = try Tensor.arange(24).reshape([2, 3, 4])
        let idx = Tensor.array([0, 2])
        // NumPy's placement rule: separated advanced indices go first.
        let y = try x[1, .all, .array(idx)]
        #expect(y.shape == [2, 3] && y.ints == [12, 16, 20, 14, 18, 22])
        #expect(try x[.all, .array(idx), .slice(1, 3, nil)].shape == [2, 2, 2])
        #expect(try x[.array(Tensor.array([0, 1])), .all, .array(Tensor.array([1, 2]))].shape == [2, 3])
        let mask = try x.binary(.remainder, Tensor(5)).compare(.equal, Tensor(0))
        #expect(try x[.array(mask)].ints == [0, 5, 10, 15, 20])
        #expect(try a[.array(Tensor.array([-1, 0]))].ints == [4, 5, 0, 1])
    }

    @Test func indexingErrors() throws {
        #expect(throws: TensorError.index("index 5 is out of bounds for axis 0 with size 3")) { try Tensor.arange(3)[5] }
        #expect(throws: TensorError.index("index -4 is out of bounds for axis 0 with size 3")) { try Tensor.arange(3)[-4] }
        #expect(throws: TensorError.index("index 7 is out of bounds for axis 1 with size 2")) { try a[.all, .array(Tensor.array([7]))] }
        #expect(throws: TensorError.index("too many indices for array: array is 2-dimensional, but 3 were indexed")) { try a[1, 2, 3] }
        #expect(throws: TensorError.index("boolean index did not match indexed array along axis 0; size of axis is 3 but size of corresponding boolean axis is 2")) {
            try a[.array(Tensor.array([1, 0]).astype(.bool))]
        }
        #expect(throws: TensorError.index("shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ")) {
            try a[.array(Tensor.array([0, 1])), .array(Tensor.array([0, 1, 0]))]
        }
        #expect(throws: TensorError.index("an index can only have a single ellipsis ('...')")) { try a[.ellipsis, .ellipsis] }
        #expect(throws: TensorError.index("arrays used as indices must be of integer (or boolean) type")) { try a[.array(Tensor(Float(1)))] }
        #expect(throws: TensorError.value("slice step cannot be zero")) { try a[.slice(nil, nil, 0)] }
    }

    @Test func assignment() throws {
        var b = try Tensor.zeros([3, 4])
        try b.set([.slice(1, nil, nil), .slice(nil, nil, 2)], to: Tensor.array([1.0, 2.0]))
        #expect(b.floats == [0, 0, 0, 0, 1, 0, 2, 0, 1, 0, 2, 0])
        try b.set([.array(b.compare(.greater, Tensor(Float(1))))], to: -1)
        #expect(b.floats == [0, 0, 0, 0, 1, 0, -1, 0, 1, 0, -1, 0])
        try b.set([0], to: 7)
        #expect(try b[0].floats == [7, 7, 7, 7])
        #expect(throws: TensorError.value("could not broadcast input array from shape (3,) into shape (4,)")) {
            try b.set([0], to: Tensor.array([1.0, 2.0, 3.0]))
        }
        var c = a
        try c.set([.all, 0], to: 9.7)  // cast to the target dtype, as NumPy does
        #expect(c.ints == [9, 1, 9, 3, 9, 5] && a.ints == [0, 1, 2, 3, 4, 5])  // copy on write
    }

    // MARK: Elementwise and broadcasting

    @Test func broadcasting() throws {
        let row = Tensor.array([10.0, 20.0])
        #expect(try (a + row).floats == [10, 21, 12, 23, 14, 25])
        #expect(try Shape.broadcast([3, 1, 5], [4, 1]) == [3, 4, 5])
        #expect(throws: TensorError.value("operands could not be broadcast together with shapes (3,2) (3,) ")) { try a + Tensor.arange(3) }
        let col = try Tensor.arange(3).reshape([3, 1])
        #expect(try (col * Tensor.arange(2)).ints == [0, 0, 0, 1, 0, 2])
        #expect(try (2.0 - row).floats == [-8, -18])
        #expect(try (row / 4).floats == [2.5, 5])
    }

    @Test func dtypeRules() throws {
        #expect(try (a + a).dtype == .int64)
        #expect(try (a / a.binary(.add, Tensor(1))).dtype == .float32)
        #expect(try a.binary(.floorDivide, Tensor(-4)).ints == [0, -1, -1, -1, -1, -2])
        #expect(try a.binary(.remainder, Tensor(-4)).ints == [0, -3, -2, -1, 0, -3])
        #expect(try a.pow(Tensor(2)).ints == [0, 1, 4, 9, 16, 25])
        #expect(throws: TensorError.value("Integers to negative integer powers are not allowed.")) { try a.pow(Tensor(-1)) }
        #expect(try a.compare(.less, Tensor(2)).dtype == .bool)
        #expect(try a.compare(.less, Tensor(2)).ints == [1, 1, 0, 0, 0, 0])
    }

    @Test func math() throws {
        let x = Tensor.array([-2.0, 0.0, 4.0])
        #expect(x.abs().floats == [2, 0, 4])
        #expect((-x).floats == [2, -0.0, -4])
        #expect(x.relu().floats == [0, 0, 4])
        #expect(try x.pow(2).floats == [4, 0, 16])
        #expect(Tensor.array([4.0]).sqrt().floats == [2])
        #expect(Tensor.array([0.0]).exp().floats == [1])
        #expect(Tensor.array([1.0]).log().floats == [0])
        #expect(Tensor.array([0.0]).tanh().floats == [0])
        #expect(Tensor.array([0.0, -200, 200]).sigmoid().floats == [0.5, 0, 1])
        #expect(try x.clip(-1, 1).floats == [-1, 0, 1])
        #expect(try x.maximum(Tensor(Float(1))).floats == [1, 1, 4])
        #expect(try x.minimum(Tensor(Float(1))).floats == [-2, 0, 1])
        #expect(try Tensor.array([Double.nan]).maximum(Tensor(Float(1))).floats[0].isNaN)
    }

    // MARK: Reductions

    @Test func reductions() throws {
        #expect(try a.sum().ints == [15])
        #expect(try a.sum(axis: 0).ints == [6, 9])
        #expect(try a.sum(axis: -1, keepdims: true).shape == [3, 1])
        #expect(try a.mean(axis: 1).floats == [0.5, 2.5, 4.5])
        #expect(try a.max(axis: 0).ints == [4, 5])
        #expect(try a.min().ints == [0])
        #expect(try a.argmax(axis: 1).ints == [1, 1, 1])
        #expect(try Tensor.array([3.0, 1, 3]).argmax().ints == [0])
        #expect(try Tensor.array([3.0, 1, 3]).argmin().ints == [1])
        #expect(try Tensor.array([1.0, 2, 3, 4]).variance().floats == [1.25])
        #expect(try Tensor.array([1.0, 2, 3, 4]).std(ddof: 1).floats == [Float(1.6666666666666667.squareRoot())])
        #expect(try Tensor.zeros([2, 3, 4]).sum(axis: 1, keepdims: true).shape == [2, 1, 4])
        #expect(throws: TensorError.value("axis 2 is out of bounds for array of dimension 2")) { try a.max(axis: 2) }
        #expect(throws: TensorError.value("zero-size array to reduction operation maximum which has no identity")) { try Tensor.zeros([0]).max() }
        #expect(throws: TensorError.value("attempt to get argmax of an empty sequence")) { try Tensor.zeros([0]).argmax() }
    }

    // MARK: Linear algebra, softmax, one-hot

    @Test func matmulShapes() throws {
        let m = try Tensor.arange(0.0, 6.0).reshape([2, 3])
        let n = try Tensor.arange(0.0, 12.0).reshape([3, 4])
        let p = try m.matmul(n)
        #expect(p.shape == [2, 4] && p.floats == [20, 23, 26, 29, 56, 68, 80, 92])
        #expect(try Tensor.array([1.0, 2, 3]).matmul(n).floats == [32, 38, 44, 50])
        #expect(try m.matmul(Tensor.array([1.0, 1, 1])).floats == [3, 12])
        #expect(try Tensor.array([1.0, 2]).matmul(Tensor.array([3.0, 4])).shape == [])
        let batch = try Tensor.ones([5, 2, 3])
        #expect(try batch.matmul(n).shape == [5, 2, 4])
        #expect(try batch.matmul(Tensor.ones([5, 3, 7])).shape == [5, 2, 7])
        #expect(try Tensor.ones([2, 1, 2, 3]).matmul(Tensor.ones([4, 3, 1])).shape == [2, 4, 2, 1])
        #expect(try a.matmul(Tensor.array([[1, 0], [0, 1]])).ints == a.ints)
        #expect(throws: TensorError.value("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)")) {
            try m.matmul(m)
        }
        #expect(throws: TensorError.value("shapes (2,3) and (2,3) not aligned: 3 (dim 1) != 2 (dim 0)")) { try m.dot(m) }
        #expect(try m.dot(n) == p)
        #expect(try m.dot(Tensor(Float(2))).floats == [0, 2, 4, 6, 8, 10])
    }

    @Test func matmulMatchesNaiveProductOnRandomData() throws {
        let rng = RandomState(seed: 5)
        let x = try rng.randn([3, 7, 5]), w = try rng.randn([5, 6])
        let y = try x.matmul(w)
        for b in 0..<3 { for i in 0..<7 { for j in 0..<6 {
            var s = 0.0
            for k in 0..<5 { s += Double(x.floats[(b * 7 + i) * 5 + k]) * Double(w.floats[k * 6 + j]) }
            #expect(Swift.abs(Double(y.floats[(b * 7 + i) * 6 + j]) - s) < 1e-4)
        } } }
    }

    @Test func softmaxIsStable() throws {
        let s = try Tensor.array([[1000.0, 1000], [0, Double(Float(2).log())]]).softmax()
        #expect(s.floats[0] == 0.5 && s.floats[1] == 0.5)
        #expect(Swift.abs(s.floats[2] - 1.0 / 3) < 1e-6 && Swift.abs(s.floats[3] - 2.0 / 3) < 1e-6)
        #expect(try Tensor.ones([2, 3]).softmax(axis: 0).floats.allSatisfy { $0 == 0.5 })
    }

    @Test func oneHot() throws {
        let h = try Tensor.oneHot(Tensor.array([0, 2, 5]), depth: 3)
        #expect(h.shape == [3, 3] && h.floats == [1, 0, 0, 0, 0, 1, 0, 0, 0])
        #expect(try Tensor.oneHot(Tensor.array([[1, 0]]), depth: 2).shape == [1, 2, 2])
    }
}

private extension Float {
    func log() -> Float { Tensor(self).log().floats[0] }
}

/// Inputs at the edges of Int must give errors or results, never traps.
@Suite struct ExtremeInputTests {
    @Test func extremeArgumentsDoNotTrap() throws {
        #expect(throws: TensorError.value("Maximum allowed size exceeded")) { try Tensor.arange(Int.min, Int.max) }
        #expect(throws: TensorError.value("Maximum allowed size exceeded")) { try Tensor.arange(0.0, 1e30) }
        #expect(try Tensor.eye(2, k: Int.max).floats == [0, 0, 0, 0])
        #expect(try RandomState(seed: 0).randint(Int.min, Int.max, [2]).shape == [2])
        let r = try Tensor.arange(5)
        #expect(try r[.slice(nil, nil, Int.min)].ints == [4])
        #expect(try r[.slice(Int.min, Int.max, Int.max)].ints == [0])
        #expect(try r[.slice(Int.max, Int.min, -2)].ints == [4, 2, 0])
        #expect(try Tensor(2).pow(Tensor(62)).ints == [1 << 62])
        #expect(try Tensor(3).pow(Tensor(Int.max)).size == 1)
    }
}
