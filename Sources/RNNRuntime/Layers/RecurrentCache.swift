// Shape key: B = batch, T = timesteps, F = features, H = units, G = gates (SimpleRNN 1, GRU 3, LSTM 4).
//
// The cell kinds a RecurrentLayer runs, and what its forward pass keeps for backward: the input,
// post-activation gates per step, every h (and c) including the initial one, and the mask.

/// Which recurrence a `RecurrentLayer` runs.
public enum RecurrentCellKind: Equatable, Sendable {
    case simpleRNN
    case lstm
    case gru(resetAfter: Bool)

    /// Gates per cell (G).
    public var gateCount: Int {
        switch self { case .simpleRNN: return 1; case .lstm: return 4; case .gru: return 3 }
    }
    /// States carried between steps (LSTM: h, c).
    public var stateCount: Int { self == .lstm ? 2 : 1 }
    public var className: String {
        switch self { case .simpleRNN: return "SimpleRNN"; case .lstm: return "LSTM"; case .gru: return "GRU" }
    }
}

/// What a forward pass saved for the backward pass (processing order, s = 0..<T).
public struct RecurrentCache {
    public let batch: Int, timesteps: Int, features: Int
    /// The input as float32 (B, T, F).
    public let input: [Float]
    /// Post-activation gates per step, (T, B, G*H). LSTM i, f, g(tanh), o; GRU z, r, hh; SimpleRNN h.
    public let gates: [Float]
    /// h before and after every step, (T+1, B, H); index 0 is the initial state.
    public let hs: [Float]
    /// LSTM cell states, (T+1, B, H); empty otherwise.
    public let cs: [Float]
    /// GRU reset_after=True: h·U_h + b_rec_h per step (T, B, H); reset_after=False: r⊙h per step.
    public let candidateRecurrent: [Float]
    /// The mask (B, T) as 0/1 in time order, if one was given.
    public let mask: [Float]?
    /// Keras `dropout` in training: the (B, F) multipliers (0 or 1/(1 - rate)) `input` was scaled
    /// by, the same at every step (Recurrent+Dropout.swift); nil when no dropout was applied.
    public var inputDropoutScale: [Float]? = nil
}
