import Glibc

// NumPy 2's array printing (numpy/_core/arrayprint.py) for our dtypes, with NumPy's defaults:
// precision 8, floatmode 'maxprec', linewidth 75, threshold 1000, edgeitems 3, sign '-'.
// The names follow arrayprint.py (pad_left, pad_right, _formatArray, _extendLine) so the two
// can be read side by side.

/// The digits of a decimal number: value = 0.d1d2d3... × 10^point; `digits` has no leading or
/// trailing zeros and is empty for zero.
struct DecimalDigits {
    var negative: Bool
    var digits: [Character]
    var point: Int

    /// Parses C/Swift spellings like "-12.50", "1.25e-05", "0.0".
    init(parsing text: String) {
        var s = Substring(text)
        negative = s.first == "-"
        if negative { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts.first.map(Array.init) ?? []
        let fracPart = parts.count > 1 ? Array(parts[1]) : []
        var d = intPart + fracPart
        var p = intPart.count + exponent
        while d.first == "0" { d.removeFirst(); p -= 1 }
        while d.last == "0" { d.removeLast() }
        digits = d
        point = d.isEmpty ? 0 : p
    }

    /// The shortest digits that round-trip to `x` (Swift's `description` is shortest-unique, like Dragon4's unique mode).
    static func shortest(_ x: Float) -> DecimalDigits { DecimalDigits(parsing: x.description) }

    /// `x` correctly rounded with a C format ("%.8f", "%.8e"); glibc prints the exact binary value rounded.
    static func cFormatted(_ x: Float, _ format: String) -> DecimalDigits {
        var buffer = [CChar](repeating: 0, count: 128)
        _ = withVaList([Double(x)]) { vsnprintf(&buffer, 128, format, $0) }
        return DecimalDigits(parsing: String(cString: buffer))
    }

    /// Digits of the integer part ("0" when below one).
    var integerPart: String {
        guard point > 0 else { return "0" }
        let head = digits.prefix(point)
        return String(head) + String(repeating: "0", count: point - head.count)
    }

    /// Digits after the decimal point, without trailing zeros.
    var fractionPart: String {
        if point >= digits.count { return "" }
        if point < 0 { return String(repeating: "0", count: -point) + String(digits) }
        return String(digits[point...])
    }
}

/// Formats the elements of one tensor the way NumPy's FloatingFormat / IntegerFormat / BoolFormat do.
struct ArrayFormatter {
    private enum Mode {
        case positional(padLeft: Int, padRight: Int)
        case scientific(padLeft: Int, precision: Int, expSize: Int)
        case integer(width: Int)
        case boolean
    }
    private var mode: Mode
    private var nonFiniteWidth: Int

    /// Widths and mode computed from the elements that will be shown (NumPy's `fillFormat`).
    init(tensor: Tensor, shown: [Int]) {
        switch tensor.dtype {
        case .bool:
            mode = .boolean
            nonFiniteWidth = 0
        case .int64:
            let width = shown.map { String(tensor.ints[$0]).count }.max() ?? 1
            mode = .integer(width: width)
            nonFiniteWidth = 0
        case .float32:
            let values = shown.map { tensor.floats[$0] }
            let finite = values.filter { $0.isFinite }
            let nonZero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
            var exponential = false
            if let maxV = nonZero.max(), let minV = nonZero.min() {
                // float32's cutoff is 10**min(8, finfo.precision=6); comparisons happen in float32 (NEP 50).
                exponential = maxV >= Float(1e6) || minV < Float(0.0001) || maxV / minV > Float(1000)
            }
            var padLeft = 0, padRight = 0
            if finite.isEmpty {
                mode = .positional(padLeft: 0, padRight: 0)
            } else if exponential {
                let parts = finite.map(ArrayFormatter.scientificParts)
                let expSize = parts.map { String(Swift.abs($0.exponent)).count }.max().map { Swift.max($0, 2) } ?? 2
                let precision = parts.map { $0.fraction.count }.max() ?? 0
                padLeft = parts.map { $0.integer.count }.max() ?? 1
                padRight = expSize + 2 + precision
                mode = .scientific(padLeft: padLeft, precision: precision, expSize: expSize)
            } else {
                let parts = finite.map(ArrayFormatter.positionalParts)
                padLeft = parts.map { $0.integer.count }.max() ?? 1
                padRight = parts.map { $0.fraction.count }.max() ?? 0
                mode = .positional(padLeft: padLeft, padRight: padRight)
            }
            if finite.count != values.count {
                let negInf = values.contains { $0.isInfinite && $0 < 0 } ? 1 : 0
                padLeft = Swift.max(padLeft, 3 - (padRight + 1), 3 + negInf - (padRight + 1))
                if case .scientific(_, let p, let e) = mode { mode = .scientific(padLeft: padLeft, precision: p, expSize: e) }
                else { mode = .positional(padLeft: padLeft, padRight: padRight) }
            }
            nonFiniteWidth = padLeft + padRight + 1
        }
    }

