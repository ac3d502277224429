#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Methods of builtin types (`str.split`, `list.append`, `dict.get`...).
enum Methods {
    static func register(_ t: PyType) {
        switch t.name {
        case "str": registerStr(t)
        case "list": registerList(t)
        case "dict": registerDict(t)
        case "set": registerSet(t)
        case "tuple":
            t.addMethod("count", signature: "count(value, /)", doc: "Return number of occurrences of value.") { v, a, _ in
                try a.expectPositional("count", min: 1, max: 1)
                guard case .tuple(let items) = v else { return .int(0) }
                return .int(Int64(try items.filter { try pyEquals($0, a.positional[0]) }.count))
            }
            t.addMethod("index", signature: "index(value, /)", doc: "Return first index of value.") { v, a, _ in
                try a.expectPositional("index", min: 1, max: 1)
                guard case .tuple(let items) = v, let i = try items.firstIndex(where: { try pyEquals($0, a.positional[0]) }) else {
                    throw PyException(BuiltinTypes.valueError, "tuple.index(x): x not in tuple")
                }
                return .int(Int64(i))
            }
        case "int":
            registerScalarTensorMethods(t)
            t.addMethod("bit_length", signature: "bit_length()", doc: "Number of bits necessary to represent self in binary.") { v, a, _ in
                try a.expectPositional("bit_length", min: 0, max: 0)
                let i = v.intValue ?? 0
                return .int(Int64(64 - i.magnitude.leadingZeroBitCount))
            }
        case "float":
            registerScalarTensorMethods(t)
            t.addMethod("is_integer", signature: "is_integer()", doc: "Return True if the float is an integer.") { v, _, _ in
                guard case .float(let d) = v else { return .bool(false) }
                return .bool(d.isFinite && d == d.rounded())
            }
        case "range":
            t.addMethod("index", signature: "index(value, /)", doc: "Return index of value.") { v, a, interp in
                try a.expectPositional("index", min: 1, max: 1)
                guard case .range(let r) = v, try interp.contains(v, a.positional[0]), let x = a.positional[0].intValue else {
                    throw PyException(BuiltinTypes.valueError, "\((try? a.positional[0].repr()) ?? "?") is not in range")
                }
                return .int((x - r.start) / r.step)
            }
        default: break
        }
    }

    /// A 0-d array or tensor result is a Python number in this language (`a[0, 1]`,
    /// `tf.reduce_sum(x)`, `tf.random.categorical(...)[-1, 0]`), so numbers answer what NumPy
    /// scalars and 0-d TF tensors answer: `.item()` and `.numpy()` give the number itself (as
    /// `tf.random.categorical(logits, 1)[-1, 0].numpy()` in TensorFlow's text-generation tutorial).
    private static func registerScalarTensorMethods(_ t: PyType) {
        t.addMethod("item", signature: "item()", doc: "The number itself (NumPy scalars' item(): a 0-d array's value is already a Python number here).") { v, a, _ in
            try a.expectPositional("item", min: 0, max: 0)
            return v
        }
        t.addMethod("numpy", signature: "numpy()", doc: "The number itself (a 0-d TensorFlow tensor's numpy(): 0-d results are Python numbers here).") { v, a, _ in
            try a.expectPositional("numpy", min: 0, max: 0)
            return v
        }
    }

    // MARK: str

    private static func string(_ v: Value) -> String {
        if case .str(let s) = v { return s }
        return ""
    }

    private static func strArg(_ v: Value?, _ fn: String) throws -> String? {
        switch v {
        case nil, .none?: return nil
        case .str(let s)?: return s
        case let x?: throw PyException(BuiltinTypes.typeError, "\(fn) arg must be None or str, not \(x.typeName)")
        }
    }

