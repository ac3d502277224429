extension Value {
    /// The MIME bundle a value shows as output (nil for None, which shows nothing).
    static func displayBundle(of value: Value) throws -> [String: String]? {
        switch value {
        case .none: return nil
        case .object(let object): return try object.displayBundle()
        default: return ["text/plain": try value.repr()]
        }
    }
}
