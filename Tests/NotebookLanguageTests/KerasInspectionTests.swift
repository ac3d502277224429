import Foundation
import Testing
@testable import NotebookLanguage

/// Completion and Shift-Tab inspection over the tensorflow/keras vocabulary.
@Suite struct KerasInspectionTests {
    /// A session with `tf`, `keras`, `layers`, `np`, an LSTM `lstm` called once and a model.
    static func session() -> NotebookSession {
        let s = NotebookSession()
        let (_, r) = run("""
            import tensorflow as tf
            from tensorflow import keras
            from tensorflow.keras import layers
            import numpy as np
            inputs = np.random.randn(3, 2, 10)
            lstm = tf.keras.layers.LSTM(20)
            h_out = lstm(inputs)
            model = keras.Sequential([keras.Input(shape=(2, 10)), layers.LSTM(4)])
            """, in: s)
        #expect(r.valueText == nil && r.errorLine == nil)
        return s
    }

    func complete(_ s: NotebookSession, _ code: String) -> [String] {
        s.complete(code: code, cursorPosition: code.unicodeScalars.count).matches
    }

    @Test func completesModulePathsAndLayerClasses() {
        let s = KerasInspectionTests.session()
        #expect(complete(s, "tf.keras.layers.LS") == ["LSTM"])
        #expect(complete(s, "keras.layers.") .contains("Bidirectional"))
        #expect(complete(s, "tf.ke") == ["keras"])
        #expect(complete(s, "tf.keras.utils.to") == ["to_categorical"])
        #expect(complete(s, "tf.random.se") == ["set_seed"])
        #expect(complete(s, "tf.nn.so") == ["softmax", "softmax_cross_entropy_with_logits"])
    }

    @Test func completesImportStatements() {
        let s = KerasInspectionTests.session()
        #expect(complete(s, "import tens") == ["tensorflow"])
        #expect(complete(s, "import ker") == ["keras"])
        #expect(complete(s, "import tensorflow.ke") == ["keras"])
        #expect(complete(s, "from tensorflow.keras.l") == ["layers", "losses"])
        #expect(complete(s, "from tensorflow.keras.layers import LS") == ["LSTM"])
        #expect(complete(s, "from keras.layers import LSTM, Bi") == ["Bidirectional"])
        #expect(complete(s, "from tensorflow import ker") == ["keras"])
    }

    @Test func completesLayerAttributesAndKeywords() {
        let s = KerasInspectionTests.session()
        let attributes = complete(s, "lstm.")
        for name in ["count_params", "get_weights", "set_weights", "weights", "units", "return_sequences", "output_shape", "name", "built"] {
            #expect(attributes.contains(name), "\(name)")
        }
        #expect(complete(s, "lstm.count") == ["count_params"])
        #expect(complete(s, "tf.keras.layers.LSTM(20, return_s") == ["return_sequences=", "return_state="])
        #expect(complete(s, "layers.GRU(8, reset") == ["reset_after="])
        #expect(complete(s, "lstm(inputs, init") == ["initial_state="])
        #expect(complete(s, "model.summ") == ["summary"])
        #expect(complete(s, "model.pre") == ["predict"])
        #expect(complete(s, "lstm.expl") == ["explain"])
        #expect(complete(s, "model.save") == ["save_weights"])
        #expect(inspect(s, "lstm.explain").contains("Signature: explain(inputs)"))
        #expect(complete(s, "lstm.weights[0].nu").isEmpty)   // not resolved through a subscript
        #expect(complete(s, "h_out.nu") == ["numpy"])
    }

    func inspect(_ s: NotebookSession, _ code: String) -> String {
        s.inspect(code: code, cursorPosition: code.unicodeScalars.count, detailLevel: 0)?["text/plain"] ?? ""
    }

    @Test func inspectsClassesWithSignaturesAndDocs() {
        let s = KerasInspectionTests.session()
        let lstmClass = inspect(s, "tf.keras.layers.LSTM")
        #expect(lstmClass.contains("Init signature: LSTM(units, activation='tanh', recurrent_activation='sigmoid', use_bias=True,"))
        #expect(lstmClass.contains("return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False, use_cudnn='auto', **kwargs)"))
        #expect(lstmClass.contains("Long Short-Term Memory layer"))
        #expect(lstmClass.contains("4·(units·(features + units) + units) parameters"))
        #expect(inspect(s, "layers.GRU").contains("reset_after=True"))
        #expect(inspect(s, "keras.Sequential").contains("Init signature: Sequential(layers=None, trainable=True, name=None)"))
        #expect(inspect(s, "keras.Input").contains("Signature: Input(shape=None, batch_size=None, dtype=None, sparse=None, batch_shape=None, name=None, tensor=None, optional=False)"))
        for path in ["layers.Dense", "layers.Embedding", "layers.SimpleRNN", "layers.Bidirectional", "layers.Dropout",
                     "layers.Masking", "layers.TimeDistributed", "layers.InputLayer", "tf.keras.utils.to_categorical",
                     "tf.one_hot", "tf.random.set_seed", "tf.constant", "tf.nn.softmax", "keras.backend.clear_session"] {
            let text = inspect(s, path)
            #expect(text.contains("ignature"), "\(path): \(text)")
            #expect(!text.contains("<no docstring>"), "\(path): \(text)")
        }
    }

