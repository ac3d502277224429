#if canImport(Glibc)
import Glibc
#endif

// Where matplotlib puts ticks, followed line by line (matplotlib 3.11 `ticker.py`) so the same
// data gives the same ticks: MaxNLocator with steps 1, 2, 2.5, 5, 10 (the AutoLocator) on
// linear axes, LogLocator on log axes. Python's float `//`, `divmod` and NumPy's `round` are
// reproduced exactly because tick choice depends on their edge cases.

/// Tick positions for linear and log axes, as matplotlib's AutoLocator and LogLocator choose them.
enum TickLocator {
    /// `_staircase([1, 2, 2.5, 5, 10])`: the steps MaxNLocator tries, scaled to the range.
    static let extendedSteps: [Double] = [0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20]
    static let minimumTicks = 2

    /// How many intervals fit along an axis `length` points long (`Axis.get_tick_space`, clipped
    /// to 1...9): x tick labels need 3 font sizes each, y labels 2.
    static func bins(axisLength: Double, fontSize: Double, horizontal: Bool) -> Int {
        let size = fontSize * (horizontal ? 3 : 2)
        guard size > 0, axisLength.isFinite else { return 9 }
        return min(max(Int((axisLength / size).rounded(.down)), 1), 9)
    }

    /// `MaxNLocator.tick_values`: tick positions covering [vmin, vmax] (some may lie just outside).
    static func linear(_ vmin: Double, _ vmax: Double, bins: Int) -> [Double] {
        let (lo, hi) = nonsingular(vmin, vmax, expander: 1e-13, tiny: 1e-14)
        // A span that overflows a Double (±1e308 data) has no sensible steps: show the ends.
        guard (hi - lo).isFinite, bins > 0 else { return [lo, hi] }
        let (scale, offset) = scaleRange(lo, hi, bins)
        let low = lo - offset, high = hi - offset
        let steps = extendedSteps.map { $0 * scale }
        let rawStep = (high - low) / Double(bins)
        let firstLarge = steps.firstIndex(where: { $0 >= rawStep }) ?? steps.count - 1
        var ticks: [Double] = []
        for step in steps[...firstLarge].reversed() {
            let bestMin = pyFloorDivide(low, step) * step
            let first = edgeLE(low - bestMin, step: step, offset: offset)
            let last = edgeGE(high - bestMin, step: step, offset: offset)
            ticks = []
            var n = first
            // The count is small (a few tens at most) because step >= rawStep / 10.
            while n <= last && ticks.count < 1000 {
                ticks.append(n * step + bestMin)
                n += 1
            }
            let shown = ticks.filter { $0 <= high && $0 >= low }.count
            if shown >= minimumTicks { break }
        }
        return ticks.map { $0 + offset }
    }

    /// `scale_range`: the power of ten of one bin, and an offset when the range sits far from 0.
    static func scaleRange(_ vmin: Double, _ vmax: Double, _ n: Int) -> (scale: Double, offset: Double) {
        let dv = abs(vmax - vmin)
        let meanv = (vmax + vmin) / 2
        var offset = 0.0
        if !(abs(meanv) / dv < 100) {
            offset = copysign(pow(10, pyFloorDivide(log10(abs(meanv)), 1)), meanv)
        }
        let scale = pow(10, pyFloorDivide(log10(dv / Double(n)), 1))
        return (scale, offset)
    }