    private static func registerStr(_ t: PyType) {
        t.addMethod("split", signature: "split(sep=None, maxsplit=-1)", doc: "Return a list of the substrings, using sep as the separator (runs of whitespace when None).") { v, args, _ in
            let a = try args.bind("split", ["sep", "maxsplit"])
            let s = string(v)
            let maxsplit = try a[1].map { try Constructors.integer($0) } ?? -1
            return .list(PyList(try split(s, sep: try strArg(a[0], "split"), maxsplit: maxsplit).map { .str($0) }))
        }
        t.addMethod("rsplit", signature: "rsplit(sep=None, maxsplit=-1)", doc: "Like split, from the right.") { v, args, _ in
            let a = try args.bind("rsplit", ["sep", "maxsplit"])
            let s = string(v)
            let maxsplit = try a[1].map { try Constructors.integer($0) } ?? -1
            let rev = String(s.reversed())
            let sep = try strArg(a[0], "rsplit").map { String($0.reversed()) }
            return .list(PyList(try split(rev, sep: sep, maxsplit: maxsplit).reversed().map { .str(String($0.reversed())) }))
        }
        t.addMethod("splitlines", signature: "splitlines(keepends=False)", doc: "Return a list of the lines in the string.") { v, _, _ in
            .list(PyList(string(v).split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
                .map { .str(String($0)) }.dropLast(string(v).hasSuffix("\n") ? 1 : 0)))
        }
        t.addMethod("join", signature: "join(iterable, /)", doc: "Concatenate any number of strings, with this string between them.") { v, args, interp in
            try args.expectPositional("join", min: 1, max: 1)
            var parts: [String] = []
            var total = 0
            for (i, x) in try interp.toArray(args.positional[0]).enumerated() {
                guard case .str(let s) = x else {
                    throw PyException(BuiltinTypes.typeError, "sequence item \(i): expected str instance, \(x.typeName) found")
                }
                total += s.utf8.count + string(v).utf8.count
                try Limits.checkLength(total)
                parts.append(s)
            }
            return .str(parts.joined(separator: string(v)))
        }
        for (name, f) in [("lower", { (s: String) in s.lowercased() }), ("upper", { $0.uppercased() }),
                          ("title", titleCase), ("capitalize", { s in s.prefix(1).uppercased() + s.dropFirst().lowercased() }),
                          ("swapcase", { s in String(s.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) }) })] {
            t.addMethod(name, signature: "\(name)()", doc: "Return a \(name) copy of the string.") { v, args, _ in
                try args.expectPositional(name, min: 0, max: 0)
                return .str(f(string(v)))
            }
        }
        for (name, left, right) in [("strip", true, true), ("lstrip", true, false), ("rstrip", false, true)] {
            t.addMethod(name, signature: "\(name)(chars=None, /)", doc: "Return a copy of the string with \(left && right ? "leading and trailing" : left ? "leading" : "trailing") whitespace (or chars) removed.") { v, args, _ in
                try args.expectPositional(name, min: 0, max: 1)
                let chars = try strArg(args.positional.first, name).map { Set($0.unicodeScalars) }
                func strip(_ u: Unicode.Scalar) -> Bool { chars?.contains(u) ?? u.properties.isWhitespace }
                var scalars = Substring(string(v)).unicodeScalars[...]
                if left { while let f = scalars.first, strip(f) { scalars.removeFirst() } }
                if right { while let l = scalars.last, strip(l) { scalars.removeLast() } }
                return .str(String(String.UnicodeScalarView(scalars)))
            }
        }
        t.addMethod("replace", signature: "replace(old, new, count=-1, /)", doc: "Return a copy with occurrences of old replaced by new.") { v, args, _ in
            try args.expectPositional("replace", min: 2, max: 3)
            guard case .str(let old) = args.positional[0], case .str(let new) = args.positional[1] else {
                throw PyException(BuiltinTypes.typeError, "replace() arguments must be str")
            }
            let count = try args.positional.count == 3 ? Constructors.integer(args.positional[2]) : -1
            let s = string(v)
            let pieces = old.isEmpty ? s.map { String($0) } : s.components(separatedBy: old)
            if old.isEmpty {
                let n = count < 0 ? pieces.count + 1 : Int(min(count, Int64(pieces.count + 1)))
                try Limits.checkLength(s.utf8.count + new.utf8.count * n)
                var out = ""
                for (i, p) in pieces.enumerated() { if i < n { out += new }; out += p }
                if n > pieces.count { out += new }
                return .str(out)
            }
            try Limits.checkLength(s.utf8.count + max(0, new.utf8.count - old.utf8.count) * pieces.count)
            if count < 0 || count >= Int64(pieces.count - 1) { return .str(pieces.joined(separator: new)) }
            let k = Int(count)
            return .str(pieces[0...k].joined(separator: new) + old + pieces[(k + 1)...].joined(separator: old))
        }
        for (name, atStart) in [("startswith", true), ("endswith", false)] {
            t.addMethod(name, signature: "\(name)(prefix, /)", doc: "Return True if the string \(atStart ? "starts" : "ends") with the given string (or any of a tuple of strings).") { v, args, _ in
                try args.expectPositional(name, min: 1, max: 1)
                let s = string(v)
                var options: [Value] = []
                if case .tuple(let t) = args.positional[0] { options = t } else { options = [args.positional[0]] }
                for o in options {
                    guard case .str(let p) = o else {
                        throw PyException(BuiltinTypes.typeError, "\(name) first arg must be str or a tuple of str, not \(o.typeName)")
                    }
                    if atStart ? s.unicodeScalars.starts(with: p.unicodeScalars) : s.unicodeScalars.reversed().starts(with: p.unicodeScalars.reversed()) {
                        return .bool(true)
                    }
                }
                return .bool(false)
            }
        }
        for name in ["find", "index", "rfind", "rindex"] {
            t.addMethod(name, signature: "\(name)(sub, start=None, end=None, /)", doc: "Return the lowest index where sub is found\(name.hasSuffix("index") ? " (ValueError when absent)" : ", or -1").") { v, args, _ in
                try args.expectPositional(name, min: 1, max: 3)
                guard case .str(let sub) = args.positional[0] else { throw PyException(BuiltinTypes.typeError, "must be str, not \(args.positional[0].typeName)") }
                let hay = Array(string(v).unicodeScalars)
                let needle = Array(sub.unicodeScalars)
                let n = hay.count
                func bound(_ i: Int, _ def: Int) throws -> Int {
                    guard args.positional.count > i, let x = args.positional[i].intValue else { return def }
                    let y = x < 0 ? max(0, x + Int64(n)) : min(x, Int64(n))
                    return Int(y)
                }
                let lo = try bound(1, 0), hi = try bound(2, n)
                var found = -1
                if hi - lo >= needle.count {
                    let candidates = Array(lo...(hi - needle.count))
                    for i in name.hasPrefix("r") ? candidates.reversed() : candidates {
                        if needle.isEmpty || hay[i..<(i + needle.count)].elementsEqual(needle) { found = i; break }
                    }
                }
                if found < 0 && name.hasSuffix("index") { throw PyException(BuiltinTypes.valueError, "substring not found") }
                return .int(Int64(found))
            }
        }
        t.addMethod("count", signature: "count(sub, /)", doc: "Return the number of non-overlapping occurrences of sub.") { v, args, _ in
            try args.expectPositional("count", min: 1, max: 1)
            guard case .str(let sub) = args.positional[0] else { throw PyException(BuiltinTypes.typeError, "must be str, not \(args.positional[0].typeName)") }
            let s = string(v)
            if sub.isEmpty { return .int(Int64(s.unicodeScalars.count + 1)) }
            return .int(Int64(s.components(separatedBy: sub).count - 1))
        }
        t.addMethod("format", signature: "format(*args, **kwargs)", doc: "Return a formatted version of the string, using substitutions from args and kwargs ({} {0} {name} {x:.2f}).") { v, args, interp in
            .str(try StringFormatter.format(string(v), args, interp))
        }
        for (name, test) in [("isdigit", { (u: Unicode.Scalar) in u.properties.numericType != nil && ("0"..."9").contains(u) || u.properties.numericType == .digit || u.properties.numericType == .decimal }),
                             ("isdecimal", { $0.properties.numericType == .decimal }),
                             ("isnumeric", { $0.properties.numericType != nil }),
                             ("isalpha", { $0.properties.isAlphabetic }),
                             ("isalnum", { $0.properties.isAlphabetic || $0.properties.numericType != nil }),
                             ("isspace", { $0.properties.isWhitespace })] {
            t.addMethod(name, signature: "\(name)()", doc: "Return True if the string is non-empty and every character passes \(name).") { v, _, _ in
                let s = string(v)
                return .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(test))
            }
        }
        t.addMethod("islower", signature: "islower()", doc: "Return True if all cased characters are lowercase and there is at least one.") { v, _, _ in
            let s = string(v); return .bool(s.contains { $0.isLowercase } && !s.contains { $0.isUppercase })
        }
        t.addMethod("isupper", signature: "isupper()", doc: "Return True if all cased characters are uppercase and there is at least one.") { v, _, _ in
            let s = string(v); return .bool(s.contains { $0.isUppercase } && !s.contains { $0.isLowercase })
        }
        t.addMethod("zfill", signature: "zfill(width, /)", doc: "Pad a numeric string with zeros on the left.") { v, args, _ in
            try args.expectPositional("zfill", min: 1, max: 1)
            let w = Int(clamping: try Constructors.integer(args.positional[0]))
            try Limits.checkLength(w)
            var s = string(v)
            let n = s.unicodeScalars.count
            guard w > n else { return .str(s) }
            var sign = ""
            if let f = s.first, f == "-" || f == "+" { sign = String(f); s.removeFirst() }
            return .str(sign + String(repeating: "0", count: w - n) + s)
        }
        for (name, align) in [("center", "^"), ("ljust", "<"), ("rjust", ">")] {
            t.addMethod(name, signature: "\(name)(width, fillchar=' ', /)", doc: "Return the string \(name == "center" ? "centered" : name == "ljust" ? "left-justified" : "right-justified") in a string of the given width.") { v, args, _ in
                try args.expectPositional(name, min: 1, max: 2)
                let w = Int(clamping: try Constructors.integer(args.positional[0]))
                try Limits.checkLength(w)
                var fill = " "
                if args.positional.count == 2 {
                    guard case .str(let f) = args.positional[1], f.unicodeScalars.count == 1 else {
                        throw PyException(BuiltinTypes.typeError, "The fill character must be exactly one character long")
                    }
                    fill = f
                }
                let s = string(v)
                let n = s.unicodeScalars.count
                guard w > n else { return .str(s) }
                let pad = w - n
                switch align {
                case "<": return .str(s + String(repeating: fill, count: pad))
                case ">": return .str(String(repeating: fill, count: pad) + s)
                default:
                    let left = pad / 2 + (pad & w & 1)
                    return .str(String(repeating: fill, count: left) + s + String(repeating: fill, count: pad - left))
                }
            }
        }
        t.addMethod("partition", signature: "partition(sep, /)", doc: "Split at the first occurrence of sep: (head, sep, tail).") { v, args, _ in
            try args.expectPositional("partition", min: 1, max: 1)
            guard case .str(let sep) = args.positional[0], !sep.isEmpty else { throw PyException(BuiltinTypes.valueError, "empty separator") }
            let s = string(v)
            guard let r = s.firstRange(of: sep) else { return .tuple([.str(s), .str(""), .str("")]) }
            return .tuple([.str(String(s[..<r.lowerBound])), .str(sep), .str(String(s[r.upperBound...]))])
        }
        t.addMethod("encode", signature: "encode(encoding='utf-8')", doc: "Bytes are not supported; returns the string unchanged.") { v, _, _ in v }
    }

    static func titleCase(_ s: String) -> String {
        var out = ""
        var previousCased = false
        for c in s {
            out += previousCased ? c.lowercased() : c.uppercased()
            previousCased = c.isLetter
        }
        return out
    }

    static func split(_ s: String, sep: String?, maxsplit: Int64) throws -> [String] {
        var result: [String] = []
        if let sep {
            if sep.isEmpty { throw PyException(BuiltinTypes.valueError, "empty separator") }
            var rest = Substring(s)
            while maxsplit < 0 || Int64(result.count) < maxsplit, let r = rest.firstRange(of: sep) {
                result.append(String(rest[..<r.lowerBound]))
                rest = rest[r.upperBound...]
            }
            result.append(String(rest))
            return result
        }
        var scalars = Substring(s).unicodeScalars[...]
        while true {
            while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
            if scalars.isEmpty { break }
            if maxsplit >= 0 && Int64(result.count) >= maxsplit {
                var tail = scalars
                while let l = tail.last, l.properties.isWhitespace { tail.removeLast() }
                result.append(String(String.UnicodeScalarView(tail)))
                break
            }
            var word = String.UnicodeScalarView()
            while let f = scalars.first, !f.properties.isWhitespace { word.append(f); scalars.removeFirst() }
            result.append(String(word))
        }
        return result
    }

    // MARK: list

    private static func list(_ v: Value) -> PyList {
        if case .list(let l) = v { return l }
        return PyList()
    }

    private static func registerList(_ t: PyType) {
        t.addMethod("append", signature: "append(object, /)", doc: "Append object to the end of the list.") { v, args, _ in
            try args.expectPositional("append", min: 1, max: 1)
            let l = list(v)
            try Limits.checkCount(l.items.count + 1)
            l.items.append(args.positional[0])
            return .none
        }
        t.addMethod("extend", signature: "extend(iterable, /)", doc: "Extend list by appending elements from the iterable.") { v, args, interp in
            try args.expectPositional("extend", min: 1, max: 1)
            let l = list(v)
            let extra = try interp.toArray(args.positional[0])
            try Limits.checkCount(l.items.count + extra.count)
            l.items.append(contentsOf: extra)
            return .none
        }
        t.addMethod("pop", signature: "pop(index=-1, /)", doc: "Remove and return item at index (default last).") { v, args, interp in
            try args.expectPositional("pop", min: 0, max: 1)
            let l = list(v)
            if l.items.isEmpty { throw PyException(BuiltinTypes.indexError, "pop from empty list") }
            let i = try args.positional.first.map { try interp.index($0, l.items.count, "pop") } ?? l.items.count - 1
            return l.items.remove(at: i)
        }
        t.addMethod("insert", signature: "insert(index, object, /)", doc: "Insert object before index.") { v, args, _ in
            try args.expectPositional("insert", min: 2, max: 2)
            let l = list(v)
            try Limits.checkCount(l.items.count + 1)
            var i = try Constructors.integer(args.positional[0])
            let n = Int64(l.items.count)
            if i < 0 { i = max(0, i + n) }
            l.items.insert(args.positional[1], at: Int(min(i, n)))
            return .none
        }
        t.addMethod("remove", signature: "remove(value, /)", doc: "Remove first occurrence of value (ValueError if absent).") { v, args, _ in
            try args.expectPositional("remove", min: 1, max: 1)
            let l = list(v)
            guard let i = try l.items.firstIndex(where: { try pyEquals($0, args.positional[0]) }) else {
                throw PyException(BuiltinTypes.valueError, "list.remove(x): x not in list")
            }
            l.items.remove(at: i)
            return .none
        }
        t.addMethod("index", signature: "index(value, start=0, stop=None, /)", doc: "Return first index of value (ValueError if absent).") { v, args, _ in
            try args.expectPositional("index", min: 1, max: 3)
            let l = list(v)
            guard let i = try l.items.firstIndex(where: { try pyEquals($0, args.positional[0]) }) else {
                throw PyException(BuiltinTypes.valueError, "\(try args.positional[0].repr()) is not in list")
            }
            return .int(Int64(i))
        }
        t.addMethod("count", signature: "count(value, /)", doc: "Return number of occurrences of value.") { v, args, _ in
            try args.expectPositional("count", min: 1, max: 1)
            return .int(Int64(try list(v).items.filter { try pyEquals($0, args.positional[0]) }.count))
        }
        t.addMethod("sort", signature: "sort(*, key=None, reverse=False)", doc: "Sort the list in place (stable).") { v, args, interp in
            let a = try args.bind("sort", ["key", "reverse"])
            if !args.positional.isEmpty { throw PyException(BuiltinTypes.typeError, "sort() takes no positional arguments") }
            let l = list(v)
            var items = l.items
            try Sorting.sort(&items, key: a[0], reverse: try a[1].map { try interp.truth($0) } ?? false, interp)
            l.items = items
            return .none
        }
        t.addMethod("reverse", signature: "reverse()", doc: "Reverse the list in place.") { v, _, _ in
            list(v).items.reverse()
            return .none
        }
        t.addMethod("copy", signature: "copy()", doc: "Return a shallow copy of the list.") { v, _, _ in .list(PyList(list(v).items)) }
        t.addMethod("clear", signature: "clear()", doc: "Remove all items from the list.") { v, _, _ in
            list(v).items.removeAll()
            return .none
        }
    }

    // MARK: dict

    private static func dict(_ v: Value) -> PyDict {
        if case .dict(let d) = v { return d }
        return PyDict()
    }

    private static func registerDict(_ t: PyType) {
        t.addMethod("keys", signature: "keys()", doc: "A view of the dict's keys (a snapshot in this language).") { v, _, _ in
            .object(DictView(kind: "dict_keys", items: dict(v).keys))
        }
        t.addMethod("values", signature: "values()", doc: "A view of the dict's values (a snapshot in this language).") { v, _, _ in
            .object(DictView(kind: "dict_values", items: dict(v).values))
        }
        t.addMethod("items", signature: "items()", doc: "A view of the dict's (key, value) pairs (a snapshot in this language).") { v, _, _ in
            .object(DictView(kind: "dict_items", items: dict(v).items.map { .tuple([$0.0, $0.1]) }))
        }
        t.addMethod("get", signature: "get(key, default=None, /)", doc: "Return the value for key if key is in the dictionary, else default.") { v, args, _ in
            try args.expectPositional("get", min: 1, max: 2)
            return try dict(v).get(args.positional[0]) ?? (args.positional.count == 2 ? args.positional[1] : .none)
        }
        t.addMethod("pop", signature: "pop(key, default=..., /)", doc: "Remove key and return its value, or default (KeyError if absent and no default).") { v, args, _ in
            try args.expectPositional("pop", min: 1, max: 2)
            if let x = try dict(v).table.remove(args.positional[0]) { return x }
            if args.positional.count == 2 { return args.positional[1] }
            throw PyException(BuiltinTypes.keyError, args: [args.positional[0]])
        }
        t.addMethod("popitem", signature: "popitem()", doc: "Remove and return the last (key, value) pair.") { v, _, _ in
            guard let (k, x) = dict(v).table.popLast() else { throw PyException(BuiltinTypes.keyError, "popitem(): dictionary is empty") }
            return .tuple([k, x])
        }
        t.addMethod("update", signature: "update(other=(), /, **kwargs)", doc: "Update the dict from a mapping or iterable of pairs, and keyword arguments.") { v, args, interp in
            let d = dict(v)
            if let src = args.positional.first { try Constructors.update(d, src, interp) }
            for (k, x) in args.keywords { try d.set(.str(k), x) }
            return .none
        }
        t.addMethod("setdefault", signature: "setdefault(key, default=None, /)", doc: "Insert key with a value of default if key is not in the dictionary; return the value for key.") { v, args, _ in
            try args.expectPositional("setdefault", min: 1, max: 2)
            let d = dict(v)
            if let x = try d.get(args.positional[0]) { return x }
            let def = args.positional.count == 2 ? args.positional[1] : .none
            try d.set(args.positional[0], def)
            return def
        }
        t.addMethod("copy", signature: "copy()", doc: "Return a shallow copy of the dict.") { v, _, _ in
            let d = PyDict()
            d.table = dict(v).table
            return .dict(d)
        }
        t.addMethod("clear", signature: "clear()", doc: "Remove all items.") { v, _, _ in
            dict(v).table.removeAll()
            return .none
        }
    }

    // MARK: set

    private static func pyset(_ v: Value) -> PySet {
        if case .set(let s) = v { return s }
        return PySet()
    }

    private static func registerSet(_ t: PyType) {
        t.addMethod("add", signature: "add(elem, /)", doc: "Add an element to the set.") { v, args, _ in
            try args.expectPositional("add", min: 1, max: 1)
            let s = pyset(v)
            try s.add(args.positional[0])
            try Limits.checkCount(s.count)
            return .none
        }
        t.addMethod("remove", signature: "remove(elem, /)", doc: "Remove an element (KeyError if absent).") { v, args, _ in
            try args.expectPositional("remove", min: 1, max: 1)
            if try pyset(v).table.remove(args.positional[0]) == nil { throw PyException(BuiltinTypes.keyError, args: [args.positional[0]]) }
            return .none
        }
        t.addMethod("discard", signature: "discard(elem, /)", doc: "Remove an element if present.") { v, args, _ in
            try args.expectPositional("discard", min: 1, max: 1)
            try pyset(v).table.remove(args.positional[0])
            return .none
        }
        t.addMethod("pop", signature: "pop()", doc: "Remove and return an arbitrary element.") { v, _, _ in
            guard let (k, _) = pyset(v).table.popLast() else { throw PyException(BuiltinTypes.keyError, "pop from an empty set") }
            return k
        }
        for (name, op) in [("union", BinaryOperator.bitOr), ("intersection", .bitAnd), ("difference", .subtract), ("symmetric_difference", .bitXor)] {
            t.addMethod(name, signature: "\(name)(*others)", doc: "Return the \(name.replacing("_", with: " ")) of sets as a new set.") { v, args, interp in
                var result = Value.set(try PySet(pyset(v).items))
                for o in args.positional {
                    result = try interp.binaryOp(op, result, .set(try PySet(try interp.toArray(o))))
                }
                return result
            }
        }
        t.addMethod("update", signature: "update(*others)", doc: "Add the elements of the iterables.") { v, args, interp in
            let s = pyset(v)
            for o in args.positional { for x in try interp.toArray(o) { try s.add(x) } }
            return .none
        }
        t.addMethod("issubset", signature: "issubset(other, /)", doc: "Report whether another set contains this set.") { v, args, interp in
            try args.expectPositional("issubset", min: 1, max: 1)
            let other = try PySet(try interp.toArray(args.positional[0]))
            return .bool(try pyset(v).items.allSatisfy { try other.contains($0) })
        }
        t.addMethod("issuperset", signature: "issuperset(other, /)", doc: "Report whether this set contains another set.") { v, args, interp in
            try args.expectPositional("issuperset", min: 1, max: 1)
            return .bool(try interp.toArray(args.positional[0]).allSatisfy { try pyset(v).contains($0) })
        }
        t.addMethod("copy", signature: "copy()", doc: "Return a shallow copy of the set.") { v, _, _ in .set(try PySet(pyset(v).items)) }
        t.addMethod("clear", signature: "clear()", doc: "Remove all elements.") { v, _, _ in
            pyset(v).table.removeAll()
            return .none
        }
    }
}
