// Memory stays flat over long runs: every step's caches (a few hundred KB here) die with the step,
// History grows by a few numbers per epoch. Measured as the resident set (/proc/self/statm), the
// minimum over a window of epoch ends, so other tests allocating in parallel (transiently) weigh
// less, while a leak of one cache per step (~0.36 MB × 2 steps × 40 epochs) would show as ~29 MB.

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RNNRuntime

/// The resident set size in bytes (Linux), 0 when unreadable.
func residentBytes() -> Int {
    guard let f = fopen("/proc/self/statm", "r") else { return 0 }
    defer { fclose(f) }
    var size = 0, resident = 0
    guard withVaList([withUnsafeMutablePointer(to: &size) { $0 }, withUnsafeMutablePointer(to: &resident) { $0 }], { vfscanf(f, "%ld %ld", $0) }) == 2 else { return 0 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Records the resident bytes at every epoch end.
final class HeapRecorder: Callback {
    var inUse: [Int] = []
    override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws { inUse.append(residentBytes()) }
}

@Suite struct FitMemoryTests {
    @Test func heapStaysFlatOverManyEpochs() throws {
        let namer = LayerNamer()
        let model = try Sequential(layers: [try InputLayer(shape: [40, 8]),
                                            namer.name(try LSTM(units: 24, returnSequences: true, rng: RandomState(seed: 1))),
                                            namer.name(try Dropout(rate: 0.2, seed: 2)),
                                            namer.name(TimeDistributed(try Dense(units: 4, activation: .softmax, rng: RandomState(seed: 3))))])
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let rng = RandomState(seed: 4)
        let x = try rng.randn([40, 40, 8]), y = try rng.randint(0, 4, [40, 40])
        let heap = HeapRecorder()
        let history = try model.fit(x, y, batchSize: 16, epochs: 60, verbose: 0, callbacks: [heap], validationSplit: 0.25)
        #expect(history["loss"]!.count == 60)
        let early = heap.inUse[5..<20].min()!, late = heap.inUse[45..<60].min()!
        let perStepCache = 40 * 16 * 24 * 4 * 6               // gates, h, c, dropout, outputs per step (bytes), roughly
        #expect(late - early < 12 << 20, "resident set grew \((late - early) >> 10) KiB over 40 epochs (one step's cache is ~\(perStepCache >> 10) KiB)")
    }
}