    /// `_Edge_integer.le`: the largest n with n * step <= x, allowing for rounding.
    static func edgeLE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = pyDivmod(x, step)
        return closeTo(m / step, 1, step: step, offset: offset) ? d + 1 : d
    }

    /// `_Edge_integer.ge`: the smallest n with n * step >= x, allowing for rounding.
    static func edgeGE(_ x: Double, step: Double, offset: Double) -> Double {
        let (d, m) = pyDivmod(x, step)
        return closeTo(m / step, 0, step: step, offset: offset) ? d : d + 1
    }

    private static func closeTo(_ ms: Double, _ edge: Double, step: Double, offset: Double) -> Bool {
        var tolerance = 1e-10
        if abs(offset) > 0 {
            let digits = log10(abs(offset) / step)
            tolerance = min(0.4999, max(1e-10, pow(10, digits - 12)))
        }
        return abs(ms - edge) < tolerance
    }

    /// `transforms._nonsingular`: widens an empty or degenerate interval; NaN/inf give ±expander.
    static func nonsingular(_ v0: Double, _ v1: Double, expander: Double, tiny: Double = 1e-15) -> (Double, Double) {
        guard v0.isFinite, v1.isFinite else { return (-expander, expander) }
        var vmin = min(v0, v1), vmax = max(v0, v1)
        let maxAbs = max(abs(vmin), abs(vmax))
        if maxAbs < (1e6 / tiny) * Double.leastNormalMagnitude {
            vmin = -expander
            vmax = expander
        } else if vmax - vmin <= maxAbs * tiny {
            if vmax == 0 && vmin == 0 {
                vmin = -expander
                vmax = expander
            } else {
                vmin -= expander * abs(vmin)
                vmax += expander * abs(vmax)
            }
        }
        return (vmin, vmax)
    }

    // MARK: Log axes

    /// `LogLocator.nonsingular` (base 10): a positive interval for a log axis.
    static func logNonsingular(_ v0: Double, _ v1: Double, minPositive: Double) -> (Double, Double) {
        var vmin = min(v0, v1), vmax = max(v0, v1)
        if !vmin.isFinite || !vmax.isFinite || vmax <= 0 { return (1, 10) }
        if vmin <= 0 { vmin = minPositive.isFinite ? minPositive : 1e-300 }
        if vmin == vmax {
            vmin = decadeBelow(vmin)
            vmax = decadeAbove(vmax)
        }
        return (vmin, vmax)
    }

    /// The largest power of ten strictly below x (x > 0).
    static func decadeBelow(_ x: Double) -> Double {
        let d = pow(10, floor(log10(x)))
        return d == x ? d / 10 : d
    }

    /// The smallest power of ten strictly above x (x > 0).
    static func decadeAbove(_ x: Double) -> Double {
        let d = pow(10, ceil(log10(x)))
        return d == x ? d * 10 : d
    }

    /// `LogLocator.tick_values` for base 10: major ticks (`minor` false) at decades, minor ticks
    /// at 2..9 times each decade. `request` is the axis' tick space clipped to 2...9.
    static func log(_ v0: Double, _ v1: Double, request: Int, minor: Bool) -> [Double] {
        var vmin = v0, vmax = v1
        if vmax < vmin { swap(&vmin, &vmax) }
        guard vmin > 0, vmax.isFinite else { return [] }
        let efmin = log10(vmin), efmax = log10(vmax)
        let emin = Int(ceil(efmin)), emax = Int(floor(efmax))
        let available = emax - emin + 1
        var subs: [Double] = [1]
        if minor {
            if available >= 10 { return [] }
            subs = [2, 3, 4, 5, 6, 7, 8, 9]
        }
        var nRequest = request
        var stride = available / (nRequest + 1) + 1
        let needed = Int((Double(available) / Double(stride)).rounded(.up))
        if needed <= nRequest { nRequest = needed }
        var decades: [Int]
        if nRequest == 0 {
            decades = [emin - 1, emax + 1]
            stride = decades[1] - decades[0]
        } else if nRequest == 1 {
            let mid = Int(((efmin + efmax) / 2).rounded(.toNearestOrEven))
            stride = max(mid - (emin - 1), (emax + 1) - mid)
            decades = [mid - stride, mid, mid + stride]
        } else {
            stride = (available - 1) / (nRequest - 1)
            if Double(stride) < Double(available) / Double(nRequest) { stride = available / nRequest }
            let olo = max(available - stride * nRequest, 0)
            let ohi = min(available - stride * (nRequest - 1), stride)
            var offset = ((-emin) % stride + stride) % stride
            if !(olo <= offset && offset < ohi) { offset = olo }
            decades = Array(Swift.stride(from: emin + offset - stride, to: emax + stride + 1, by: stride))
        }
        var ticks: [Double] = []
        if minor {
            if stride == 1 || available <= 1 {
                for decade in (emin - 1)...(emax) {
                    ticks += subs.map { $0 * pow(10, Double(decade)) }
                }
            }
            let inside = ticks.filter { vmin <= $0 && $0 <= vmax }.count
            if stride == 1 && decades.count - 2 + inside <= 1 {
                // Less than a decade with at most one tick: matplotlib falls back to the AutoLocator.
                return linear(vmin, vmax, bins: 9)
            }
        } else {
            ticks = decades.map { pow(10, Double($0)) }
        }
        return ticks
    }

    // MARK: Python float arithmetic

    /// CPython's `divmod(x, y)` for floats (floor quotient, remainder with the sign of y).
    static func pyDivmod(_ x: Double, _ y: Double) -> (Double, Double) {
        var mod = fmod(x, y)
        var div = (x - mod) / y
        if mod != 0 {
            if (y < 0) != (mod < 0) {
                mod += y
                div -= 1
            }
        } else {
            mod = copysign(0, y)
        }
        var floorDiv: Double
        if div != 0 {
            floorDiv = floor(div)
            if div - floorDiv > 0.5 { floorDiv += 1 }
        } else {
            floorDiv = copysign(0, x / y)
        }
        return (floorDiv, mod)
    }

    /// Python's `x // y` for floats.
    static func pyFloorDivide(_ x: Double, _ y: Double) -> Double { pyDivmod(x, y).0 }

    /// NumPy's `np.round(x, decimals)`: scale, round half to even, unscale.
    static func npRound(_ x: Double, decimals: Int) -> Double {
        let factor = pow(10, Double(decimals))
        return (x * factor).rounded(.toNearestOrEven) / factor
    }
}
