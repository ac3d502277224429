// The fast forward (RecurrentForward) against a plain float64 loop, at sizes the Keras fixtures
// do not reach: units that are not a multiple of 8 or 16, the team split (units over threads,
// packed recurrent kernel), masks and go_backwards. Every cache buffer is compared, not only h.

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import RNNRuntime

/// Cache buffers of the float64 reference, in RecurrentCache's layouts.
private struct Reference { var gates: [Double], hs: [Double], cs: [Double], cand: [Double] }

private func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

/// The Keras equations, step by step, in float64 (x (B,T,F), W (F,GH), U (H,GH), bias as `run` takes it).
private func reference(_ kind: RecurrentCellKind, B: Int, T: Int, F: Int, H: Int, backwards: Bool,
                       x: [Float], w: [Float], u: [Float], bias: [Float], mask: [Float]?) -> Reference {
    let G = kind.gateCount, GH = G * H
    var r = Reference(gates: [Double](repeating: 0, count: T * B * GH), hs: [Double](repeating: 0, count: (T + 1) * B * H),
                      cs: [Double](repeating: 0, count: kind == .lstm ? (T + 1) * B * H : 0),
                      cand: [Double](repeating: 0, count: G == 3 ? T * B * H : 0))
    for s in 0..<T {
        let t = backwards ? T - 1 - s : s
        for b in 0..<B {
            let valid = mask.map { $0[b * T + t] != 0 } ?? true
            let hp = Array(r.hs[(s * B + b) * H..<(s * B + b + 1) * H])
            func xw(_ c: Int) -> Double { (0..<F).reduce(Double(bias[c])) { $0 + Double(x[(b * T + t) * F + $1]) * Double(w[$1 * GH + c]) } }
            func hu(_ c: Int, _ h: [Double]) -> Double { (0..<H).reduce(0) { $0 + h[$1] * Double(u[$1 * GH + c]) } }
            let g0 = (s * B + b) * GH, hOut = ((s + 1) * B + b) * H
            for j in 0..<H {
                var hNew = 0.0
                switch kind {
                case .simpleRNN:
                    hNew = tanh(xw(j) + hu(j, hp)); r.gates[g0 + j] = hNew
                case .lstm:
                    let i = sigmoid(xw(j) + hu(j, hp)), f = sigmoid(xw(H + j) + hu(H + j, hp))
                    let g = tanh(xw(2 * H + j) + hu(2 * H + j, hp)), o = sigmoid(xw(3 * H + j) + hu(3 * H + j, hp))
                    for (k, v) in [i, f, g, o].enumerated() { r.gates[g0 + k * H + j] = v }
                    let cp = r.cs[(s * B + b) * H + j], c = f * cp + i * g
                    r.cs[hOut + j] = valid ? c : cp
                    hNew = o * tanh(c)
                case .gru(resetAfter: true):
                    let rz = hu(j, hp) + Double(bias[GH + j]), rr = hu(H + j, hp) + Double(bias[GH + H + j])
                    let rh = hu(2 * H + j, hp) + Double(bias[GH + 2 * H + j])
                    let z = sigmoid(xw(j) + rz), reset = sigmoid(xw(H + j) + rr), hh = tanh(xw(2 * H + j) + reset * rh)
                    r.cand[(s * B + b) * H + j] = rh
                    for (k, v) in [z, reset, hh].enumerated() { r.gates[g0 + k * H + j] = v }
                    hNew = z * hp[j] + (1 - z) * hh
                case .gru(resetAfter: false):
                    let rh = (0..<H).map { sigmoid(xw(H + $0) + hu(H + $0, hp)) * hp[$0] }
                    let z = sigmoid(xw(j) + hu(j, hp)), reset = sigmoid(xw(H + j) + hu(H + j, hp))
                    let hh = tanh(xw(2 * H + j) + hu(2 * H + j, rh))
                    r.cand[(s * B + b) * H + j] = rh[j]
                    for (k, v) in [z, reset, hh].enumerated() { r.gates[g0 + k * H + j] = v }
                    hNew = z * hp[j] + (1 - z) * hh
                }
                r.hs[hOut + j] = valid ? hNew : hp[j]
            }
        }
    }
    return r
}

private func worstExcess(_ a: [Float], _ b: [Double]) -> Double {
    guard a.count == b.count else { return .infinity }
    return zip(a, b).reduce(0) { Swift.max($0, Swift.abs(Double($1.0) - $1.1) - (2e-6 + 1e-5 * Swift.abs($1.1))) }
}

@Suite struct RecurrentForwardTests {
    static let kinds: [RecurrentCellKind] = [.lstm, .gru(resetAfter: true), .gru(resetAfter: false), .simpleRNN]

