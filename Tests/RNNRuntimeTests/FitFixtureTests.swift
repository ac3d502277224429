// compile/fit/evaluate/predict against Keras 3 (FitFixtures/, made by tools/make_fit_fixtures.py):
// the same model, initial weights, data and shuffle=False must give Keras' History (every key, in
// Keras' order, every epoch), the final weights, evaluate's list and predict's output. Covers
// validation_split (last fraction), validation_data, a partial last batch, the Embedding mask
// reaching loss and accuracy, SGD with momentum, Adam, RMSprop, Adagrad, a loss-named metric.
// Training accuracy with a mask: the mask-aware value (Keras' TF/torch trainers), not the JAX
// trainer's (which loses the mask). Also the progress text: Keras' Progbar driven through recorded update sequences.

import Foundation
import Testing
@testable import RNNRuntime

let fitFixtureDirectory = Bundle.module.resourcePath! + "/FitFixtures"
let fitManifest: [String: Any] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: fitFixtureDirectory + "/manifest.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()
let fitCases = fitManifest["cases"] as! [[String: Any]]
let fitCaseNames = fitCases.map { $0["name"] as! String }
let progbarCases = fitManifest["progbar"] as! [[String: Any]]
let progbarCaseNames = progbarCases.map { $0["name"] as! String }

/// A Keras optimizer spec {"class", "kwargs"} as a runtime optimizer.
func kerasOptimizer(_ spec: [String: Any]) throws -> Optimizer {
    let kw = spec["kwargs"] as? [String: Any] ?? [:]
    let lr = kw["learning_rate"] as! Double
    switch spec["class"] as! String {
    case "Adam": return try Adam(learningRate: lr)
    case "SGD": return try SGD(learningRate: lr, momentum: kw["momentum"] as? Double ?? 0)
    case "RMSprop": return try RMSprop(learningRate: lr)
    case "Adagrad": return try Adagrad(learningRate: lr)
    default: throw TensorError(.valueError, "unsupported optimizer \(spec)")
    }
}

/// |a - b| <= atol + rtol·|b| elementwise; the worst error.
func closeValues(_ a: [Double], _ b: [Double], atol: Double = 2e-5, rtol: Double = 2e-4) -> (Bool, Double) {
    guard a.count == b.count else { return (false, .infinity) }
    var worst = 0.0
    for (x, y) in zip(a, b) { worst = max(worst, abs(x - y)); if !(abs(x - y) <= atol + rtol * abs(y)) { return (false, abs(x - y)) } }
    return (true, worst)
}

