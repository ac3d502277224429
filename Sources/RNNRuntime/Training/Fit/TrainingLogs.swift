// Keras' `logs` dict: metric name -> value, in the order Keras 3 (JAX backend) reports them. The
// train step's logs come back through a JAX pytree, which sorts dict keys, so a fit with
// metrics=['accuracy'] logs `accuracy`, `loss`, then `val_accuracy`, `val_loss` (evaluate's sorted
// logs, prefixed). Values are float32 numbers (Keras' metric variables) held as Double.

/// An ordered name -> value list: what callbacks receive and what `evaluate` returns.
public struct TrainingLogs: Sequence, Equatable, Sendable, CustomStringConvertible {
    /// One named value.
    public struct Entry: Equatable, Sendable {
        public var name: String
        public var value: Double
    }

    /// The entries in display order.
    public private(set) var entries: [Entry] = []

    public init() {}

    /// Entries in the given order.
    public init(_ pairs: [(String, Double)]) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The value of `name` (nil when absent); setting appends a new name at the end.
    public subscript(name: String) -> Double? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(name: name, value: newValue))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }
    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }
    public func makeIterator() -> IndexingIterator<[Entry]> { entries.makeIterator() }

    /// The same entries sorted by name (the JAX pytree order of a logs dict).
    public func sortedByName() -> TrainingLogs {
        var l = TrainingLogs()
        l.entries = entries.sorted { $0.name < $1.name }
        return l
    }

    /// These entries followed by `other`'s, each name prefixed (`val_`).
    public func appending(_ other: TrainingLogs, prefix: String) -> TrainingLogs {
        var l = self
        for e in other.entries { l[prefix + e.name] = e.value }
        return l
    }

    /// `{'accuracy': 0.5, 'loss': 1.25}`, Python's dict repr of the float32 values.
    public var description: String {
        "{" + entries.map { "'\($0.name)': \(pythonFloat($0.value))" }.joined(separator: ", ") + "}"
    }
}

/// Python's `repr(float)` of a Double (shortest round-trip digits; `nan`, `inf`).
func pythonFloat(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let s = "\(x)"          // Swift's description is shortest round-trip, like Python's repr
    if s.contains("e") {
        // Swift "1e-05" / "1.5e+20" vs Python "1e-05" / "1.5e+20": same except Swift omits "+".
        let parts = s.split(separator: "e", maxSplits: 1)
        var exp = String(parts[1])
        let negative = exp.hasPrefix("-")
        if negative || exp.hasPrefix("+") { exp.removeFirst() }
        if exp.count < 2 { exp = "0" + exp }
        return "\(parts[0])e\(negative ? "-" : "+")\(exp)"
    }
    return s
}

/// A running mean as a Keras `Mean` metric with per-update weights (the loss tracker: each batch's
/// loss weighted by its batch size).
struct RunningMean {
    private(set) var total = 0.0
    private(set) var count = 0.0
    mutating func add(_ value: Double, weight: Double) { total += value * weight; count += weight }
    mutating func reset() { total = 0; count = 0 }
    /// total / count rounded to float32 as Keras' variables are; 0 before any update.
    var result: Double { count == 0 ? 0 : Double(Float(total / count)) }
}
