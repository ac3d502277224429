/// pyplot's global state for one session: the open figures and the current one, and the
/// inline-backend rule that figures still open when a cell ends are shown and closed.
final class PyplotState {
    private(set) var figures: [PlotFigure] = []
    private(set) var current: PlotFigure?
    /// Defaults changed through `plt.rcParams` (only `figure.figsize` and `figure.dpi` are read).
    let rcParams = PyDict()

    /// Connects the cell-end display to this session's interpreter (once).
    func attach(_ interp: Interpreter) {
        guard interp.cellEndHooks["matplotlib"] == nil else { return }
        interp.cellEndHooks["matplotlib"] = { [weak self] interp in self?.flush(interp.output) }
    }

    /// `plt.figure(num)`: an open figure by number, or a new one.
    func figure(number: Int? = nil, interp: Interpreter) -> PlotFigure {
        if let number, let open = figures.first(where: { $0.number == number }) {
            current = open
            return open
        }
        let n = number ?? ((figures.map(\.number).max() ?? 0) + 1)
        let f = PlotFigure(number: n)
        f.manager = self
        if let size = try? rcParams.get(.str("figure.figsize")), let wh = try? PlotArgument.size(size, interp) {
            (f.width, f.height) = wh
        }
        if let dpi = try? rcParams.get(.str("figure.dpi")), let d = dpi.doubleValue, d > 0, d < 10_000 { f.dpi = d }
        figures.append(f)
        current = f
        return f
    }

    /// `plt.gcf()`: the current figure, made when there is none.
    func currentFigure(_ interp: Interpreter) -> PlotFigure { current ?? figure(interp: interp) }

    /// `plt.gca()`: the current figure's current axes, made when there is none.
    func currentAxes(_ interp: Interpreter) -> PlotAxes {
        let f = currentFigure(interp)
        return f.currentAxes ?? f.subplot(rows: 1, columns: 1, index: 1)
    }

    /// Makes `figure` current (after `fig.add_subplot`, `plt.sca`...). A closed figure comes back.
    func makeCurrent(_ figure: PlotFigure) {
        if !figures.contains(where: { $0 === figure }) { figures.append(figure) }
        current = figure
    }

    func close(_ figure: PlotFigure) {
        figures.removeAll { $0 === figure }
        if current === figure { current = figures.last }
    }

    func closeAll() {
        figures = []
        current = nil
    }

    /// The display bundle of a figure: SVG cropped to its content, as the inline backend, plus
    /// the `<Figure size ...>` summary (alone for a figure without axes, as matplotlib).
    static func bundle(_ figure: PlotFigure) -> [String: String] {
        figure.shownRevision = figure.revision
        guard figure.hasPicture else { return ["text/plain": figure.summary] }
        return ["image/svg+xml": figure.svg(tight: true), "text/plain": figure.summary]
    }

    /// `plt.show()`: displays every open figure now and closes them.
    func show(_ output: CellOutput) {
        for f in figures { output.display(Self.bundle(f), displayID: nil, update: false) }
        closeAll()
    }

    /// End of a cell: figures changed since they were last shown are displayed; all are closed.
    func flush(_ output: CellOutput) {
        for f in figures where f.revision != f.shownRevision {
            output.display(Self.bundle(f), displayID: nil, update: false)
        }
        closeAll()
    }
}