@Suite struct FitFixtureTests {
    @Test(arguments: fitCaseNames)
    func fitMatchesKeras(_ name: String) throws {
        let c = fitCases.first { $0["name"] as! String == name }!
        let arrays = try NPYReader.load(npz: fitFixtureDirectory + "/" + (c["file"] as! String))
        let x = arrays["x"]!, y = arrays["y"]!
        let namer = LayerNamer()
        let model = try Sequential(layers: [try InputLayer(shape: SymbolicShape.of(Array(x.shape.dropFirst())),
                                                           dtype: x.dtype == .float32 ? .float32 : .int64)]
                                   + (c["layers"] as! [[String: Any]]).map { try KerasSpec.make($0, namer: namer) })
        let weightCount = model.weights.count
        try model.setWeights((0..<weightCount).map { arrays["weight_\($0)"]! })
        let compile = c["compile"] as! [String: Any]
        model.compile(optimizer: try kerasOptimizer(compile["optimizer"] as! [String: Any]),
                      loss: try Loss(named: compile["loss"] as! String),
                      metrics: try (compile["metrics"] as? [String] ?? []).map { try Metric(named: $0) })
        let fit = c["fit"] as! [String: Any]
        let validation = (c["validation_data"] as! Bool) ? (x: arrays["val_x"]!, y: arrays["val_y"]!) : nil
        let history = try model.fit(x, y, batchSize: fit["batch_size"] as? Int, epochs: fit["epochs"] as! Int, verbose: 0,
                                    validationSplit: fit["validation_split"] as? Double ?? 0, validationData: validation,
                                    shuffle: false, initialEpoch: fit["initial_epoch"] as? Int ?? 0)

        let keys = c["history_keys"] as! [String]
        #expect(history.keys == keys, "\(name): history keys")
        #expect(model.history === history)
        var expected = c["history"] as! [String: [Double]]
        // Keras' JAX trainer drops the output mask before its training metrics (see the generator);
        // the runtime applies it as the TF/torch trainers and evaluate do: the recomputed values.
        if let masked = c["training_accuracy_with_mask"] as? [Double] {
            #expect(masked != expected["accuracy"], "\(name): the mask changes the accuracy here")
            expected["accuracy"] = masked
        }
        for k in keys {
            let (ok, worst) = closeValues(history[k] ?? [], expected[k]!)
            #expect(ok, "\(name) history['\(k)']: \(history[k] ?? []) vs Keras \(expected[k]!) (worst \(worst))")
        }
        for (i, w) in model.weights.enumerated() {
            let (ok, abs, rel) = gradientsClose(w, arrays["final_\(i)"]!, atol: 2e-5, rtol: 2e-4)
            #expect(ok, "\(name) final weight \(i): worst abs \(abs), rel \(rel)")
        }
        let evaluate = model.orderedValues(try model.evaluate(x, y, batchSize: fit["batch_size"] as? Int, verbose: 0))
        let (ok, worst) = closeValues(evaluate, c["evaluate"] as! [Double])
        #expect(ok, "\(name) evaluate: \(evaluate) vs Keras \(c["evaluate"]!) (worst \(worst))")
        let predicted = try model.predict(x, verbose: 0)
        #expect(predicted.count == 1)
        let (pok, pabs, _) = gradientsClose(predicted[0], arrays["predict"]!, atol: 2e-5, rtol: 2e-4)
        #expect(pok, "\(name) predict: worst abs \(pabs)")
    }

    /// Keras' Progbar text and redraw decisions, replayed through ProgressTimer + ProgressLine.
    @Test(arguments: progbarCaseNames)
    func progressTextMatchesKeras(_ name: String) throws {
        let c = progbarCases.first { $0["name"] as! String == name }!
        let target = c["target"] as! Int, verbose = c["verbose"] as! Int
        var timer = ProgressTimer(now: c["start"] as! Double)
        let updates = c["updates"] as! [[String: Any]]
        #expect(!updates.isEmpty)
        for u in updates {
            let now = u["time"] as! Double, current = u["current"] as! Int, finalize = u["finalize"] as! Bool
            let logs = TrainingLogs((u["values"] as! [[Any]]).map { pair in
                (pair[0] as! String, (pair[1] as? Double) ?? Double(pair[1] as! String)!)
            })
            let perStep = timer.timePerStep(current: current, now: now)
            let event = ProgressEvent(phase: .train, kind: finalize ? .end : .batch, epoch: 0, epochs: 1, step: current,
                                      steps: target, elapsed: now, timePerStep: perStep, logs: logs, verbose: verbose,
                                      redraw: verbose == 1 ? timer.redraw(now: now, finalize: finalize) : finalize)
            guard let printed = u["printed"] as? String else {
                #expect(!event.redraw || event.text() == nil, "\(name) step \(current): Keras printed nothing")
                continue
            }
            // Keras' redrawing: backspaces over the previous line, "\r", padding spaces, "\n" at the end.
            var visible = Substring(printed)
            while let f = visible.first, f == "\u{8}" || f == "\r" { visible.removeFirst() }
            while let l = visible.last, l == "\n" || l == " " { visible.removeLast() }
            let plain = visible.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression)
            #expect(event.redraw, "\(name) step \(current): Keras redrew here")
            #expect(event.text(styled: true) == String(visible), "\(name) step \(current) styled:\n\(event.text(styled: true) ?? "nil")\n\(visible)")
            #expect(event.text() == plain, "\(name) step \(current):\n\(event.text() ?? "nil")\n\(plain)")
        }
    }
}
