#if canImport(Glibc)
import Glibc
#endif

/// The ticks of one axis as drawn: positions inside the limits, their labels, and the offset
/// text ("1e−5") matplotlib writes at the end of the axis.
struct AxisTicks {
    var major: [(value: Double, label: TickLabel)] = []
    var minor: [(value: Double, label: TickLabel)] = []
    var offsetText = ""

    /// Ticks for the x (`horizontal`) or y axis of `axes`, whose box is `length` points long.
    static func compute(_ axes: PlotAxes, horizontal: Bool, limits: (Double, Double), length: Double) -> AxisTicks {
        let scale = horizontal ? axes.xScale : axes.yScale
        let fixed = horizontal ? axes.xTicks : axes.yTicks
        let fixedLabels = horizontal ? axes.xTickLabels : axes.yTickLabels
        let lo = min(limits.0, limits.1), hi = max(limits.0, limits.1)
        let bins = TickLocator.bins(axisLength: length, fontSize: 10, horizontal: horizontal)
        var result = AxisTicks()
        func visible(_ v: Double) -> Bool {
            guard v.isFinite else { return false }
            if scale == .log {
                guard v > 0 else { return false }
                let t = log10(v), a = log10(lo), b = log10(hi)
                return t >= a - 1e-10 * abs(b - a) && t <= b + 1e-10 * abs(b - a)
            }
            let tolerance = 1e-10 * (hi - lo)
            return v >= lo - tolerance && v <= hi + tolerance
        }
        if let fixed {
            if let fixedLabels {
                result.major = zip(fixed, fixedLabels).filter { visible($0.0) }.map { ($0.0, TickLabel($0.1)) }
            } else if scale == .log {
                let formatter = LogTickFormatter(view: (lo, hi))
                result.major = fixed.filter(visible).map { ($0, formatter.label($0)) }
            } else {
                let formatter = ScalarTickFormatter(locs: fixed, view: (lo, hi))
                result.major = fixed.filter(visible).map { ($0, TickLabel(formatter.label($0))) }
                result.offsetText = formatter.offsetText
            }
            return result
        }
        switch scale {
        case .linear:
            let locs = TickLocator.linear(lo, hi, bins: bins)
            let formatter = ScalarTickFormatter(locs: locs, view: (lo, hi))
            result.major = locs.filter(visible).map { ($0, TickLabel(formatter.label($0))) }
            result.offsetText = formatter.offsetText
        case .log:
            let request = min(max(bins, 2), 9)
            let formatter = LogTickFormatter(view: (lo, hi))
            let major = TickLocator.log(lo, hi, request: request, minor: false)
            result.major = major.filter(visible).map { ($0, formatter.label($0)) }
            let majorSet = Set(result.major.map(\.value))
            let minor = TickLocator.log(lo, hi, request: request, minor: true)
            result.minor = minor.filter { visible($0) && !majorSet.contains($0) }.map { ($0, formatter.label($0)) }
        }
        return result
    }
}
