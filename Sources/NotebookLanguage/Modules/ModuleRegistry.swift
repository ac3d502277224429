#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Where `import name` finds modules. Each session has its own registry; native libraries
/// (numpy, tensorflow...) add loaders to it. A loader runs once per session, on first import.
public final class ModuleRegistry {
    private var loaders: [String: () -> PyModule] = [:]

    /// A registry with the standard modules (`math`, `random`, `time`, `sys`) when `standard`.
    public init(standard: Bool = true) {
        if standard {
            register("math", loader: MathModule.make)
            register("random", loader: RandomModule.make)
            register("time", loader: TimeModule.make)
            register("sys", loader: SysModule.make)
            register(DisplayModule.name, loader: DisplayModule.make)
            register("IPython", loader: DisplayModule.makePackage)
            register("numpy", loader: NumPyModule.make)
            register("matplotlib", loader: Pyplot.makePackage)
            // tensorflow and keras share one Keras state (names, weight RNG) per registry.
            let keras = KerasModules()
            register("tensorflow", loader: keras.tensorflow)
            register("keras", loader: keras.keras)
        }
    }

    /// Adds (or replaces) a module. Dotted names (`tensorflow.keras`) may be registered too;
    /// otherwise `import a.b` walks module members.
    public func register(_ name: String, loader: @escaping () -> PyModule) {
        loaders[name] = loader
    }

    /// Registered module names, sorted.
    public var names: [String] { loaders.keys.sorted() }

    func load(_ name: String) -> PyModule? { loaders[name]?() }
}

