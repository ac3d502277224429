import Foundation
import Testing
@testable import NotebookLanguage

/// Records every display with its id and whether it replaced an earlier one.
final class DisplayRecorder: CellOutput, @unchecked Sendable {
    struct Display { let text: String; let id: String?; let update: Bool }
    private let lock = NSLock()
    private(set) var stdout = ""
    private(set) var displays: [Display] = []
    /// stdout and displays in the order they arrived ("out:" / "show:" / "update:" prefixes).
    private(set) var events: [String] = []

    func write(_ text: String, stream: String) {
        lock.withLock {
            if stream == "stdout" { stdout += text; events.append("out:" + text) }
        }
    }
    func display(_ bundle: [String: String], displayID: String?, update: Bool) {
        lock.withLock {
            displays.append(Display(text: bundle["text/plain"] ?? "", id: displayID, update: update))
            events.append((update ? "update:" : "show:") + (bundle["text/plain"] ?? ""))
        }
    }
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String { throw InputUnavailable.notAllowed }
}

private let helloModel = """
    import tensorflow as tf
    import numpy as np
    tf.keras.utils.set_random_seed(1)
    x = tf.one_hot([[0, 1, 2, 2]], 4)
    y = tf.one_hot([[1, 2, 2, 3]], 4)
    model = tf.keras.Sequential([tf.keras.Input(shape=(None, 4)), tf.keras.layers.SimpleRNN(8, return_sequences=True),
                                 tf.keras.layers.Dense(4, activation='softmax')])
    model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
    """

@Suite struct TrainingLanguageTests {
    @Test func progressIsOneDisplayPerBarUpdatedInPlace() throws {
        let session = NotebookSession()
        #expect(run(helloModel, in: session).1.errorLine == nil)
        let out = DisplayRecorder()
        let result = session.run("xs = np.zeros((3000, 4, 4)) + x\nys = np.zeros((3000, 4, 4)) + y\nh = model.fit(xs, ys, batch_size=10, epochs=2)", output: out)
        #expect(result.errorLine == nil)
        // Epoch header on stdout, then a bar: shown once, then only updated, with its own id per epoch.
        #expect(out.stdout == "Epoch 1/2\nEpoch 2/2\n")
        #expect(out.events.first == "out:Epoch 1/2\n")
        let ids = out.displays.compactMap(\.id)
        #expect(ids.count == out.displays.count)
        #expect(Set(ids).count == 2)
        for id in Set(ids) {
            let bar = out.displays.filter { $0.id == id }
            #expect(bar.first?.update == false)
            #expect(bar.dropFirst().allSatisfy { $0.update })
            let final = try #require(bar.last?.text)
            #expect(final.hasPrefix("300/300 ━━━━━━━━━━━━━━━━━━━━ "), "\(final)")
            #expect(final.contains(" - accuracy: ") && final.contains(" - loss: "))
        }
        // Between the header of epoch 2 and its bar nothing of epoch 1 is updated.
        let header2 = try #require(out.events.firstIndex(of: "out:Epoch 2/2\n"))
        #expect(out.events[header2 + 1].hasPrefix("show:"))
    }

