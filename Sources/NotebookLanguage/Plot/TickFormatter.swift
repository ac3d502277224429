#if canImport(Glibc)
import Glibc
#endif

// Tick label text as matplotlib writes it (3.11 `ticker.py`): ScalarFormatter on linear axes
// (shared decimals, no float noise, an offset or ×10^k written once at the axis end) and
// LogFormatterSciNotation on log axes (10^k, and k×10^n between decades when the range is short).

/// One tick label: text, and a superscript drawn after it (the exponent of `10^-2`).
struct TickLabel: Equatable, CustomStringConvertible {
    var text: String
    var superscript: String?

    init(_ text: String, superscript: String? = nil) {
        self.text = text
        self.superscript = superscript
    }

    var description: String { superscript.map { "\(text)^\($0)" } ?? text }
    var isEmpty: Bool { text.isEmpty && superscript == nil }
}

/// matplotlib's `ScalarFormatter` with its defaults (offset threshold 4, power limits -5 and 6,
/// Unicode minus).
struct ScalarTickFormatter {
    private(set) var offset = 0.0
    private(set) var orderOfMagnitude = 0
    private(set) var decimals = 0
    private let hasTicks: Bool

    /// `locs` are all the locator's ticks (some may lie outside `view`, the axis limits).
    init(locs: [Double], view: (Double, Double)) {
        hasTicks = !locs.isEmpty
        guard hasTicks else { return }
        let vmin = min(view.0, view.1), vmax = max(view.0, view.1)
        let visible = locs.filter { vmin <= $0 && $0 <= vmax }
        offset = Self.offset(visible)
        orderOfMagnitude = Self.orderOfMagnitude(visible, offset: offset, vmin: vmin, vmax: vmax)
        decimals = Self.decimals(locs, view: (vmin, vmax), offset: offset, order: orderOfMagnitude)
    }

    /// `_compute_offset`: a common leading part worth writing once (it saves 4+ digits).
    private static func offset(_ visible: [Double]) -> Double {
        guard let lmin = visible.min(), let lmax = visible.max(), lmin != lmax, !(lmin <= 0 && 0 <= lmax) else { return 0 }
        let absMin = min(abs(lmin), abs(lmax)), absMax = max(abs(lmin), abs(lmax))
        let sign = copysign(1, lmin)
        let oomMax = ceil(log10(absMax))
        func floorDiv(_ x: Double, _ oom: Double) -> Double { TickLocator.pyFloorDivide(x, pow(10, oom)) }
        var oom = oomMax
        while floorDiv(absMin, oom) == floorDiv(absMax, oom) && oom > -400 { oom -= 1 }
        oom += 1
        if (absMax - absMin) / pow(10, oom) <= 1e-2 {
            oom = oomMax
            while !(floorDiv(absMax, oom) - floorDiv(absMin, oom) > 1) && oom > -400 { oom -= 1 }
            oom += 1
        }
        return floorDiv(absMax, oom) >= 1000 ? sign * floorDiv(absMax, oom) * pow(10, oom) : 0
    }

    /// `_set_order_of_magnitude`: the power of ten factored out (outside 1e-5 ... 1e6 only).
    private static func orderOfMagnitude(_ visible: [Double], offset: Double, vmin: Double, vmax: Double) -> Int {
        guard !visible.isEmpty else { return 0 }
        let oom: Int
        if offset != 0 {
            oom = floorLog10(vmax - vmin)
        } else {
            let value = visible.map(abs).max() ?? 0
            oom = floorLog10(value)
        }
        return oom <= -5 || oom >= 6 ? oom : 0
    }

    /// `_set_format`: the fewest decimals that show every tick exactly (to 1e-3 of the range).
    private static func decimals(_ ticks: [Double], view: (Double, Double), offset: Double, order: Int) -> Int {
        let scale = pow(10, Double(order))
        let all = ticks.count < 2 ? ticks + [view.0, view.1] : ticks
        var locs = all.map { ($0 - offset) / scale }
        var range = (locs.max() ?? 0) - (locs.min() ?? 0)
        if range == 0 { range = locs.map(abs).max() ?? 0 }
        if range == 0 { range = 1 }
        if ticks.count < 2 { locs.removeLast(2) }
        guard range.isFinite else { return 0 }
        let rangeOOM = floorLog10(range)
        var sigfigs = max(0, 3 - rangeOOM)
        let threshold = 1e-3 * pow(10, Double(rangeOOM))
        while sigfigs >= 0 {
            let error = locs.map { abs($0 - TickLocator.npRound($0, decimals: sigfigs)) }.max() ?? 0
            if error < threshold { sigfigs -= 1 } else { break }
        }
        return min(sigfigs + 1, 60)
    }

