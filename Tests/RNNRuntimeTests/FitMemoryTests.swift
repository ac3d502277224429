// Memory stays flat over long runs. The resident-set figure is measured on a kernel process of its
// own (tests/test_training.py::test_memory_stays_flat_over_a_long_fit): inside this test process
// other suites allocate in parallel, which made an RSS reading here flaky. What can be checked here
// deterministically: fit keeps nothing alive once it returns (no cycle between model, callbacks
// and the fit loop) and History grows by exactly one value per key per epoch.

import Testing
@testable import RNNRuntime

/// Counts epoch ends, and lets the test see whether fit released it.
final class EpochCounter: Callback {
    var epochs = 0
    override func onEpochEnd(_ epoch: Int, logs: TrainingLogs) throws { epochs += 1 }
}

@Suite struct FitMemoryTests {
    @Test func fitReleasesModelAndCallbacksAndHistoryGrowsOncePerEpoch() throws {
        weak var releasedModel: Sequential?
        weak var releasedCallback: EpochCounter?
        try {
            let namer = LayerNamer()
            let model = try Sequential(layers: [try InputLayer(shape: [40, 8]),
                                                namer.name(try LSTM(units: 24, returnSequences: true, rng: RandomState(seed: 1))),
                                                namer.name(try Dropout(rate: 0.2, seed: 2)),
                                                namer.name(TimeDistributed(try Dense(units: 4, activation: .softmax, rng: RandomState(seed: 3))))])
            try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
            let rng = RandomState(seed: 4)
            let x = try rng.randn([40, 40, 8]), y = try rng.randint(0, 4, [40, 40])
            let counter = EpochCounter()
            let history = try model.fit(x, y, batchSize: 16, epochs: 12, verbose: 0, callbacks: [counter], validationSplit: 0.25)
            #expect(counter.epochs == 12)
            for key in ["loss", "accuracy", "val_loss", "val_accuracy"] {
                #expect(history[key]?.count == 12, "\(key)")
            }
            releasedModel = model
            releasedCallback = counter
        }()
        #expect(releasedModel == nil, "fit left a reference cycle holding the model")
        #expect(releasedCallback == nil, "fit left a reference cycle holding a callback")
    }
}
