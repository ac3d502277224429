#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A variable scope: module globals, a function call's locals, or a comprehension.
final class Scope {
    var vars: [String: Value] = [:]
    let parent: Scope?
    let function: FunctionDef?
    /// Set while a `class` body runs in this scope: functions defined here become its methods.
    var definingClass: PyType?

    init(parent: Scope?, function: FunctionDef?) {
        self.parent = parent
        self.function = function
    }

    deinit {
        var values = Array(vars.values)
        vars = [:]
        Value.releaseIteratively(&values)
    }

    /// Binds a name; a replaced deep container is released without deep Swift recursion.
    func set(_ name: String, _ value: Value) {
        var old = vars.updateValue(value, forKey: name)
        if let o = old, o.isContainer {
            var items = [o]
            old = nil
            Value.releaseIteratively(&items)
        }
    }
}

/// One active call: its name and the line it is running (for tracebacks).
final class Frame {
    let name: String
    var line: Int
    let source: SourceText
    /// The user function running in this frame and its locals (for zero-argument `super()`).
    let function: PyFunction?
    let scope: Scope?

    init(name: String, line: Int, source: SourceText, function: PyFunction? = nil, scope: Scope? = nil) {
        self.name = name
        self.line = line
        self.source = source
        self.function = function
        self.scope = scope
    }
}

/// What a statement asks its enclosing block to do next.
enum Flow {
    case normal
    case breakLoop
    case continueLoop
    case returnValue(Value)
}

/// A thread-safe interrupt request flag.
final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
    func clear() { flag.store(false, ordering: .relaxed) }
}

/// Output that drops everything (before a cell runs, or for `evaluate`).
final class NullOutput: CellOutput {
    func write(_ text: String, stream: String) {}
    func display(_ bundle: [String: String], displayID: String?, update: Bool) {}
    func clearOutput(wait: Bool) {}
    func readLine(prompt: String, password: Bool) throws -> String { throw InputUnavailable.notAllowed }
}

/// The tree-walking evaluator. Builtins and native modules receive it to call back
/// (`interpreter.call(f, args)`), write output and iterate values.
public final class Interpreter {
    /// Where the running cell writes.
    public internal(set) var output: CellOutput = NullOutput()
    let globals = Scope(parent: nil, function: nil)
    var builtins: [String: Value] = [:]
    let modules: ModuleRegistry
    var loadedModules: [String: PyModule] = [:]
    var frames: [Frame] = []
    var pages: [[String: String]] = []
    let interruptFlag = InterruptFlag()
    var callDepth = 0
    var handling: [PyException] = []
    /// Lowest stack address usable before raising RecursionError.
    var stackLimit: UInt = 0
    /// Set while completion and inspection evaluate names: calling cell code (a property, a
    /// `__getattr__`, a `__repr__`) then raises instead, so a Tab press cannot hang the kernel.
    var forbidsUserCode = false
    /// Work a native module asks to run when each cell ends, by module (pyplot shows open figures).
    var cellEndHooks: [String: (Interpreter) -> Void] = [:]

    init(modules: ModuleRegistry) {
        self.modules = modules
        builtins = Builtins.make()
    }

    // MARK: Guards

    @inline(__always)
    func checkInterrupt() throws {
        if interruptFlag.isSet { throw PyException(BuiltinTypes.keyboardInterrupt, args: []) }
    }

