#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The builtin namespace: functions, types and exception classes.
enum Builtins {
    static func make() -> [String: Value] {
        var b: [String: Value] = [:]
        func add(_ name: String, _ signature: String, _ doc: String,
                 _ impl: @escaping (Arguments, Interpreter) throws -> Value) {
            b[name] = .builtin(BuiltinFunction(name: name, signature: signature, doc: doc, impl))
        }
        for t in [BuiltinTypes.int, BuiltinTypes.float, BuiltinTypes.str, BuiltinTypes.bool, BuiltinTypes.list,
                  BuiltinTypes.tuple, BuiltinTypes.dict, BuiltinTypes.set, BuiltinTypes.range, BuiltinTypes.slice,
                  BuiltinTypes.type, BuiltinTypes.object, BuiltinTypes.mapIterator, BuiltinTypes.filterIterator,
                  BuiltinTypes.zipIterator, BuiltinTypes.enumerateIterator, BuiltinTypes.reversedIterator]
            + BuiltinTypes.exceptionTypes {
            b[t.name] = .type(t)
        }
        for t in [DecoratedFunctionObject.staticMethodType, DecoratedFunctionObject.classMethodType, PropertyObject.type] { b[t.name] = .type(t) }
        b["NotImplemented"] = .object(NotImplementedObject.shared)
        add("super", "super()", "The parent class's attributes, bound to the current method's self (or super(type, obj)).") { args, interp in
            try interp.makeSuper(args)
        }
        add("vars", "vars(object, /)", "The object's attribute dict (__dict__).") { args, interp in
            try args.expectPositional("vars", min: 1, max: 1)
            do { return try interp.getAttribute(args.positional[0], "__dict__") }
            catch let e as PyException where e.type.isSubtype(of: BuiltinTypes.attributeError) {
                throw PyException(BuiltinTypes.typeError, "vars() argument must have __dict__ attribute")
            }
        }
        b["IOError"] = .type(BuiltinTypes.osError)
        b["EnvironmentError"] = .type(BuiltinTypes.osError)
        b["Ellipsis"] = .ellipsis

        add("print", "print(*values, sep=' ', end='\\n', file=None, flush=False)",
            "Prints the values to the cell's output, separated by sep and followed by end.") { args, interp in
            let a = try args.bind("print", ["sep", "end", "file", "flush"], extraPositional: true)
            func text(_ v: Value?, _ def: String, _ name: String) throws -> String {
                switch v {
                case nil, .none?: return def
                case .str(let s)?: return s
                case let x?: throw PyException(BuiltinTypes.typeError, "\(name) must be None or a string, not \(x.typeName)")
                }
            }
            let sep = try text(a[0], " ", "sep")
            let end = try text(a[1], "\n", "end")
            var stream = "stdout"
            if case .object(let o)? = a[2], let s = o as? StreamObject { stream = s.stream }
            let parts = try args.positional.map { try $0.str() }
            let line = parts.joined(separator: sep) + end
            try Limits.checkLength(line.utf8.count)
            interp.output.write(line, stream: stream)
            return .none
        }
        add("len", "len(obj, /)", "Return the number of items in a container.") { args, interp in
            try args.expectPositional("len", min: 1, max: 1)
            return .int(Int64(try length(args.positional[0])))
        }
        add("repr", "repr(obj, /)", "Return the canonical string representation of the object.") { args, _ in
            try args.expectPositional("repr", min: 1, max: 1)
            return .str(try args.positional[0].repr())
        }
        add("ascii", "ascii(obj, /)", "Return an ASCII-only representation of an object.") { args, _ in
            try args.expectPositional("ascii", min: 1, max: 1)
            return .str(try args.positional[0].repr())
        }
        add("format", "format(value, format_spec='', /)", "Return value formatted according to format_spec.") { args, _ in
            try args.expectPositional("format", min: 1, max: 2)
            var spec = ""
            if args.positional.count == 2 {
                guard case .str(let s) = args.positional[1] else { throw PyException(BuiltinTypes.typeError, "format() argument 2 must be str") }
                spec = s
            }
            return .str(try args.positional[0].format(spec))
        }
        add("abs", "abs(x, /)", "Return the absolute value of the argument.") { args, interp in
            try args.expectPositional("abs", min: 1, max: 1)
            let x = args.positional[0]
            switch x.numeric {
            case .int(let i)?:
                if i == .min { throw PyException(BuiltinTypes.overflowError, "integer overflow: abs(\(i)) does not fit in 64 bits") }
                return .int(Swift.abs(i))
            case .float(let d)?: return .float(Swift.abs(d))
            default:
                if case .object(let o) = x, let f = try o.getAttribute("__abs__", interpreter: interp) { return try interp.call(f, []) }
                throw PyException(BuiltinTypes.typeError, "bad operand type for abs(): '\(x.typeName)'")
            }
        }
        add("round", "round(number, ndigits=None)",
            "Round a number to a given precision in decimal digits (halves to even).\n\nWithout ndigits the result is an int; otherwise it has the number's type.") { args, _ in
            let a = try args.bind("round", ["number", "ndigits"], required: 1)
            let ndigits: Int64? = try a[1].flatMap { v in if case .none = v { return nil }; return try Constructors.integer(v) }
            return try roundValue(a[0]!, ndigits)
        }
        add("divmod", "divmod(x, y, /)", "Return the tuple (x//y, x%y).") { args, interp in
            try args.expectPositional("divmod", min: 2, max: 2)
            let x = args.positional[0], y = args.positional[1]
            return .tuple([try interp.binaryOp(.floorDivide, x, y), try interp.binaryOp(.modulo, x, y)])
        }
        add("pow", "pow(base, exp, mod=None)", "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments.") { args, interp in
            let a = try args.bind("pow", ["base", "exp", "mod"], required: 2)
            if let m = a[2], case .int(let mod) = m, case .int(var base) = a[0]!, case .int(var e) = a[1]! {
                if mod == 0 { throw PyException(BuiltinTypes.valueError, "pow() 3rd argument cannot be 0") }
                if e < 0 { throw PyException(BuiltinTypes.valueError, "negative exponents with a modulus are not supported") }
                var result: Int64 = 1 % mod
                base = try Checked.modulo(base, mod)
                while e > 0 {
                    if e & 1 == 1 { result = Int64((Int128(result) * Int128(base)) % Int128(mod)) }
                    base = Int64((Int128(base) * Int128(base)) % Int128(mod))
                    e >>= 1
                }
                return .int(try Checked.modulo(result, mod))
            }
            return try interp.binaryOp(.power, a[0]!, a[1]!)
        }
        add("min", "min(iterable, *, key=None, default=...) or min(a, b, *args, key=None)", "Return the smallest item.") { args, interp in
            try extremum(args, interp, name: "min", wantLess: true)
        }
        add("max", "max(iterable, *, key=None, default=...) or max(a, b, *args, key=None)", "Return the largest item.") { args, interp in
            try extremum(args, interp, name: "max", wantLess: false)
        }
        add("sum", "sum(iterable, /, start=0)", "Return the sum of a 'start' value (default: 0) plus an iterable of numbers.") { args, interp in
            let a = try args.bind("sum", ["iterable", "start"], required: 1)
            var total = a[1] ?? .int(0)
            if case .str = total { throw PyException(BuiltinTypes.typeError, "sum() can't sum strings [use ''.join(seq) instead]") }
            let it = try interp.makeIterator(a[0]!)
            // Floats use Neumaier compensated summation, as Python 3.12 does.
            var compensation = 0.0
            var floatMode = false
            var floatTotal = 0.0
            while let v = try it.next() {
                try interp.checkInterrupt()
                if floatMode || (v.isFloat && total.numeric != nil) {
                    if !floatMode, let d = total.doubleValue { floatMode = true; floatTotal = d; compensation = 0 }
                    if floatMode, let x = v.doubleValue {
                        let t = floatTotal + x
                        if Swift.abs(floatTotal) >= Swift.abs(x) { compensation += (floatTotal - t) + x } else { compensation += (x - t) + floatTotal }
                        floatTotal = t
                        continue
                    }
                    total = .float(floatTotal + compensation)
                    floatMode = false
                }
                total = try interp.binaryOp(.add, total, v)
            }
            if floatMode { return .float(floatTotal + compensation) }
            return total
        }
        add("sorted", "sorted(iterable, /, *, key=None, reverse=False)", "Return a new list containing all items from the iterable in ascending order (stable).") { args, interp in
            let a = try args.bind("sorted", ["iterable", "key", "reverse"], required: 1)
            var items = try interp.toArray(a[0]!)
            try Sorting.sort(&items, key: a[1], reverse: try a[2].map { try interp.truth($0) } ?? false, interp)
            return .list(PyList(items))
        }
        add("any", "any(iterable, /)", "Return True if bool(x) is True for any x in the iterable.") { args, interp in
            try args.expectPositional("any", min: 1, max: 1)
            let it = try interp.makeIterator(args.positional[0])
            while let v = try it.next() { if try interp.truth(v) { return .bool(true) } }
            return .bool(false)
        }
        add("all", "all(iterable, /)", "Return True if bool(x) is True for all values x in the iterable.") { args, interp in
            try args.expectPositional("all", min: 1, max: 1)
            let it = try interp.makeIterator(args.positional[0])
            while let v = try it.next() { if try !interp.truth(v) { return .bool(false) } }
            return .bool(true)
        }
        add("isinstance", "isinstance(obj, class_or_tuple, /)", "Return whether an object is an instance of a class or of a subclass thereof.") { args, _ in
            try args.expectPositional("isinstance", min: 2, max: 2)
            return .bool(try matchesType(args.positional[0].type, args.positional[1], "isinstance"))
        }
        add("issubclass", "issubclass(cls, class_or_tuple, /)", "Return whether 'cls' is derived from another class or is the same class.") { args, _ in
            try args.expectPositional("issubclass", min: 2, max: 2)
            guard case .type(let t) = args.positional[0] else { throw PyException(BuiltinTypes.typeError, "issubclass() arg 1 must be a class") }
            return .bool(try matchesType(t, args.positional[1], "issubclass"))
        }
        add("hasattr", "hasattr(obj, name, /)", "Return whether the object has an attribute with the given name.") { args, interp in
            try args.expectPositional("hasattr", min: 2, max: 2)
            guard case .str(let n) = args.positional[1] else { throw PyException(BuiltinTypes.typeError, "hasattr(): attribute name must be string") }
            do { _ = try interp.getAttribute(args.positional[0], n); return .bool(true) }
            catch let e as PyException where e.type.isSubtype(of: BuiltinTypes.attributeError) { return .bool(false) }
        }
        add("getattr", "getattr(object, name, default=..., /)", "Get a named attribute from an object; getattr(x, 'y') is equivalent to x.y.") { args, interp in
            try args.expectPositional("getattr", min: 2, max: 3)
            guard case .str(let n) = args.positional[1] else { throw PyException(BuiltinTypes.typeError, "getattr(): attribute name must be string") }
            do { return try interp.getAttribute(args.positional[0], n) }
            catch let e as PyException where e.type.isSubtype(of: BuiltinTypes.attributeError) && args.positional.count == 3 {
                return args.positional[2]
            }
        }
        add("setattr", "setattr(obj, name, value, /)", "Sets the named attribute on the given object to the specified value.") { args, interp in
            try args.expectPositional("setattr", min: 3, max: 3)
            guard case .str(let n) = args.positional[1] else { throw PyException(BuiltinTypes.typeError, "setattr(): attribute name must be string") }
            try interp.setAttribute(args.positional[0], n, args.positional[2])
            return .none
        }
        add("callable", "callable(obj, /)", "Return whether the object is callable.") { args, _ in
            try args.expectPositional("callable", min: 1, max: 1)
            switch args.positional[0] {
            case .function, .builtin, .type: return .bool(true)
            case .object(let o): return .bool(o.isCallable)
            default: return .bool(false)
            }
        }
        add("chr", "chr(i, /)", "Return a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff.") { args, _ in
            try args.expectPositional("chr", min: 1, max: 1)
            let i = try Constructors.integer(args.positional[0])
            guard i >= 0, i <= 0x10FFFF, let u = Unicode.Scalar(UInt32(i)) else {
                throw PyException(BuiltinTypes.valueError, "chr() arg not in range(0x110000)")
            }
            return .str(String(u))
        }
        add("ord", "ord(c, /)", "Return the Unicode code point for a one-character string.") { args, _ in
            try args.expectPositional("ord", min: 1, max: 1)
            guard case .str(let s) = args.positional[0] else {
                throw PyException(BuiltinTypes.typeError, "ord() expected string of length 1, but \(args.positional[0].typeName) found")
            }
            let scalars = Array(s.unicodeScalars)
            guard scalars.count == 1 else {
                throw PyException(BuiltinTypes.typeError, "ord() expected a character, but string of length \(scalars.count) found")
            }
            return .int(Int64(scalars[0].value))
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("oct", 8, "0o"), ("bin", 2, "0b")] {
            add(name, "\(name)(number, /)", "Return the \(name == "hex" ? "hexadecimal" : name == "oct" ? "octal" : "binary") representation of an integer.") { args, _ in
                try args.expectPositional(name, min: 1, max: 1)
                let i = try Constructors.integer(args.positional[0])
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
        add("id", "id(obj, /)", "Return the identity of an object.") { args, _ in
            try args.expectPositional("id", min: 1, max: 1)
            let v = args.positional[0]
            if let i = v.identity { return .int(Int64(truncatingIfNeeded: i)) }
            return .int(Int64(truncatingIfNeeded: (try? HashKey(v).hashValue) ?? 0))
        }
        add("hash", "hash(obj, /)", "Return the hash value for the given object.") { args, _ in
            try args.expectPositional("hash", min: 1, max: 1)
            return .int(Int64(truncatingIfNeeded: try HashKey(args.positional[0]).hashValue))
        }
        add("iter", "iter(iterable, /)", "Get an iterator from an object.") { args, interp in
            try args.expectPositional("iter", min: 1, max: 1)
            return .iterator(try interp.makeIterator(args.positional[0]))
        }
        add("next", "next(iterator, default=..., /)", "Return the next item from the iterator; raise StopIteration (or return default) when exhausted.") { args, interp in
            try args.expectPositional("next", min: 1, max: 2)
            if case .object(let o as PyInstance) = args.positional[0], o.cls.lookupUserAttribute("__next__") != nil {
                if let v = try o.next() { return v }
                if args.positional.count == 2 { return args.positional[1] }
                throw PyException(BuiltinTypes.stopIteration, args: [])
            }
            guard case .iterator(let it) = args.positional[0] else {
                throw PyException(BuiltinTypes.typeError, "'\(args.positional[0].typeName)' object is not an iterator")
            }
            if let v = try it.next() { return v }
            if args.positional.count == 2 { return args.positional[1] }
            throw PyException(BuiltinTypes.stopIteration, args: [])
        }
        add("input", "input(prompt='', /)", "Read a line typed by the user in the frontend (needs stdin support).") { args, interp in
            try args.expectPositional("input", min: 0, max: 1)
            let prompt = try args.positional.first?.str() ?? ""
            do {
                return .str(try interp.output.readLine(prompt: prompt, password: false))
            } catch InputUnavailable.notAllowed {
                throw PyException(BuiltinTypes.stdinNotImplementedError, "input() is not available: the frontend does not support stdin requests")
            } catch InputUnavailable.interrupted {
                throw PyException(BuiltinTypes.keyboardInterrupt, args: [])
            } catch let e as PyException {
                throw e
            } catch {
                throw PyException(BuiltinTypes.runtimeError, "input() failed: \(error)")
            }
        }
        add("open", TextFileObject.signature,
            "Open a text file (UTF-8) for reading ('r'), writing ('w'), appending ('a') or creating ('x'); use it in a with block.") { args, _ in
            try TextFileObject.open(args)
        }
        add("help", "help(obj=None)", "Show help about an object (in the pager).") { args, interp in
            try args.expectPositional("help", min: 0, max: 1)
            let text: String
            if let v = args.positional.first {
                text = Inspector.helpText(for: v, name: nil, interp, detail: 1)
            } else {
                text = "Swift RNN notebook language (\(NotebookSession.languageName) \(NotebookSession.languageVersion)).\n"
                    + "A Python-flavoured subset: see docs/language.md. Try help(print), help(list), help(math) after `import math`.\n"
                    + "Modules: " + interp.modules.names.joined(separator: ", ")
            }
            interp.pages.append(["text/plain": text])
            return .none
        }
        add("dir", "dir(obj=None, /)", "List the names in the current scope, or the attributes of an object.") { args, interp in
            try args.expectPositional("dir", min: 0, max: 1)
            if let v = args.positional.first {
                return .list(PyList(interp.attributeNames(of: v).sorted().map { .str($0) }))
            }
            return .list(PyList(interp.globals.vars.keys.sorted().map { .str($0) }))
        }
        add("globals", "globals()", "Return a dict copy of the module's global variables.") { args, interp in
            try args.expectPositional("globals", min: 0, max: 0)
            return .dict(PyDict.from(interp.globals.vars.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        }
        return b
    }

    static func length(_ v: Value) throws -> Int {
        switch v {
        case .str(let s): return s.unicodeScalars.count
        case .list(let l): return l.items.count
        case .tuple(let t): return t.count
        case .dict(let d): return d.count
        case .set(let s): return s.count
        case .range(let r):
            let n = r.count
            guard n >= 0 else { throw PyException(BuiltinTypes.overflowError, "Python int too large to convert to C ssize_t") }
            return Int(n)
        case .object(let o):
            if let n = try o.length() { return n }
        default: break
        }
        throw PyException(BuiltinTypes.typeError, "object of type '\(v.typeName)' has no len()")
    }

    static func matchesType(_ t: PyType, _ spec: Value, _ fn: String) throws -> Bool {
        switch spec {
        case .type(let c): return t.isSubtype(of: c)
        case .tuple(let items): return try items.contains { try matchesType(t, $0, fn) }
        default:
            throw PyException(BuiltinTypes.typeError, "\(fn)() arg 2 must be a type, a tuple of types, or a union")
        }
    }

    static func roundValue(_ x: Value, _ ndigits: Int64?) throws -> Value {
        switch x.numeric {
        case .int(let i)?:
            guard let n = ndigits, n < 0 else { return .int(i) }
            if n < -18 { return .int(0) }
            let p = try Checked.power(10, -n)
            let q = try Checked.floorDivide(i, p)
            let r = i - q * p
            var result = q
            if r * 2 > p || (r * 2 == p && q & 1 == 1) { result += 1 }
            return .int(try Checked.multiply(result, p))
        case .float(let d)?:
            guard let n = ndigits else { return .int(try Checked.int(d.rounded(.toNearestOrEven))) }
            if !d.isFinite { return .float(d) }
            if n > 300 { return .float(d) }
            if n < -308 { return .float(0 * d) }
            if n >= 0 {
                return .float(Double(CFormat.double("%.*f", precision: Int32(n), d)) ?? d)
            }
            let p = Glibc.pow(10.0, Double(-n))
            return .float((d / p).rounded(.toNearestOrEven) * p)
        default:
            throw PyException(BuiltinTypes.typeError, "type \(x.typeName) doesn't define __round__ method")
        }
    }

    static func extremum(_ args: Arguments, _ interp: Interpreter, name: String, wantLess: Bool) throws -> Value {
        let a = try args.bind(name, ["key", "default"], extraPositional: true)
        guard !args.positional.isEmpty else { throw PyException(BuiltinTypes.typeError, "\(name) expected at least 1 argument, got 0") }
        let items = args.positional.count == 1 ? try interp.toArray(args.positional[0]) : args.positional
        if args.positional.count > 1 && a[1] != nil {
            throw PyException(BuiltinTypes.typeError, "Cannot specify a default for \(name)() with multiple positional arguments")
        }
        guard var best = items.first else {
            if let d = a[1] { return d }
            throw PyException(BuiltinTypes.valueError, "\(name)() iterable argument is empty")
        }
        let key: Value? = a[0].flatMap { if case .none = $0 { return nil }; return $0 }
        var bestKey = try key.map { try interp.call($0, [best]) } ?? best
        for v in items.dropFirst() {
            let k = try key.map { try interp.call($0, [v]) } ?? v
            let better = wantLess ? try interp.lessThan(k, bestKey) : try interp.lessThan(bestKey, k)
            if better { best = v; bestKey = k }
        }
        return best
    }
}

extension Value {
    var isFloat: Bool {
        if case .float = self { return true }
        return false
    }
}

/// A stable merge sort whose comparisons may throw (Python's `sorted`/`list.sort`).
enum Sorting {
    static func sort(_ items: inout [Value], key: Value?, reverse: Bool, _ interp: Interpreter) throws {
        let keyFn: Value? = key.flatMap { if case .none = $0 { return nil }; return $0 }
        let keys = try keyFn.map { f in try items.map { try interp.call(f, [$0]) } } ?? items
        var order = Array(items.indices)
        var buffer = order
        func less(_ i: Int, _ j: Int) throws -> Bool {
            reverse ? try interp.lessThan(keys[j], keys[i]) : try interp.lessThan(keys[i], keys[j])
        }
        var width = 1
        let n = order.count
        while width < n {
            try interp.checkInterrupt()
            var start = 0
            while start < n {
                let mid = min(start + width, n)
                let end = min(start + 2 * width, n)
                var i = start, j = mid, k = start
                while i < mid && j < end {
                    if try less(order[j], order[i]) { buffer[k] = order[j]; j += 1 } else { buffer[k] = order[i]; i += 1 }
                    k += 1
                }
                while i < mid { buffer[k] = order[i]; i += 1; k += 1 }
                while j < end { buffer[k] = order[j]; j += 1; k += 1 }
                start = end
            }
            swap(&order, &buffer)
            width *= 2
        }
        items = order.map { items[$0] }
    }
}

/// `sys.stdout` / `sys.stderr`: `print(..., file=sys.stderr)` and `.write(text)`.
final class StreamObject: NativeObject {
    let stream: String
    init(_ stream: String) { self.stream = stream }
    var typeName: String { "TextIOWrapper" }
    func repr() throws -> String { "<_io.TextIOWrapper name='<\(stream)>' mode='w' encoding='utf-8'>" }
    var attributeNames: [String] { ["write", "flush"] }
    func getAttribute(_ name: String, interpreter: Interpreter) throws -> Value? {
        switch name {
        case "write":
            return .builtin(BuiltinFunction(name: "write", signature: "write(text, /)", doc: "Write text to the stream.") { [stream] args, interp in
                try args.expectPositional("write", min: 1, max: 1)
                guard case .str(let s) = args.positional[0] else { throw PyException(BuiltinTypes.typeError, "write() argument must be str, not \(args.positional[0].typeName)") }
                interp.output.write(s, stream: stream)
                return .int(Int64(s.unicodeScalars.count))
            })
        case "flush":
            return .builtin(BuiltinFunction(name: "flush", signature: "flush()", doc: "Does nothing (output is sent as it is written).") { _, _ in .none })
        default: return nil
        }
    }
}