    @Test func interruptStopsFitKeepingHistoryAndWeights() throws {
        let session = NotebookSession()
        #expect(run(helloModel + "\nw0 = model.layers[0].get_weights()[0].copy()", in: session).1.errorLine == nil)
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: CellResult?
        let thread = Thread {
            result = session.run("model.fit(x, y, epochs=10000000, verbose=0)", output: TestOutput())
            done.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        let start = Date()
        session.interrupt()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(Date().timeIntervalSince(start) < 1)
        #expect(result?.errorLine == "KeyboardInterrupt")
        let (text, check) = run("print(len(model.history.epoch) > 0, len(model.history.history['loss']) == len(model.history.epoch), np.abs(model.layers[0].get_weights()[0] - w0).max() > 0)", in: session)
        #expect(check.errorLine == nil)
        #expect(text == "True True True\n")
    }

    /// Bad arguments from a cell end as Python exceptions (never a trap), each with a Python name.
    @Test(arguments: [
        "model.fit(x, y, batch_size=-5)", "model.fit(x, y, batch_size=2.5)", "model.fit(x, y, epochs='a')",
        "model.fit(x, y, epochs=10**30)", "model.fit(x, y, validation_data=5)", "model.fit(x, y, validation_data=(x,))",
        "model.fit(x, y, validation_split=float('nan'))", "model.fit(np.zeros((0, 4, 4)), np.zeros((0, 4, 4)))",
        "model.fit(x, y, callbacks=5)", "model.fit(x, y, initial_epoch=-1)", "model.fit('text', y)",
        "model.fit(np.zeros((1, 4, 7)), y)", "model.fit(x, np.zeros((1, 4, 9)))", "model.fit(x, y, shuffle='x', verbose='loud')",
        "model.evaluate(x, np.zeros((2, 4, 4)))", "model.predict(np.zeros((1, 4)))", "model.predict(x, batch_size=0)",
        "model.train_on_batch(x)", "model.compile(optimizer=3, loss='mse')", "model.compile(optimizer='adam', loss=3)",
        "model.compile(optimizer='adam', loss='mse', metrics=[3])", "model.compile(optimizer='adam', loss='mse', metrics=['f1'])",
        "tf.keras.optimizers.Adam(learning_rate='x')", "tf.keras.optimizers.Adam(learning_rate=float('nan'))",
        "tf.keras.optimizers.SGD(momentum=2.0)", "tf.keras.optimizers.Adam(clipnorm=-1.0)",
        "tf.keras.losses.SparseCategoricalCrossentropy()(np.array([5]), np.array([[0.5, 0.5]]))",
        "tf.keras.losses.mse(np.zeros((2, 3)), np.zeros((3, 2)))", "tf.keras.losses.categorical_crossentropy([1], 5)",
        "tf.keras.metrics.SparseCategoricalAccuracy().update_state([1, 2], [[0.1]])", "tf.keras.metrics.Mean().update_state('x')",
        "tf.random.categorical(np.zeros((2, 3)), -1)", "tf.random.categorical([[float('nan'), 0.0]], 2)",
        "tf.keras.utils.pad_sequences([[1]], maxlen=-1)", "tf.keras.utils.pad_sequences([[1]], value='x')",
        "tf.keras.utils.pad_sequences([[[1, 2]], [[1, 2, 3]]])", "tf.keras.preprocessing.text.Tokenizer(num_words=-1)",
        "tf.keras.preprocessing.text.Tokenizer(split='')", "tf.keras.preprocessing.text.Tokenizer().fit_on_texts([5])",
        "tf.keras.preprocessing.text.Tokenizer().sequences_to_texts([[1.5]])", "tf.keras.layers.StringLookup(vocabulary=[1])",
        "tf.keras.layers.StringLookup(invert=True)(np.array([0.5]))", "tf.keras.layers.StringLookup(num_oov_indices=0)(['zz'])",
        "tf.GradientTape().gradient(tf.constant(1.0), 5)", "tf.Variable('x')",
        "tf.Variable(np.ones(3)).assign_add(np.ones(4))", "tf.Variable(np.ones(3))[10]",
        "tf.reduce_mean(tf.Variable([1.0]), axis=5)", "tf.matmul(tf.Variable(np.ones((2, 3))), np.ones((2, 3)))",
        "tf.keras.callbacks.EarlyStopping(patience='x')", "tf.keras.callbacks.LearningRateScheduler()",
        "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=np.array([0, 1]), logits=np.zeros((1, 2)))",
        "model.optimizer.learning_rate = 'fast'", "model.optimizer.learning_rate = -1",
    ])
    func badInputIsAPythonError(_ code: String) throws {
        let session = NotebookSession()
        #expect(run(helloModel, in: session).1.errorLine == nil)
        let (_, result) = run(code, in: session)
        let line = try #require(result.errorLine, "\(code) did not raise")
        let name = String(line.prefix { $0 != ":" })
        #expect(["ValueError", "TypeError", "IndexError", "NotImplementedError", "RuntimeError", "AttributeError", "AxisError", "OverflowError"].contains(name), "\(code): \(line)")
    }
}