/// `math`: float functions and constants.
enum MathModule {
    static func make() -> PyModule {
        let m = PyModule(name: "math", doc: "Mathematical functions (float).")
        m.set("pi", .float(Double.pi))
        m.set("e", .float(M_E))
        m.set("tau", .float(2 * Double.pi))
        m.set("inf", .float(.infinity))
        m.set("nan", .float(.nan))
        func real(_ v: Value, _ fn: String) throws -> Double {
            guard let d = v.doubleValue else { throw PyException(BuiltinTypes.typeError, "must be real number, not \(v.typeName)") }
            return d
        }
        func unary(_ name: String, _ doc: String, domain: @escaping (Double) -> Bool = { _ in true },
                   _ f: @escaping (Double) -> Double) {
            m.addFunction(name, signature: "\(name)(x, /)", doc: doc) { args, _ in
                try args.expectPositional(name, min: 1, max: 1)
                let x = try real(args.positional[0], name)
                guard domain(x) else { throw PyException(BuiltinTypes.valueError, "math domain error") }
                let r = f(x)
                if r.isInfinite && x.isFinite { throw PyException(BuiltinTypes.overflowError, "math range error") }
                return .float(r)
            }
        }
        unary("sqrt", "Return the square root of x.", domain: { $0 >= 0 || $0.isNaN }, Glibc.sqrt)
        unary("exp", "Return e raised to the power of x.", Glibc.exp)
        unary("expm1", "Return exp(x)-1.", Glibc.expm1)
        unary("log2", "Return the base 2 logarithm of x.", domain: { $0 > 0 || $0.isNaN }, Glibc.log2)
        unary("log10", "Return the base 10 logarithm of x.", domain: { $0 > 0 || $0.isNaN }, Glibc.log10)
        unary("log1p", "Return the natural logarithm of 1+x.", domain: { $0 > -1 || $0.isNaN }, Glibc.log1p)
        unary("sin", "Return the sine of x (radians).", domain: { !$0.isInfinite }, Glibc.sin)
        unary("cos", "Return the cosine of x (radians).", domain: { !$0.isInfinite }, Glibc.cos)
        unary("tan", "Return the tangent of x (radians).", domain: { !$0.isInfinite }, Glibc.tan)
        unary("asin", "Return the arc sine of x.", domain: { abs($0) <= 1 || $0.isNaN }, Glibc.asin)
        unary("acos", "Return the arc cosine of x.", domain: { abs($0) <= 1 || $0.isNaN }, Glibc.acos)
        unary("atan", "Return the arc tangent of x.", Glibc.atan)
        unary("sinh", "Return the hyperbolic sine of x.", Glibc.sinh)
        unary("cosh", "Return the hyperbolic cosine of x.", Glibc.cosh)
        unary("tanh", "Return the hyperbolic tangent of x.", Glibc.tanh)
        unary("fabs", "Return the absolute value of the float x.", Swift.abs)
        unary("degrees", "Convert angle x from radians to degrees.", { $0 * 180 / Double.pi })
        unary("radians", "Convert angle x from degrees to radians.", { $0 * Double.pi / 180 })
        unary("erf", "Error function at x.", Glibc.erf)
        unary("gamma", "Gamma function at x.", domain: { !($0 <= 0 && $0 == $0.rounded()) }, Glibc.tgamma)
        m.addFunction("log", signature: "log(x, base=e, /)", doc: "Return the logarithm of x to the given base (natural logarithm by default).") { args, _ in
            try args.expectPositional("log", min: 1, max: 2)
            let x = try real(args.positional[0], "log")
            guard x > 0 else { throw PyException(BuiltinTypes.valueError, "math domain error") }
            if args.positional.count == 2 {
                let b = try real(args.positional[1], "log")
                guard b > 0, b != 1 else { throw PyException(b == 1 ? BuiltinTypes.zeroDivisionError : BuiltinTypes.valueError, b == 1 ? "float division by zero" : "math domain error") }
                return .float(Glibc.log(x) / Glibc.log(b))
            }
            return .float(Glibc.log(x))
        }
        for (name, rule) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.addFunction(name, signature: "\(name)(x, /)", doc: "Return \(name == "floor" ? "the floor" : name == "ceil" ? "the ceiling" : "x truncated") as an int.") { args, _ in
                try args.expectPositional(name, min: 1, max: 1)
                if let i = args.positional[0].intValue { return .int(i) }
                return .int(try Checked.int(try real(args.positional[0], name).rounded(rule)))
            }
        }
        m.addFunction("pow", signature: "pow(x, y, /)", doc: "Return x**y (x to the power of y) as a float.") { args, _ in
            try args.expectPositional("pow", min: 2, max: 2)
            let x = try real(args.positional[0], "pow"), y = try real(args.positional[1], "pow")
            if x < 0 && y != y.rounded() { throw PyException(BuiltinTypes.valueError, "math domain error") }
            return .float(try Interpreter.floatPower(x, y))
        }
        m.addFunction("atan2", signature: "atan2(y, x, /)", doc: "Return the arc tangent (measured in radians) of y/x.") { args, _ in
            try args.expectPositional("atan2", min: 2, max: 2)
            return .float(Glibc.atan2(try real(args.positional[0], "atan2"), try real(args.positional[1], "atan2")))
        }
        m.addFunction("hypot", signature: "hypot(*coordinates)", doc: "Multidimensional Euclidean distance from the origin to a point.") { args, _ in
            .float(Glibc.sqrt(try args.positional.reduce(0.0) { let d = try real($1, "hypot"); return $0 + d * d }))
        }
        m.addFunction("copysign", signature: "copysign(x, y, /)", doc: "Return a float with the magnitude of x but the sign of y.") { args, _ in
            try args.expectPositional("copysign", min: 2, max: 2)
            return .float(Glibc.copysign(try real(args.positional[0], "copysign"), try real(args.positional[1], "copysign")))
        }
        for (name, test) in [("isnan", { (d: Double) in d.isNaN }), ("isinf", { $0.isInfinite }), ("isfinite", { $0.isFinite })] {
            m.addFunction(name, signature: "\(name)(x, /)", doc: "Return True if x is \(name.dropFirst(2)).") { args, _ in
                try args.expectPositional(name, min: 1, max: 1)
                return .bool(test(try real(args.positional[0], name)))
            }
        }
        m.addFunction("isclose", signature: "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)", doc: "Determine whether two floating-point numbers are close in value.") { args, _ in
            let a = try args.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], required: 2)
            let x = try real(a[0]!, "isclose"), y = try real(a[1]!, "isclose")
            let rel = try a[2].map { try real($0, "isclose") } ?? 1e-9
            let abst = try a[3].map { try real($0, "isclose") } ?? 0
            if x == y { return .bool(true) }
            if x.isInfinite || y.isInfinite { return .bool(false) }
            let diff = Swift.abs(x - y)
            return .bool(diff <= Swift.abs(rel * y) || diff <= Swift.abs(rel * x) || diff <= abst)
        }
        m.addFunction("factorial", signature: "factorial(n, /)", doc: "Find n! (OverflowError past 20! with 64-bit ints).") { args, _ in
            try args.expectPositional("factorial", min: 1, max: 1)
            let n = try Constructors.integer(args.positional[0])
            if n < 0 { throw PyException(BuiltinTypes.valueError, "factorial() not defined for negative values") }
            var r: Int64 = 1
            var i: Int64 = 2
            while i <= n { r = try Checked.multiply(r, i); i += 1 }
            return .int(r)
        }
        m.addFunction("gcd", signature: "gcd(*integers)", doc: "Greatest Common Divisor.") { args, _ in
            var g: Int64 = 0
            for v in args.positional {
                var a = try Constructors.integer(v).magnitude, b = g.magnitude
                while b != 0 { (a, b) = (b, a % b) }
                guard let x = Int64(exactly: a) else { throw PyException(BuiltinTypes.overflowError, "gcd too large") }
                g = x
            }
            return .int(g)
        }
        m.addFunction("comb", signature: "comb(n, k, /)", doc: "Number of ways to choose k items from n items without repetition and without order.") { args, _ in
            try args.expectPositional("comb", min: 2, max: 2)
            let n = try Constructors.integer(args.positional[0]), k = try Constructors.integer(args.positional[1])
            if n < 0 || k < 0 { throw PyException(BuiltinTypes.valueError, "n and k must be non-negative integers") }
            if k > n { return .int(0) }
            var r: Int64 = 1
            let kk = min(k, n - k)
            var i: Int64 = 0
            while i < kk {
                r = try Checked.multiply(r, n - i) / (i + 1)
                i += 1
            }
            return .int(r)
        }
        m.addFunction("prod", signature: "prod(iterable, /, *, start=1)", doc: "Calculate the product of all the elements in the input iterable.") { args, interp in
            let a = try args.bind("prod", ["iterable", "start"], required: 1)
            var r = a[1] ?? .int(1)
            for v in try interp.toArray(a[0]!) { r = try interp.binaryOp(.multiply, r, v) }
            return r
        }
        m.addFunction("fsum", signature: "fsum(iterable, /)", doc: "Return an accurate floating-point sum of values in the iterable.") { args, interp in
            try args.expectPositional("fsum", min: 1, max: 1)
            var s = 0.0, c = 0.0
            for v in try interp.toArray(args.positional[0]) {
                let x = try real(v, "fsum")
                let t = s + x
                c += Swift.abs(s) >= Swift.abs(x) ? (s - t) + x : (x - t) + s
                s = t
            }
            return .float(s + c)
        }
        return m
    }
}

