import Synchronization

/// Keras attributes (`name`, `trainable`, built for weightless layers) of the layer classes that
/// predate `KerasLayer` and have no stored property for them.
///
/// Why a side table: those classes live in files other helpers are changing (Recurrent.swift,
/// Dense.swift, ...), and a Swift extension cannot add storage. Entries hold the layer weakly and
/// are keyed by its identity, so a freed layer's entry is never read by a new object that reuses
/// the address. When the classes gain `public var name`/`trainable`, their `+KerasLayer` files
/// switch to those and this table goes away.
final class LayerAttributeTable: Sendable {
    /// One layer's attributes.
    struct Attributes {
        var name: String
        var trainable = true
        var built = false
    }

    private struct Entry {
        weak var owner: AnyObject?
        var attributes: Attributes
    }

    private let entries = Mutex<[ObjectIdentifier: Entry]>([:])

    static let shared = LayerAttributeTable()

    /// The attributes of `layer`, created with `defaultName` on first use.
    func get(_ layer: AnyObject, defaultName: @autoclosure () -> String) -> Attributes {
        let key = ObjectIdentifier(layer)
        return entries.withLock { table in
            if let e = table[key], e.owner === layer { return e.attributes }
            let a = Attributes(name: defaultName())
            insert(&table, key, Entry(owner: layer, attributes: a))
            return a
        }
    }

    /// Changes the attributes of `layer` in place.
    func update(_ layer: AnyObject, defaultName: @autoclosure () -> String, _ change: (inout Attributes) -> Void) {
        let key = ObjectIdentifier(layer)
        entries.withLock { table in
            var e = table[key].flatMap { $0.owner === layer ? $0 : nil } ?? Entry(owner: layer, attributes: Attributes(name: defaultName()))
            change(&e.attributes)
            insert(&table, key, e)
        }
    }

    /// Inserts, dropping entries of freed layers whenever the table doubles.
    private func insert(_ table: inout [ObjectIdentifier: Entry], _ key: ObjectIdentifier, _ e: Entry) {
        table[key] = e
        if table.count >= 64 && table.count.nonzeroBitCount == 1 {
            table = table.filter { $0.value.owner != nil }
        }
    }
}