    @Test func inspectsLayerObjectsAndMethods() {
        let s = KerasInspectionTests.session()
        let object = inspect(s, "lstm")
        #expect(object.contains("Type:        LSTM"))
        #expect(object.contains("String form: <LSTM name=lstm, built=True>"))
        #expect(object.contains("Signature:   lstm(inputs, initial_state=None, mask=None, training=None)"))
        #expect(object.contains("Docstring:   Long Short-Term Memory layer"))
        #expect(inspect(s, "lstm.count_params").contains("Signature: count_params()"))
        #expect(inspect(s, "lstm.set_weights").contains("Signature: set_weights(weights)"))
        #expect(inspect(s, "model.summary").contains("Signature: summary(line_length=None, positions=None, print_fn=None)"))
        #expect(inspect(s, "model").contains("String form: <Sequential name=sequential, built=True>"))
        #expect(inspect(s, "lstm.weights").contains("<KerasVariable shape=(10, 80), dtype=float32, path=lstm/lstm_cell/kernel>"))
        // Inside a call's parentheses Shift-Tab shows the callee.
        #expect(inspect(s, "tf.keras.layers.LSTM(20, ").contains("Init signature: LSTM(units"))
    }

    @Test func helpPagesTheLayerDocs() {
        let s = KerasInspectionTests.session()
        let (_, r) = run("help(tf.keras.layers.Bidirectional)", in: s)
        guard case .ok(nil, let pages) = r, let text = pages.first?["text/plain"] else { Issue.record("no page"); return }
        #expect(text.contains("Bidirectional wrapper for RNNs"))
    }
}

/// Each session has its own Keras state; nothing leaks between notebooks.
@Suite struct KerasSessionStateTests {
    @Test func sessionsNameAndSeedIndependently() {
        let a = NotebookSession(), b = NotebookSession()
        let make = "import tensorflow as tf\ntf.random.set_seed(5)\nl = tf.keras.layers.Dense(3)\nl.build((None, 2))\nprint(l.name, l.get_weights()[0].tolist())"
        let (outA, _) = run(make, in: a)
        _ = run("import keras\nkeras.layers.Dense(1)\nkeras.layers.Dense(1)", in: b)
        let (outB, _) = run(make, in: b)
        #expect(outA.hasPrefix("dense ["))
        #expect(outB.hasPrefix("dense_2 ["))
        // Same seed, same draws: the weights agree although the names differ.
        #expect(outA.dropFirst("dense ".count) == outB.dropFirst("dense_2 ".count))
    }

    @Test func hugeSizesAreErrorsNotTraps() {
        let s = NotebookSession()
        _ = run("import tensorflow as tf\nimport numpy as np", in: s)
        #expect(run("tf.keras.layers.LSTM(2**62)", in: s).1.errorLine == "ValueError: LSTM: `units`=4611686018427387904 is too large; weights are limited to 2147483648 elements")
        #expect(run("tf.keras.utils.to_categorical([2**62])", in: s).1.errorLine == "IndexError: index 4611686018427387904 is out of bounds for axis 1 with size 2147483649")
        #expect(run("tf.keras.utils.to_categorical([1], num_classes=-9223372036854775807 - 1)", in: s).1.errorLine == "ValueError: num_classes must be non-negative, got -9223372036854775808")
        let predict = "m = tf.keras.Sequential([tf.keras.Input(shape=(2, 3)), tf.keras.layers.SimpleRNN(2)])\nm.predict(np.zeros((3, 2, 3)), batch_size=9223372036854775807).shape"
        #expect(run(predict, in: s).1.valueText == "(3, 2)")
        #expect(run("m.summary(line_length=10**18)", in: s).1.errorLine == "ValueError: summary(line_length=1000000000000000000): expected a width between 1 and 10000 characters")
    }
}