    /// The label of tick `x`.
    func label(_ x: Double) -> String {
        guard hasTicks else { return "" }
        var scaled = (x - offset) / pow(10, Double(orderOfMagnitude))
        if abs(scaled) < 1e-8 { scaled = 0 }
        return Self.unicodeMinus(CFormat.double("%1.*f", precision: Int32(decimals), scaled))
    }

    /// `get_offset`: the text at the axis end ("1e−5", "+1e3", "1e6+2.5e4"), empty when unused.
    var offsetText: String {
        guard hasTicks, orderOfMagnitude != 0 || offset != 0 else { return "" }
        var offsetString = ""
        if offset != 0 {
            offsetString = Self.formatData(offset)
            if offset > 0 { offsetString = "+" + offsetString }
        }
        let sci = orderOfMagnitude != 0 ? "1e\(orderOfMagnitude)" : ""
        return Self.unicodeMinus(sci + offsetString)
    }

    /// `ScalarFormatter.format_data`: a number as `2.5e3`-style text.
    static func formatData(_ value: Double) -> String {
        let e = floorLog10(abs(value))
        let s = (value / pow(10, Double(e)) * 1e10).rounded() / 1e10
        let significand = s.truncatingRemainder(dividingBy: 1) == 0
            ? String(Int64(s)) : CFormat.double("%1.*g", precision: 10, s)
        return e == 0 ? significand : "\(significand)e\(e)"
    }

    /// matplotlib's `axes.unicode_minus`: U+2212 instead of a hyphen.
    static func unicodeMinus(_ s: String) -> String { s.replacing("-", with: "\u{2212}") }
}

/// floor(log10(x)) as an Int; 0 where that is not a finite number (x <= 0, NaN, inf), so a
/// degenerate range can never trap the conversion.
func floorLog10(_ x: Double) -> Int {
    let l = floor(log10(x))
    return l.isFinite && abs(l) < 10_000 ? Int(l) : 0
}

/// matplotlib's `LogFormatterSciNotation` (base 10) with its default minor thresholds (1, 0.4).
struct LogTickFormatter {
    /// Which multiples of a decade get labels; nil labels all.
    private let sublabels: Set<Int>

    init(view: (Double, Double)) {
        let vmin = min(view.0, view.1), vmax = max(view.0, view.1)
        guard vmin > 0, vmax.isFinite else { sublabels = [1]; return }
        let lmin = Glibc.log(vmin) / Glibc.log(10.0), lmax = Glibc.log(vmax) / Glibc.log(10.0)
        let tickCount = floor(lmax) - floor(lmin.nextDown)
        let decades = abs(lmax - lmin)
        if tickCount > 1 {
            sublabels = [1]
        } else if decades > 0.4 {
            sublabels = [1, 2, 3, 4, 6, 10]
        } else {
            sublabels = Set(1...10)
        }
    }

    /// The label of tick `x` (empty for unlabeled minor ticks).
    func label(_ x: Double) -> TickLabel {
        guard x > 0, x.isFinite else { return TickLabel("") }
        let fx = Glibc.log(x) / Glibc.log(10.0)
        let isDecade = Self.isCloseToInteger(fx)
        let exponent = isDecade ? fx.rounded(.toNearestOrEven) : floor(fx)
        guard abs(exponent) < 1000 else { return TickLabel("") }
        let coefficient = Int(pow(10, fx - exponent).rounded(.toNearestOrEven))
        guard sublabels.contains(coefficient) else { return TickLabel("") }
        let power = ScalarTickFormatter.unicodeMinus(String(Int(exponent)))
        if isDecade { return TickLabel("10", superscript: power) }
        var c = pow(10, fx - exponent)
        if Self.isCloseToInteger(c) { c = c.rounded() }
        return TickLabel(CFormat.double("%.*g", precision: 6, c) + "\u{00D7}10", superscript: power)
    }

    /// `_is_close_to_int`: `math.isclose(x, round(x))`.
    static func isCloseToInteger(_ x: Double) -> Bool {
        let r = x.rounded(.toNearestOrEven)
        return abs(x - r) <= 1e-9 * max(abs(x), abs(r))
    }
}