    /// Positional digits at precision 8, unique, trim '.': ("-1", "25") for -1.25, ("1", "") for 1.
    static func positionalParts(_ x: Float) -> (integer: String, fraction: String) {
        var d = DecimalDigits.shortest(x)
        if d.digits.count - d.point > 8 { d = DecimalDigits.cFormatted(x, "%.8f") }
        return ((d.negative ? "-" : "") + d.integerPart, d.fractionPart)
    }

    /// Scientific digits at precision 8, unique: ("-1", "25", -5) for -1.25e-05.
    static func scientificParts(_ x: Float) -> (integer: String, fraction: String, exponent: Int) {
        var d = DecimalDigits.shortest(x)
        if d.digits.count > 9 { d = DecimalDigits.cFormatted(x, "%.8e") }
        if d.digits.isEmpty { return ((d.negative ? "-" : "") + "0", "", 0) }
        return ((d.negative ? "-" : "") + String(d.digits[0]), String(d.digits.dropFirst()), d.point - 1)
    }

    /// One element at row-major position `i`, padded to the common width.
    func format(_ tensor: Tensor, _ i: Int) -> String {
        switch mode {
        case .boolean:
            // NumPy pads True to False's width in arrays, not for a 0-d array.
            return tensor.ints[i] != 0 ? (tensor.ndim == 0 ? "True" : " True") : "False"
        case .integer(let width):
            return ArrayFormatter.leftPad(String(tensor.ints[i]), width)
        case .positional(let padLeft, let padRight):
            let x = tensor.floats[i]
            guard x.isFinite else { return ArrayFormatter.leftPad(ArrayFormatter.nonFinite(x), nonFiniteWidth) }
            let p = ArrayFormatter.positionalParts(x)
            return ArrayFormatter.leftPad(p.integer, padLeft) + "." + p.fraction + String(repeating: " ", count: padRight - p.fraction.count)
        case .scientific(let padLeft, let precision, let expSize):
            let x = tensor.floats[i]
            guard x.isFinite else { return ArrayFormatter.leftPad(ArrayFormatter.nonFinite(x), nonFiniteWidth) }
            var p = ArrayFormatter.scientificParts(x)
            if p.fraction.count < precision {
                // NumPy's min_digits: padding digits are the exact value's next digits, not zeros.
                let d = DecimalDigits.cFormatted(x, "%.\(precision)e")
                if !d.digits.isEmpty { p = ((d.negative ? "-" : "") + String(d.digits[0]), String(d.digits.dropFirst()), d.point - 1) }
            }
            let exponentDigits = String(Swift.abs(p.exponent))
            return ArrayFormatter.leftPad(p.integer, padLeft) + "." + p.fraction + String(repeating: "0", count: precision - p.fraction.count)
                + "e" + (p.exponent < 0 ? "-" : "+") + String(repeating: "0", count: Swift.max(0, expSize - exponentDigits.count)) + exponentDigits
        }
    }

    static func nonFinite(_ x: Float) -> String { x.isNaN ? "nan" : x < 0 ? "-inf" : "inf" }

    static func leftPad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    /// NumPy's scalar `str` for one float32: positional with ".0" between 1e-4 and 1e16, else "1e-05" style.
    static func scalarString(_ x: Float) -> String {
        guard x.isFinite else { return nonFinite(x) }
        let a = Swift.abs(x)
        if a == 0 || (a >= Float(1e-4) && a < Float(1e16)) {
            let d = DecimalDigits.shortest(x)
            let fraction = d.fractionPart
            return (d.negative ? "-" : "") + d.integerPart + "." + (fraction.isEmpty ? "0" : fraction)
        }
        let d = DecimalDigits.shortest(x)
        let exponent = d.point - 1
        let rest = String(d.digits.dropFirst())
        let e = String(Swift.abs(exponent))
        return (d.negative ? "-" : "") + String(d.digits[0]) + (rest.isEmpty ? "" : "." + rest)
            + "e" + (exponent < 0 ? "-" : "+") + (e.count < 2 ? "0" + e : e)
    }
}