    @inline(__always)
    func checkStack() throws {
        if stackLimit != 0 && StackBounds.currentAddress() < stackLimit {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
    }

    // MARK: Names

    func lookup(_ name: String, _ scope: Scope) throws -> Value {
        var s: Scope? = scope
        while let c = s {
            if let v = c.vars[name] { return v }
            s = c.parent
        }
        if scope !== globals, let v = globals.vars[name] { return v }
        if let v = builtins[name] { return v }
        if let f = scope.function, f.localNames.contains(name) {
            throw PyException(BuiltinTypes.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
        }
        let e = PyException(BuiltinTypes.nameError, "name '\(name)' is not defined")
        if let s = Suggestions.closest(to: name, in: visibleNames(scope)) {
            e.args = [.str("name '\(name)' is not defined. Did you mean: '\(s)'?")]
        }
        throw e
    }

    /// Every name visible from `scope` (locals, enclosing, globals, builtins).
    func visibleNames(_ scope: Scope) -> [String] {
        var names = Set<String>()
        var s: Scope? = scope
        while let c = s { names.formUnion(c.vars.keys); s = c.parent }
        names.formUnion(globals.vars.keys)
        names.formUnion(builtins.keys)
        return names.sorted()
    }

    func assign(_ name: String, _ value: Value, _ scope: Scope) {
        if let f = scope.function {
            if f.globalNames.contains(name) { globals.set(name, value); return }
            if f.nonlocalNames.contains(name) {
                var s = scope.parent
                while let c = s, c !== globals {
                    if c.vars[name] != nil { c.set(name, value); return }
                    s = c.parent
                }
            }
        }
        scope.set(name, value)
    }

    // MARK: Statements

    func exec(_ body: [Stmt], _ scope: Scope) throws -> Flow {
        for s in body {
            let f = try exec(s, scope)
            if case .normal = f { continue }
            return f
        }
        return .normal
    }

    func exec(_ stmt: Stmt, _ scope: Scope) throws -> Flow {
        try checkInterrupt()
        frames.last?.line = stmt.location.line
        do {
            return try execUnguarded(stmt, scope)
        } catch let e as PyException {
            if !e.tracebackCaptured {
                e.tracebackCaptured = true
                e.traceback = frames.map { TraceFrame(function: $0.name, line: $0.line, source: $0.source) }
            }
            throw e
        }
    }

    private func execUnguarded(_ stmt: Stmt, _ scope: Scope) throws -> Flow {
        switch stmt.kind {
        case .expression(let e):
            _ = try eval(e, scope)
        case .assign(let targets, let valueExpr):
            try execAssign(targets, valueExpr, scope)
        case .augmentedAssign(let target, let op, let valueExpr):
            try augmentedAssign(target, op, valueExpr, scope)
        case .ifElse(let branches, let orElse):
            return try execIf(branches, orElse, scope)
        case .whileLoop(let cond, let body, let orElse):
            return try execWhile(cond, body, orElse, scope)
        case .forLoop(let target, let iterableExpr, let body, let orElse):
            return try execFor(target, iterableExpr, body, orElse, scope)
        case .breakLoop: return .breakLoop
        case .continueLoop: return .continueLoop
        case .pass: break
        case .returnValue(let e):
            return try execReturn(e, scope)
        case .functionDef(let def):
            try execFunctionDef(def, scope)
        case .classDef(let def):
            try execClassDef(def, scope)
        case .with(let items, let body):
            return try execWith(items[...], body, scope)
        case .importModules(let names):
            try execImport(names, scope)
        case .importFrom(let path, let names):
            try execImportFrom(path, names, scope)
        case .delete(let targets):
            for t in targets { try deleteTarget(t, scope) }
        case .assert(let test, let message):
            try execAssert(test, message, scope)
        case .tryExcept(let body, let handlers, let orElse, let finally):
            return try execTry(body, handlers, orElse, finally, scope)
        case .raise(let e, let cause):
            try execRaise(e, cause, scope)
        case .global, .nonlocal:
            break
        }
        return .normal
    }

    @inline(never)
    private func execFunctionDef(_ def: FunctionDef, _ scope: Scope) throws {
        // Decorator expressions run first (top to bottom), then apply bottom-up.
        let decorators = try def.decorators.map { try eval($0, scope) }
        var value = try makeFunction(def, scope)
        for decorator in decorators.reversed() { value = try call(decorator, [value]) }
        assign(def.name, value, scope)
    }

    @inline(never)
    private func execAssign(_ targets: [Expr], _ valueExpr: Expr, _ scope: Scope) throws {
        let value = try eval(valueExpr, scope)
        for t in targets { try assignTarget(t, value, scope) }
    }

    @inline(never)
    private func execReturn(_ e: Expr?, _ scope: Scope) throws -> Flow {
        .returnValue(try e.map { try eval($0, scope) } ?? .none)
    }

    @inline(never)
    private func execIf(_ branches: [(condition: Expr, body: [Stmt])], _ orElse: [Stmt], _ scope: Scope) throws -> Flow {
        for b in branches where try truth(eval(b.condition, scope)) {
            return try exec(b.body, scope)
        }
        return try exec(orElse, scope)
    }

    @inline(never)
    private func execWhile(_ cond: Expr, _ body: [Stmt], _ orElse: [Stmt], _ scope: Scope) throws -> Flow {
        while try truth(eval(cond, scope)) {
            try checkInterrupt()
            switch try exec(body, scope) {
            case .breakLoop: return .normal
            case .returnValue(let v): return .returnValue(v)
            default: break
            }
        }
        return try exec(orElse, scope)
    }

    @inline(never)
    private func execFor(_ target: Expr, _ iterableExpr: Expr, _ body: [Stmt], _ orElse: [Stmt], _ scope: Scope) throws -> Flow {
        let it = try makeIterator(eval(iterableExpr, scope))
        while let v = try it.next() {
            try checkInterrupt()
            try assignTarget(target, v, scope)
            switch try exec(body, scope) {
            case .breakLoop: return .normal
            case .returnValue(let v): return .returnValue(v)
            default: break
            }
        }
        return try exec(orElse, scope)
    }

    @inline(never)
    private func execImport(_ names: [ImportName], _ scope: Scope) throws {
        for n in names {
            let module = try importModule(n.path)
            if let alias = n.alias {
                assign(alias, .module(module), scope)
            } else {
                assign(n.path[0], .module(try importModule([n.path[0]])), scope)
            }
        }
    }

    @inline(never)
    private func execImportFrom(_ path: [String], _ names: [(name: String, alias: String?)]?, _ scope: Scope) throws {
        let module = try importModule(path)
        guard let names else {
            for name in module.memberOrder where !name.hasPrefix("_") {
                if let v = module[name] { assign(name, v, scope) }
            }
            return
        }
        for (name, alias) in names {
            if let v = module[name] {
                assign(alias ?? name, v, scope)
            } else if let sub = try? importModule(path + [name]) {
                assign(alias ?? name, .module(sub), scope)
            } else if let explain = module.explainMissing {
                throw PyException(BuiltinTypes.importError, "cannot import name '\(name)' from '\(path.joined(separator: "."))' (\(explain(name)))")
            } else {
                throw PyException(BuiltinTypes.importError, "cannot import name '\(name)' from '\(path.joined(separator: "."))'"
                    + (Suggestions.closest(to: name, in: module.memberOrder).map { ". Did you mean: '\($0)'?" } ?? ""))
            }
        }
    }

    @inline(never)
    private func execAssert(_ test: Expr, _ message: Expr?, _ scope: Scope) throws {
        if try !truth(eval(test, scope)) {
            let args = try message.map { [try eval($0, scope)] } ?? []
            throw PyException(BuiltinTypes.assertionError, args: args)
        }
    }

    @inline(never)
    private func execRaise(_ e: Expr?, _ cause: Expr?, _ scope: Scope) throws {
        guard let e else {
            guard let current = handling.last else {
                throw PyException(BuiltinTypes.runtimeError, "No active exception to reraise")
            }
            throw current
        }
        _ = try cause.map { try eval($0, scope) }
        var v = try eval(e, scope)
        // `raise ValueError` instantiates the class (running a user class's __init__).
        if case .type(let t) = v, t.isException { v = try call(v, Arguments()) }
        switch v {
        case .exception(let ex):
            ex.tracebackCaptured = false
            throw ex
        default:
            throw PyException(BuiltinTypes.typeError, "exceptions must derive from BaseException")
        }
    }

    private func execTry(_ body: [Stmt], _ handlers: [ExceptHandler], _ orElse: [Stmt], _ finally: [Stmt],
                         _ scope: Scope) throws -> Flow {
        var result: Flow = .normal
        var pending: Error?
        do {
            var raised = false
            do {
                result = try exec(body, scope)
            } catch let e as PyException {
                raised = true
                guard let handler = try matchingHandler(e, handlers, scope) else { throw e }
                if let name = handler.name { assign(name, .exception(e), scope) }
                handling.append(e)
                defer {
                    handling.removeLast()
                    if let name = handler.name { scope.vars[name] = nil }
                }
                result = try exec(handler.body, scope)
            }
            if !raised, case .normal = result { result = try exec(orElse, scope) }
        } catch {
            pending = error
        }
        if !finally.isEmpty {
            let f = try exec(finally, scope)
            if case .normal = f {} else { return f }
        }
        if let pending { throw pending }
        return result
    }

    private func matchingHandler(_ e: PyException, _ handlers: [ExceptHandler], _ scope: Scope) throws -> ExceptHandler? {
        for h in handlers {
            guard let typeExpr = h.type else { return h }
            let t = try eval(typeExpr, scope)
            var types: [Value] = []
            if case .tuple(let ts) = t { types = ts } else { types = [t] }
            for candidate in types {
                guard case .type(let ct) = candidate, ct.isException else {
                    throw PyException(BuiltinTypes.typeError, "catching classes that do not inherit from BaseException is not allowed")
                }
                if e.type.isSubtype(of: ct) { return h }
            }
        }
        return nil
    }

    func makeFunction(_ def: FunctionDef, _ scope: Scope) throws -> Value {
        var defaults: [String: Value] = [:]
        for p in def.parameters {
            if let d = p.defaultValue { defaults[p.name] = try eval(d, scope) }
        }
        guard let cls = scope.definingClass else {
            return .function(PyFunction(definition: def, closure: scope, defaults: defaults))
        }
        // A method does not see the class body's names (Python's class scope rule).
        let f = PyFunction(definition: def, closure: scope.parent ?? globals, defaults: defaults)
        f.definingClass = cls
        f.qualifiedName = (cls.nestedName ?? cls.name) + "." + def.name
        return .function(f)
    }

    // MARK: Targets

    func assignTarget(_ target: Expr, _ value: Value, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n):
            assign(n, value, scope)
        case .tuple(let targets), .list(let targets):
            let values = try toArray(value)
            if let star = targets.firstIndex(where: { if case .starred = $0.kind { return true }; return false }) {
                let after = targets.count - star - 1
                guard values.count >= targets.count - 1 else {
                    throw PyException(BuiltinTypes.valueError, "not enough values to unpack (expected at least \(targets.count - 1), got \(values.count))")
                }
                for i in 0..<star { try assignTarget(targets[i], values[i], scope) }
                if case .starred(let inner) = targets[star].kind {
                    try assignTarget(inner, .list(Array(values[star..<(values.count - after)])), scope)
                }
                for i in 0..<after { try assignTarget(targets[star + 1 + i], values[values.count - after + i], scope) }
                return
            }
            if values.count < targets.count {
                throw PyException(BuiltinTypes.valueError, "not enough values to unpack (expected \(targets.count), got \(values.count))")
            }
            if values.count > targets.count {
                throw PyException(BuiltinTypes.valueError, "too many values to unpack (expected \(targets.count))")
            }
            for (t, v) in zip(targets, values) { try assignTarget(t, v, scope) }
        case .attribute(let objExpr, let name):
            try setAttribute(try eval(objExpr, scope), name, value)
        case .subscripted(let objExpr, let indexExpr):
            let obj = try eval(objExpr, scope)
            try setItem(obj, try eval(indexExpr, scope), value)
        case .starred:
            throw PyException(BuiltinTypes.syntaxError, "starred assignment target must be in a list or tuple")
        default:
            throw PyException(BuiltinTypes.syntaxError, "cannot assign to \(target.describeForError)")
        }
    }

