// Builds runtime layers from the fixture manifest's Keras specs ({"class": ..., "kwargs": {...}})
// through the generic KerasLayer API, named by a LayerNamer as Keras would name them.

import Foundation
@testable import RNNRuntime

enum KerasSpec {
    /// The layer a spec describes; nested `layer` specs are built first (Keras order of naming).
    static func make(_ spec: [String: Any], namer: LayerNamer) throws -> any KerasLayer {
        let cls = spec["class"] as! String
        let kw = spec["kwargs"] as? [String: Any] ?? [:]
        func bool(_ k: String, _ d: Bool) -> Bool { (kw[k] as? Bool) ?? d }
        switch cls {
        case "Dense":
            return namer.name(try Dense(units: kw["units"] as! Int, activation: try Activation(keras: kw["activation"] as? String),
                                        useBias: bool("use_bias", true)))
        case "SimpleRNN", "LSTM", "GRU":
            let kind: RecurrentCellKind = cls == "LSTM" ? .lstm : cls == "GRU" ? .gru(resetAfter: bool("reset_after", true)) : .simpleRNN
            return namer.name(try RecurrentLayer(kind: kind, units: kw["units"] as! Int,
                                                 returnSequences: bool("return_sequences", false),
                                                 returnState: bool("return_state", false),
                                                 goBackwards: bool("go_backwards", false),
                                                 useBias: bool("use_bias", true),
                                                 stateful: bool("stateful", false)))
        case "Bidirectional":
            let inner = try make(kw["layer"] as! [String: Any], namer: namer) as! RecurrentLayer
            let mode = kw.keys.contains("merge_mode") ? ((kw["merge_mode"] as? String).flatMap(MergeMode.init(rawValue:)) ?? MergeMode.none) : .concat
            return namer.name(try Bidirectional(inner, mergeMode: mode))
        case "TimeDistributed":
            let inner = try make(kw["layer"] as! [String: Any], namer: namer)
            return namer.name(TimeDistributed(inner))
        case "Embedding":
            return namer.name(try Embedding(inputDim: kw["input_dim"] as! Int, outputDim: kw["output_dim"] as! Int,
                                            maskZero: bool("mask_zero", false)))
        case "Masking":
            return namer.name(Masking(maskValue: Float((kw["mask_value"] as? Double) ?? 0)))
        case "Dropout":
            return namer.name(try Dropout(rate: kw["rate"] as! Double))
        default:
            throw TensorError(.valueError, "unsupported layer \(cls)")
        }
    }

    /// A manifest shape (`null` = None).
    static func shape(_ json: Any) -> [Int?] { (json as! [Any]).map { $0 as? Int } }
}