    @Test(arguments: kinds, [false, true])
    func teamSplitMatchesReference(_ kind: RecurrentCellKind, _ backwards: Bool) throws {
        let B = 3, T = 5, F = 6, H = 45, G = kind.gateCount, GH = G * H
        let rng = RandomState(seed: 11)
        func values(_ n: Int, _ scale: Float) throws -> [Float] { try rng.randn([n]).floats.map { $0 * scale } }
        let x = try values(B * T * F, 1), w = try values(F * GH, 0.3), u = try values(H * GH, 0.15)
        let bias = try values(kind == .gru(resetAfter: true) ? 2 * GH : GH, 0.5)
        var mask = [Float](repeating: 1, count: B * T)
        mask[0 * T + 1] = 0; mask[2 * T + 3] = 0; mask[2 * T + 4] = 0
        let ref = reference(kind, B: B, T: T, F: F, H: H, backwards: backwards, x: x, w: w, u: u, bias: bias, mask: mask)
        let run = RecurrentForward(kind: kind, batch: B, timesteps: T, features: F, units: H, goBackwards: backwards)
        let size = ThreadTeam.shared.size
        let plans = [RecurrentForward.Plan(members: 1, splitsBatch: false),
                     RecurrentForward.Plan(members: size, splitsBatch: false),
                     RecurrentForward.Plan(members: size, splitsBatch: true)]
        for plan in plans {
            let packed = plan.members > 1 && !plan.splitsBatch ? run.packRecurrentKernel(u, members: plan.members) : nil
            let out = run.run(input: x, kernel: w, recurrentKernel: u, packed: packed, plan: plan,
                              bias: bias, mask: mask, h0: nil, c0: nil)
            let label = "\(kind) \(plan)"
            #expect(worstExcess(out.hs, ref.hs) <= 0, "\(label): hs")
            #expect(worstExcess(out.cs, ref.cs) <= 0, "\(label): cs")
            #expect(worstExcess(out.gates, ref.gates) <= 0, "\(label): gates")
            #expect(worstExcess(out.candidate, ref.cand) <= 0, "\(label): candidate")
        }
    }

    @Test func unitRangesCoverEveryUnitOnce() {
        for units in [1, 7, 16, 45, 256, 1000] {
            for m in 1...4 {
                let run = RecurrentForward(kind: .lstm, batch: 1, timesteps: 1, features: 1, units: units, goBackwards: false)
                let ranges = (0..<m).map { run.unitRange($0, of: m) }
                #expect(ranges.map(\.count).reduce(0, +) == units)
                for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
                if m > 1 { #expect(ranges.filter { !$0.isEmpty }.allSatisfy { $0.lowerBound % 16 == 0 }) }
            }
        }
    }

    @Test func plansFollowTheShape() {
        let team = 2
        // Tiny: one thread. LSTM(256) on batch 64: U is 1 MB, split by batch rows. LSTM(1024): by units.
        #expect(RecurrentForward.plan(batch: 3, timesteps: 2, units: 20, gateCount: 4, teamSize: team).members == 1)
        #expect(RecurrentForward.plan(batch: 64, timesteps: 100, units: 256, gateCount: 4, teamSize: team)
                == .init(members: 2, splitsBatch: true))
        #expect(RecurrentForward.plan(batch: 64, timesteps: 100, units: 1024, gateCount: 4, teamSize: team)
                == .init(members: 2, splitsBatch: false))
        #expect(RecurrentForward.plan(batch: 64, timesteps: 100, units: 256, gateCount: 4, teamSize: 1).members == 1)
    }

    @Test(arguments: [128, 600])
    func largeLayerUsesTheTeamAndMatchesOneThread(_ units: Int) throws {
        // Big enough for the team (128 units: split by batch rows; 600: by units), a whole layer call
        // against the one-member run.
        let B = 32, T = 12, F = 16
        let lstm = try LSTM(units: units, returnSequences: true, inputDim: F)
        let x = try RandomState(seed: 12).randn([B, T, F])
        let plan = RecurrentForward.plan(batch: B, timesteps: T, units: units, gateCount: 4, teamSize: ThreadTeam.shared.size)
        #expect(plan.members == ThreadTeam.shared.size)
        let out = try lstm(x)[0]
        let run = RecurrentForward(kind: .lstm, batch: B, timesteps: T, features: F, units: units, goBackwards: false)
        let single = run.run(input: x.floats, kernel: lstm.kernel!.floats, recurrentKernel: lstm.recurrentKernel!.floats,
                             packed: nil, plan: .init(members: 1, splitsBatch: false), bias: lstm.bias!.floats,
                             mask: nil, h0: nil, c0: nil)
        var worst: Float = 0
        for b in 0..<B {
            for s in 0..<T {
                for j in 0..<units {
                    worst = Swift.max(worst, Swift.abs(out.floats[(b * T + s) * units + j] - single.hs[((s + 1) * B + b) * units + j]))
                }
            }
        }
        #expect(worst < 1e-5)
    }
}