    private func augmentedAssign(_ target: Expr, _ op: BinaryOperator, _ valueExpr: Expr, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n):
            let current = try lookup(n, scope)
            let rhs = try eval(valueExpr, scope)
            // `lst += iterable` extends in place (aliases see it), as in Python.
            if op == .add, case .list(let l) = current {
                let extra = try toArray(rhs)
                try Limits.checkCount(l.items.count + extra.count)
                l.items.append(contentsOf: extra)
                assign(n, current, scope)
                return
            }
            assign(n, try inPlaceOp(op, current, rhs), scope)
        case .attribute(let objExpr, let name):
            let obj = try eval(objExpr, scope)
            let current = try getAttribute(obj, name)
            try setAttribute(obj, name, try inPlaceOp(op, current, try eval(valueExpr, scope)))
        case .subscripted(let objExpr, let indexExpr):
            let obj = try eval(objExpr, scope)
            let index = try eval(indexExpr, scope)
            let current = try getItem(obj, index)
            try setItem(obj, index, try inPlaceOp(op, current, try eval(valueExpr, scope)))
        default:
            throw PyException(BuiltinTypes.syntaxError, "illegal expression for augmented assignment")
        }
    }

    /// `x op= y`: a user class's `__iadd__`-style method when it has one, else `x op y`.
    private func inPlaceOp(_ op: BinaryOperator, _ current: Value, _ rhs: Value) throws -> Value {
        if case .object(let o) = current, let instance = o as? PyInstance,
           let r = try instance.inPlaceOperation(op, other: rhs) {
            return r
        }
        return try binaryOp(op, current, rhs)
    }

    private func deleteTarget(_ target: Expr, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n):
            if scope.vars.removeValue(forKey: n) == nil {
                if scope.function?.globalNames.contains(n) == true, globals.vars.removeValue(forKey: n) != nil { return }
                throw PyException(BuiltinTypes.nameError, "name '\(n)' is not defined")
            }
        case .tuple(let ts), .list(let ts):
            for t in ts { try deleteTarget(t, scope) }
        case .subscripted(let objExpr, let indexExpr):
            try deleteItem(try eval(objExpr, scope), try eval(indexExpr, scope))
        case .attribute(let objExpr, let name):
            try deleteAttribute(try eval(objExpr, scope), name)
        default:
            throw PyException(BuiltinTypes.syntaxError, "cannot delete \(target.describeForError)")
        }
    }

    // MARK: Expressions

    func truth(_ v: Value) throws -> Bool {
        if case .object(let o) = v {
            if let instance = o as? PyInstance { return try instance.truth() }
            if let n = try o.length() { return n != 0 }
        }
        return v.isTruthy
    }

    /// Evaluates an expression. Each case calls a small helper: debug builds reserve stack for
    /// every case's locals in one frame, and recursion goes through this function.
    func eval(_ e: Expr, _ scope: Scope) throws -> Value {
        try checkStack()
        switch e.kind {
        case .name(let n): return try lookup(n, scope)
        case .constant(let v): return v
        case .binary(let op, let l, let r): return try evalBinary(op, l, r, scope)
        case .call(let calleeExpr, let argExprs): return try evalCall(e, calleeExpr, argExprs, scope)
        case .attribute(let objExpr, let name): return try evalAttribute(objExpr, name, scope)
        case .subscripted(let objExpr, let indexExpr): return try evalSubscript(objExpr, indexExpr, scope)
        case .fstring(let fields): return .str(try evalFString(fields, scope))
        case .list(let items): return .list(PyList(try evalItems(items, scope)))
        case .tuple(let items): return .tuple(try evalItems(items, scope))
        case .set(let items): return .set(try PySet(try evalItems(items, scope)))
        case .dict(let entries): return try evalDict(entries, scope)
        case .listComp(let elt, let clauses): return try evalListComp(elt, clauses, scope)
        case .setComp(let elt, let clauses): return try evalSetComp(elt, clauses, scope)
        case .dictComp(let k, let v, let clauses): return try evalDictComp(k, v, clauses, scope)
        case .generator(let elt, let clauses): return .iterator(try makeGenerator(elt, clauses, scope))
        case .unary(let op, let operand): return try evalUnary(op, operand, scope)
        case .and(let items): return try evalAnd(items, scope)
        case .or(let items): return try evalOr(items, scope)
        case .not(let x): return try evalNot(x, scope)
        case .compare(let first, let rest): return try evalCompare(first, rest, scope)
        case .conditional(let cond, let then, let otherwise): return try evalConditional(cond, then, otherwise, scope)
        case .lambda(let def): return try makeFunction(def, scope)
        case .slice(let a, let b, let c): return try evalSlice(a, b, c, scope)
        case .starred: throw PyException(BuiltinTypes.syntaxError, "can't use starred expression here")
        }
    }

    @inline(never)
    private func evalBinary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ scope: Scope) throws -> Value {
        let a = try eval(l, scope)
        let b = try eval(r, scope)
        return try binaryOp(op, a, b)
    }

    @inline(never)
    private func evalCall(_ e: Expr, _ calleeExpr: Expr, _ argExprs: [Argument], _ scope: Scope) throws -> Value {
        // `obj.method(...)` on a user object calls the function with `obj` first, without
        // building a bound method (half the cost of a method call).
        if case .attribute(let objExpr, let name) = calleeExpr.kind {
            let receiver = try eval(objExpr, scope)
            if case .object(let o) = receiver, let instance = o as? PyInstance, let method = try instance.plainMethod(name) {
                var args = try evalArguments(argExprs, scope)
                args.positional.insert(receiver, at: 0)
                frames.last?.line = e.location.line
                return try callFunction(method, args)
            }
            let callee = try getAttribute(receiver, name)
            let args = try evalArguments(argExprs, scope)
            frames.last?.line = e.location.line
            return try call(callee, args)
        }
        let callee = try eval(calleeExpr, scope)
        let args = try evalArguments(argExprs, scope)
        frames.last?.line = e.location.line
        return try call(callee, args)
    }

    @inline(never)
    private func evalArguments(_ argExprs: [Argument], _ scope: Scope) throws -> Arguments {
        var args = Arguments()
        for a in argExprs {
            switch a {
            case .positional(let x): args.positional.append(try eval(x, scope))
            case .star(let x): args.positional.append(contentsOf: try toArray(eval(x, scope)))
            case .keyword(let k, let x):
                if args.keywords.contains(where: { $0.name == k }) {
                    throw PyException(BuiltinTypes.syntaxError, "keyword argument repeated: \(k)")
                }
                args.keywords.append((k, try eval(x, scope)))
            case .doubleStar(let x):
                guard case .dict(let d) = try eval(x, scope) else {
                    throw PyException(BuiltinTypes.typeError, "argument after ** must be a mapping")
                }
                for (k, v) in d.items {
                    guard case .str(let ks) = k else { throw PyException(BuiltinTypes.typeError, "keywords must be strings") }
                    if args.keywords.contains(where: { $0.name == ks }) {
                        throw PyException(BuiltinTypes.typeError, "got multiple values for keyword argument '\(ks)'")
                    }
                    args.keywords.append((ks, v))
                }
            }
        }
        return args
    }

    @inline(never)
    private func evalAttribute(_ objExpr: Expr, _ name: String, _ scope: Scope) throws -> Value {
        try getAttribute(try eval(objExpr, scope), name)
    }

    @inline(never)
    private func evalSubscript(_ objExpr: Expr, _ indexExpr: Expr, _ scope: Scope) throws -> Value {
        let obj = try eval(objExpr, scope)
        return try getItem(obj, try eval(indexExpr, scope))
    }

    @inline(never)
    private func evalDict(_ entries: [(key: Expr?, value: Expr)], _ scope: Scope) throws -> Value {
        let d = PyDict()
        for (k, v) in entries {
            if let k {
                let key = try eval(k, scope)
                try d.set(key, try eval(v, scope))
            } else {
                let other = try eval(v, scope)
                guard case .dict(let o) = other else {
                    throw PyException(BuiltinTypes.typeError, "'\(other.typeName)' object is not a mapping")
                }
                for (k2, v2) in o.items { try d.set(k2, v2) }
            }
            try Limits.checkCount(d.count)
        }
        return .dict(d)
    }

    @inline(never)
    private func evalListComp(_ elt: Expr, _ clauses: [ComprehensionClause], _ scope: Scope) throws -> Value {
        var out: [Value] = []
        let inner = Scope(parent: scope, function: nil)
        try comprehend(clauses, 0, inner) {
            out.append(try self.eval(elt, inner))
            try Limits.checkCount(out.count)
        }
        return .list(PyList(out))
    }

    @inline(never)
    private func evalSetComp(_ elt: Expr, _ clauses: [ComprehensionClause], _ scope: Scope) throws -> Value {
        let out = PySet()
        let inner = Scope(parent: scope, function: nil)
        try comprehend(clauses, 0, inner) {
            try out.add(try self.eval(elt, inner))
            try Limits.checkCount(out.count)
        }
        return .set(out)
    }

    @inline(never)
    private func evalDictComp(_ k: Expr, _ v: Expr, _ clauses: [ComprehensionClause], _ scope: Scope) throws -> Value {
        let out = PyDict()
        let inner = Scope(parent: scope, function: nil)
        try comprehend(clauses, 0, inner) {
            let key = try self.eval(k, inner)
            try out.set(key, try self.eval(v, inner))
            try Limits.checkCount(out.count)
        }
        return .dict(out)
    }

    @inline(never)
    private func evalUnary(_ op: UnaryOperator, _ operand: Expr, _ scope: Scope) throws -> Value {
        try unaryOp(op, try eval(operand, scope))
    }

    @inline(never)
    private func evalAnd(_ items: [Expr], _ scope: Scope) throws -> Value {
        var v: Value = .none
        for x in items {
            v = try eval(x, scope)
            if try !truth(v) { return v }
        }
        return v
    }

    @inline(never)
    private func evalOr(_ items: [Expr], _ scope: Scope) throws -> Value {
        var v: Value = .none
        for x in items {
            v = try eval(x, scope)
            if try truth(v) { return v }
        }
        return v
    }

    @inline(never)
    private func evalNot(_ x: Expr, _ scope: Scope) throws -> Value {
        .bool(try !truth(eval(x, scope)))
    }

    @inline(never)
    private func evalCompare(_ first: Expr, _ rest: [(ComparisonOperator, Expr)], _ scope: Scope) throws -> Value {
        var left = try eval(first, scope)
        var result: Value = .bool(true)
        for (op, rightExpr) in rest {
            let right = try eval(rightExpr, scope)
            result = try compare(op, left, right)
            if try !truth(result) { return result }
            left = right
        }
        return result
    }

    @inline(never)
    private func evalConditional(_ cond: Expr, _ then: Expr, _ otherwise: Expr, _ scope: Scope) throws -> Value {
        try truth(eval(cond, scope)) ? try eval(then, scope) : try eval(otherwise, scope)
    }

    @inline(never)
    private func evalSlice(_ a: Expr?, _ b: Expr?, _ c: Expr?, _ scope: Scope) throws -> Value {
        .slice(PySlice(start: try a.map { try eval($0, scope) } ?? .none,
                       stop: try b.map { try eval($0, scope) } ?? .none,
                       step: try c.map { try eval($0, scope) } ?? .none))
    }

    private func evalItems(_ items: [Expr], _ scope: Scope) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(items.count)
        for x in items {
            if case .starred(let inner) = x.kind {
                out.append(contentsOf: try toArray(eval(inner, scope)))
                try Limits.checkCount(out.count)
            } else {
                out.append(try eval(x, scope))
            }
        }
        return out
    }

    private func evalFString(_ fields: [FStringField], _ scope: Scope) throws -> String {
        var out = ""
        for f in fields {
            switch f {
            case .literal(let s): out += s
            case .field(let e, let conversion, let spec):
                var v = try eval(e, scope)
                switch conversion {
                case "r", "a": v = .str(try v.repr())
                case "s": v = .str(try v.str())
                default: break
                }
                let specText = spec.isEmpty ? "" : try evalFString(spec, scope)
                out += try v.format(specText)
                try Limits.checkLength(out.utf8.count)
            }
        }
        return out
    }

    private func comprehend(_ clauses: [ComprehensionClause], _ i: Int, _ scope: Scope, _ body: () throws -> Void) throws {
        if i == clauses.count { try body(); return }
        let c = clauses[i]
        let it = try makeIterator(eval(c.iterable, scope))
        outer: while let v = try it.next() {
            try checkInterrupt()
            try assignTarget(c.target, v, scope)
            for cond in c.conditions where try !truth(eval(cond, scope)) { continue outer }
            try comprehend(clauses, i + 1, scope, body)
        }
    }

    private func makeGenerator(_ elt: Expr, _ clauses: [ComprehensionClause], _ scope: Scope) throws -> PyIterator {
        let inner = Scope(parent: scope, function: nil)
        var iterators: [PyIterator?] = Array(repeating: nil, count: clauses.count)
        let first = try makeIterator(eval(clauses[0].iterable, scope))
        try PyIterator.checkNesting([first])
        iterators[0] = first
        var level = 0
        return PyIterator(typeName: "generator", wrapping: [first]) { [weak self] in
            guard let self else { return nil }
            while level >= 0 {
                try self.checkInterrupt()
                guard let it = iterators[level], let v = try it.next() else {
                    iterators[level] = nil
                    level -= 1
                    continue
                }
                let c = clauses[level]
                try self.assignTarget(c.target, v, inner)
                var pass = true
                for cond in c.conditions where try !self.truth(self.eval(cond, inner)) { pass = false; break }
                if !pass { continue }
                if level == clauses.count - 1 { return try self.eval(elt, inner) }
                level += 1
                iterators[level] = try self.makeIterator(self.eval(clauses[level].iterable, inner))
            }
            return nil
        }
    }

    // MARK: Calls

    /// Calls any callable value (user function, builtin, type, native object).
    public func call(_ callee: Value, _ args: Arguments) throws -> Value {
        switch callee {
        case .function(let f):
            return try callFunction(f, args)
        case .builtin(let b):
            return try b.impl(args, self)
        case .type(let t):
            if t.isUserClass { return try instantiate(t, args) }
            if t === BuiltinTypes.object {
                if args.count > 0 { throw PyException(BuiltinTypes.typeError, "object() takes no arguments") }
                return .object(PyInstance(t))
            }
            guard let ctor = t.constructor else {
                throw PyException(BuiltinTypes.typeError, "cannot create '\(t.name)' instances")
            }
            return try ctor(args, self)
        case .object(let o):
            try checkInterrupt()
            if let v = try o.call(args, interpreter: self) { return v }
            throw PyException(BuiltinTypes.typeError, "'\(o.typeName)' object is not callable")
        default:
            throw PyException(BuiltinTypes.typeError, "'\(callee.typeName)' object is not callable")
        }
    }

    /// Calls with positional arguments only.
    public func call(_ callee: Value, _ positional: [Value]) throws -> Value {
        try call(callee, Arguments(positional))
    }

    func callFunction(_ f: PyFunction, _ args: Arguments) throws -> Value {
        try checkInterrupt()
        try checkStack()
        if forbidsUserCode {
            throw PyException(BuiltinTypes.runtimeError, "cell code does not run during completion or inspection")
        }
        if callDepth >= Limits.maximumCallDepth {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
        let def = f.definition
        let scope = Scope(parent: f.closure, function: def)
        try bindParameters(f, args, scope)
        callDepth += 1
        frames.append(Frame(name: def.name, line: def.location.line, source: def.source, function: f, scope: scope))
        defer {
            callDepth -= 1
            frames.removeLast()
        }
        if def.isLambda, case .returnValue(let e?) = def.body[0].kind {
            return try eval(e, scope)
        }
        if case .returnValue(let v) = try exec(def.body, scope) { return v }
        return .none
    }

    private func bindParameters(_ f: PyFunction, _ args: Arguments, _ scope: Scope) throws {
        let params = f.definition.parameters
        // The common call: positional arguments only, one per plain parameter.
        if f.definition.hasOnlyPositionalParameters && args.keywords.isEmpty && args.positional.count == params.count {
            for (p, v) in zip(params, args.positional) { scope.vars[p.name] = v }
            return
        }
        let name = f.qualifiedName
        let positionalParams = params.filter { $0.kind == .positional }
        let variadic = params.first { $0.kind == .variadic }
        let keywordsParam = params.first { $0.kind == .keywords }
        if args.positional.count > positionalParams.count && variadic == nil {
            let n = positionalParams.count
            let least = positionalParams.filter { f.defaults[$0.name] == nil }.count
            let takes = least == n ? "\(n)" : "from \(least) to \(n)"
            throw PyException(BuiltinTypes.typeError, "\(name)() takes \(takes) positional argument\(n == 1 ? "" : "s") but \(args.positional.count) \(args.positional.count == 1 ? "was" : "were") given")
        }
        for (p, v) in zip(positionalParams, args.positional) { scope.vars[p.name] = v }
        if let variadic {
            scope.vars[variadic.name] = .tuple(Array(args.positional.dropFirst(positionalParams.count)))
        }
        let extra = PyDict()
        for (k, v) in args.keywords {
            if let p = params.first(where: { $0.name == k && ($0.kind == .positional || $0.kind == .keywordOnly) }) {
                if scope.vars[p.name] != nil {
                    throw PyException(BuiltinTypes.typeError, "\(name)() got multiple values for argument '\(k)'")
                }
                scope.vars[p.name] = v
            } else if keywordsParam != nil {
                try extra.set(.str(k), v)
            } else {
                var msg = "\(name)() got an unexpected keyword argument '\(k)'"
                if let s = Suggestions.closest(to: k, in: params.map(\.name)) { msg += ". Did you mean '\(s)'?" }
                throw PyException(BuiltinTypes.typeError, msg)
            }
        }
        if let keywordsParam { scope.vars[keywordsParam.name] = .dict(extra) }
        for kind in [Parameter.Kind.positional, .keywordOnly] {
            var missing: [String] = []
            for p in params where p.kind == kind && scope.vars[p.name] == nil {
                if let d = f.defaults[p.name] { scope.vars[p.name] = d } else { missing.append(p.name) }
            }
            if !missing.isEmpty {
                let quoted = missing.map { "'\($0)'" }
                let list = quoted.count == 1 ? quoted[0] : quoted.dropLast().joined(separator: ", ") + " and " + quoted[quoted.count - 1]
                let what = kind == .positional ? "positional" : "keyword-only"
                throw PyException(BuiltinTypes.typeError, "\(name)() missing \(missing.count) required \(what) argument\(missing.count == 1 ? "" : "s"): \(list)")
            }
        }
    }

    // MARK: Modules

    func importModule(_ path: [String]) throws -> PyModule {
        let full = path.joined(separator: ".")
        if let m = loadedModules[full] { return m }
        if let m = modules.load(full) {
            loadedModules[full] = m
            return m
        }
        if path.count > 1 {
            let parent = try importModule(Array(path.dropLast()))
            if case .module(let m)? = parent[path[path.count - 1]] {
                loadedModules[full] = m
                return m
            }
            if let explain = parent.explainMissing {
                throw PyException(BuiltinTypes.moduleNotFoundError, "No module named '\(full)' (\(explain(path[path.count - 1])))")
            }
        }
        throw PyException(BuiltinTypes.moduleNotFoundError, "No module named '\(full)'")
    }

    // MARK: Iteration

    /// An iterator over any iterable value.
    public func makeIterator(_ v: Value) throws -> PyIterator {
        switch v {
        case .list(let l):
            var i = 0
            return PyIterator(typeName: "list_iterator") {
                guard i < l.items.count else { return nil }
                defer { i += 1 }
                return l.items[i]
            }
        case .tuple(let t):
            var i = 0
            return PyIterator(typeName: "tuple_iterator") {
                guard i < t.count else { return nil }
                defer { i += 1 }
                return t[i]
            }
        case .str(let s):
            var it = s.unicodeScalars.makeIterator()
            return PyIterator(typeName: "str_iterator") { it.next().map { .str(String($0)) } }
        case .dict(let d):
            let keys = d.keys
            var i = 0
            return PyIterator(typeName: "dict_keyiterator") {
                guard i < keys.count else { return nil }
                defer { i += 1 }
                return keys[i]
            }
        case .set(let s):
            let items = s.items
            var i = 0
            return PyIterator(typeName: "set_iterator") {
                guard i < items.count else { return nil }
                defer { i += 1 }
                return items[i]
            }
        case .range(let r):
            let n = r.count
            var i: Int64 = 0
            return PyIterator(typeName: "range_iterator") {
                guard n < 0 || i < n, let v = r.element(i) else { return nil }
                i += 1
                return .int(v)
            }
        case .iterator(let it):
            return it
        case .object(let o):
            if let it = try o.makeIterator(interpreter: self) { return it }
            if !(o is PyInstance), let n = try o.length() {
                var i = 0
                return PyIterator(typeName: "iterator") {
                    guard i < n else { return nil }
                    defer { i += 1 }
                    return try o.getItem(.int(Int64(i)))
                }
            }
        default: break
        }
        throw PyException(BuiltinTypes.typeError, "'\(v.typeName)' object is not iterable")
    }

    /// All elements of an iterable (MemoryError past the collection limit).
    public func toArray(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .range(let r):
            let n = r.count
            guard n >= 0 else { throw PyException(BuiltinTypes.overflowError, "range too large") }
            try Limits.checkCount(Int(n))
            return (0..<n).map { .int(r.start &+ $0 &* r.step) }
        default:
            let it = try makeIterator(v)
            var out: [Value] = []
            while let x = try it.next() {
                out.append(x)
                if out.count & 0xFFF == 0 {
                    try checkInterrupt()
                    try Limits.checkCount(out.count)
                }
            }
            return out
        }
    }
}