/// `time`: wall clock and an interruptible `sleep`.
enum TimeModule {
    static func make() -> PyModule {
        let m = PyModule(name: "time", doc: "Time access.")
        m.addFunction("time", signature: "time()", doc: "Return the current time in seconds since the Epoch.") { _, _ in
            .float(Date().timeIntervalSince1970)
        }
        for name in ["perf_counter", "monotonic"] {
            m.addFunction(name, signature: "\(name)()", doc: "Monotonic clock in fractional seconds.") { _, _ in
                .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9)
            }
        }
        m.addFunction("sleep", signature: "sleep(seconds, /)", doc: "Delay execution for a given number of seconds (interruptible).") { args, interp in
            try args.expectPositional("sleep", min: 1, max: 1)
            guard let s = args.positional[0].doubleValue, !s.isNaN else {
                throw PyException(BuiltinTypes.typeError, "'\(args.positional[0].typeName)' object cannot be interpreted as an integer or float")
            }
            if s < 0 { throw PyException(BuiltinTypes.valueError, "sleep length must be non-negative") }
            let end = Date().addingTimeInterval(min(s, 1e9))
            while true {
                try interp.checkInterrupt()
                let left = end.timeIntervalSinceNow
                if left <= 0 { break }
                // Short naps so an interrupt is seen within ~10 ms.
                usleep(useconds_t(min(left, 0.01) * 1e6))
            }
            return .none
        }
        return m
    }
}

/// `sys`: version, streams and limits.
enum SysModule {
    static func make() -> PyModule {
        let m = PyModule(name: "sys", doc: "System-specific parameters.")
        m.set("version", .str("\(NotebookSession.languageVersion) (\(NotebookSession.languageName), Swift RNN kernel)"))
        m.set("platform", .str("linux"))
        m.set("maxsize", .int(Int64.max))
        m.set("argv", .list(PyList([])))
        m.set("stdout", .object(StreamObject("stdout")))
        m.set("stderr", .object(StreamObject("stderr")))
        m.addFunction("getrecursionlimit", signature: "getrecursionlimit()", doc: "Return the maximum call depth (fixed in this language).") { _, _ in
            .int(Int64(Limits.maximumCallDepth))
        }
        return m
    }
}
