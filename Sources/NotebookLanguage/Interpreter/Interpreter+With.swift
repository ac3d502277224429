/// `with` statements: Python's context manager protocol over user classes and native objects.
extension Interpreter {
    /// Runs `with item, rest...: body` as nested single-item statements (Python's own expansion).
    func execWith(_ items: ArraySlice<WithItem>, _ body: [Stmt], _ scope: Scope) throws -> Flow {
        guard let item = items.first else { return try exec(body, scope) }
        try checkStack()
        let manager = try eval(item.context, scope)
        let entered = try enterContext(manager)
        let flow: Flow
        do {
            if let target = item.target { try assignTarget(target, entered, scope) }
            flow = try execWith(items.dropFirst(), body, scope)
        } catch let error as PyException {
            if try exitContext(manager, error) { return .normal }
            throw error
        }
        // A normal end, `return`, `break` or `continue`: __exit__(None, None, None).
        _ = try exitContext(manager, nil)
        return flow
    }

    /// `__enter__()`: the value `as` binds.
    private func enterContext(_ manager: Value) throws -> Value {
        if case .object(let o) = manager, let v = try o.enter(interpreter: self) { return v }
        throw PyException(BuiltinTypes.typeError, "'\(manager.typeName)' object does not support the context manager protocol")
    }

    /// `__exit__(type, value, traceback)`; true when it asks to suppress `error`.
    private func exitContext(_ manager: Value, _ error: PyException?) throws -> Bool {
        guard case .object(let o) = manager else { return false }
        guard let error else { return try o.exit(error: nil, interpreter: self) }
        // While __exit__ runs, the exception is the one being handled (a bare `raise` re-raises it).
        handling.append(error)
        defer { handling.removeLast() }
        // The interrupt flag stays set until the cell ends; lift it while __exit__ runs so its
        // clean-up code gets to run, then set it again: the cell still stops.
        let interrupted = error.type === BuiltinTypes.keyboardInterrupt && interruptFlag.isSet
        if interrupted { interruptFlag.clear() }
        defer { if interrupted { interruptFlag.set() } }
        return try o.exit(error: error, interpreter: self)
    }
}