/// The stack limit of the thread running a cell, for code without an interpreter at hand
/// (iterators, repr): a pthread key, since cells of different sessions may run on different threads.
enum StackGuard {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static func setLimit(_ limit: UInt) {
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: limit))
    }

    /// Throws RecursionError when the stack is nearly used up.
    static func check() throws {
        let limit = UInt(bitPattern: pthread_getspecific(key))
        if limit != 0 && StackBounds.currentAddress() < limit {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
    }
}

/// The current thread's stack bounds, to turn deep recursion into RecursionError.
enum StackBounds {
    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The lowest address the interpreter may use on this thread, keeping a safety margin.
    static func limitForCurrentThread() -> UInt {
        #if os(Linux)
        // pthread_getattr_np is a GNU extension the Glibc module does not import; look it up.
        typealias GetAttr = @convention(c) (pthread_t, UnsafeMutablePointer<pthread_attr_t>) -> Int32
        guard let symbol = dlsym(nil, "pthread_getattr_np") else { return fallbackLimit() }
        let getattr = unsafeBitCast(symbol, to: GetAttr.self)
        var attr = pthread_attr_t()
        guard getattr(pthread_self(), &attr) == 0 else { return fallbackLimit() }
        defer { pthread_attr_destroy(&attr) }
        var addr: UnsafeMutableRawPointer?
        var size = 0
        guard pthread_attr_getstack(&attr, &addr, &size) == 0, let addr else { return fallbackLimit() }
        let low = UInt(bitPattern: addr)
        // The main thread's reported size follows RLIMIT_STACK; cap what we trust at 64 MiB.
        let usable = UInt(min(size, 64 << 20))
        let high = low + UInt(size)
        let margin = min(usable / 4, 1 << 20)
        return high - usable + margin
        #elseif canImport(Darwin)
        let high = UInt(bitPattern: pthread_get_stackaddr_np(pthread_self()))
        let size = UInt(pthread_get_stacksize_np(pthread_self()))
        return high - size + min(size / 4, 1 << 20)
        #else
        return fallbackLimit()
        #endif
    }

    /// Without thread attributes: allow 4 MiB below the current frame.
    private static func fallbackLimit() -> UInt {
        let here = currentAddress()
        return here > (4 << 20) ? here - (4 << 20) : 0
    }
}
