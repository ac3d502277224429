// Losses, metrics and optimizers against Keras 3 (TrainingFixtures/, made by
// tools/make_training_fixtures.py): loss values and d loss / d y_pred, metric results over
// batches, and variables after each of four optimizer steps on stored gradients.

import Foundation
import Testing
@testable import RNNRuntime

let trainingFixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TrainingFixtures").path

let trainingManifest: [String: Any] = {
    let data = try! Data(contentsOf: URL(fileURLWithPath: trainingFixtureDirectory + "/manifest.json"))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}()

func trainingCases(_ group: String) -> [[String: Any]] { trainingManifest[group] as! [[String: Any]] }
func trainingArrays(_ group: String) throws -> [String: Tensor] { try NPYReader.load(npz: trainingFixtureDirectory + "/\(group).npz") }

/// Builds the Swift optimizer for a manifest case (`class`, Keras `kwargs`).
func makeOptimizer(_ c: [String: Any]) throws -> Optimizer {
    let kw = c["kwargs"] as! [String: Any]
    func d(_ k: String) -> Double? { (kw[k] as? NSNumber)?.doubleValue }
    func b(_ k: String) -> Bool { (kw[k] as? Bool) ?? false }
    switch c["class"] as! String {
    case "SGD":
        return try SGD(learningRate: d("learning_rate") ?? 0.01, momentum: d("momentum") ?? 0, nesterov: b("nesterov"),
                       clipnorm: d("clipnorm"), globalClipnorm: d("global_clipnorm"), clipvalue: d("clipvalue"))
    case "Adam":
        return try Adam(learningRate: d("learning_rate") ?? 0.001, beta1: d("beta_1") ?? 0.9, beta2: d("beta_2") ?? 0.999,
                        epsilon: d("epsilon") ?? 1e-7, amsgrad: b("amsgrad"),
                        clipnorm: d("clipnorm"), globalClipnorm: d("global_clipnorm"), clipvalue: d("clipvalue"))
    case "RMSprop":
        return try RMSprop(learningRate: d("learning_rate") ?? 0.001, rho: d("rho") ?? 0.9, momentum: d("momentum") ?? 0,
                           epsilon: d("epsilon") ?? 1e-7, centered: b("centered"),
                           clipnorm: d("clipnorm"), globalClipnorm: d("global_clipnorm"), clipvalue: d("clipvalue"))
    case "Adagrad":
        return try Adagrad(learningRate: d("learning_rate") ?? 0.001, initialAccumulatorValue: d("initial_accumulator_value") ?? 0.1,
                           epsilon: d("epsilon") ?? 1e-7,
                           clipnorm: d("clipnorm"), globalClipnorm: d("global_clipnorm"), clipvalue: d("clipvalue"))
    default: fatalError("unknown optimizer class")
    }
}

@Suite struct TrainingFixtureTests {
    @Test(arguments: trainingCases("losses").map { $0["name"] as! String })
    func lossMatchesKeras(_ name: String) throws {
        let c = trainingCases("losses").first { $0["name"] as! String == name }!
        let a = try trainingArrays("losses")
        let loss = try Loss(named: c["loss"] as! String, fromLogits: c["from_logits"] as! Bool,
                            reduction: Loss.Reduction(rawValue: c["reduction"] as! String)!)
        let yTrue = a["\(name)/y_true"]!, yPred = a["\(name)/y_pred"]!
        let (value, cache) = try loss.forward(yTrue, yPred, sampleWeight: a["\(name)/sample_weight"], mask: a["\(name)/mask"])
        let (ok, err) = allClose(value, a["\(name)/loss"]!, atol: 1e-6, rtol: 1e-5)
        #expect(ok, "\(name) loss \(value.floats) vs \(a["\(name)/loss"]!.floats), error \(err)")
        let grad = try loss.backward(Tensor(Float(1)), cache: cache)
        let (gok, gabs, grel) = gradientsClose(grad, a["\(name)/grad"]!, atol: 1e-6, rtol: 1e-4)
        #expect(gok, "\(name) gradient: worst abs \(gabs), rel \(grel)")
    }

    @Test(arguments: trainingCases("metrics").map { $0["name"] as! String })
    func metricMatchesKeras(_ name: String) throws {
        let c = trainingCases("metrics").first { $0["name"] as! String == name }!
        let a = try trainingArrays("metrics")
        let metric = try Metric(named: c["identifier"] as! String)
        for i in 0..<(c["batches"] as! Int) {
            try metric.update(a["\(name)/y_true_\(i)"]!, a["\(name)/y_pred_\(i)"]!)
        }
        let expected = a["\(name)/result"]!.floats[0]
        #expect(abs(metric.result - expected) <= 1e-6 * max(1, abs(expected)), "\(name): \(metric.result) vs \(expected)")
        let kerasClass = c["keras_class"] as! String
        let resolved: [Metric.Kind: String] = [.binaryAccuracy: "BinaryAccuracy", .categoricalAccuracy: "CategoricalAccuracy",
                                               .sparseCategoricalAccuracy: "SparseCategoricalAccuracy", .loss: kerasClass]
        #expect(resolved[metric.kind!] == kerasClass, "\(name) resolved to \(metric.kind!)")
    }

    @Test(arguments: trainingCases("optimizers").map { $0["name"] as! String })
    func optimizerMatchesKeras(_ name: String) throws {
        let c = trainingCases("optimizers").first { $0["name"] as! String == name }!
        let a = try trainingArrays("optimizers")
        let optimizer = try makeOptimizer(c)
        let count = (c["variable_shapes"] as! [Any]).count
        let variables = try (0..<count).map { try Variable(a["\(name)/var_\($0)/initial"]!, name: "v\($0)") }
        let change = c["learning_rate_change"] as? [String: Any]
        for step in 0..<(c["steps"] as! Int) {
            if let change, change["before_step"] as! Int == step {
                optimizer.learningRate = Float((change["learning_rate"] as! NSNumber).doubleValue)
            }
            try optimizer.applyGradients((0..<count).map { (a["\(name)/grad_\(step)_\($0)"]!, variables[$0]) })
            for (j, v) in variables.enumerated() {
                let (ok, err) = allClose(v.value, a["\(name)/var_\(j)/after_\(step)"]!, atol: 1e-6, rtol: 1e-5)
                #expect(ok, "\(name) step \(step) variable \(j): error \(err)")
            }
        }
        #expect(optimizer.iterations == c["iterations"] as! Int)
    }
}
