/// A figure: its size, its axes and how they are laid out (matplotlib's `Figure`).
final class PlotFigure {
    /// The number pyplot knows it by (`plt.figure(2)`).
    let number: Int
    /// Size in inches (matplotlib's default 6.4 x 4.8) and pixels per inch for the text summary.
    var width = 6.4
    var height = 4.8
    var dpi = 100.0
    private(set) var axes: [PlotAxes] = []
    var currentAxes: PlotAxes?
    /// The last colour-mapped artist (image or scatter), what `plt.colorbar()` describes.
    var currentMappable: (mapping: ColorMapping, axes: PlotAxes)?
    var suptitle = ""
    /// matplotlib's `figure.subplot.*` defaults.
    var subplotParameters = (left: 0.125, right: 0.9, bottom: 0.11, top: 0.88, wspace: 0.2, hspace: 0.2)
    /// Set by `tight_layout()`: positions are recomputed from the labels' sizes when drawn.
    var tightLayout = false
    /// Bumped by every change; a figure already shown unchanged is not shown again at cell end.
    private(set) var revision = 0
    var shownRevision = -1

    /// The pyplot state that opened it (to make it current again from `fig.add_subplot`).
    weak var manager: PyplotState?

    init(number: Int) {
        self.number = number
    }

    func touch() { revision += 1 }

    /// `<Figure size 640x480 with 1 Axes>`, as matplotlib's repr.
    var summary: String {
        func pixels(_ inches: Double) -> String {
            let v = inches * dpi
            return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
        }
        return "<Figure size \(pixels(width))x\(pixels(height)) with \(axes.count) Axes>"
    }

    /// matplotlib's inline backend shows no image for a figure without axes, only the summary.
    var hasPicture: Bool { !axes.isEmpty }

    /// The axes at grid cell `index` (1-based, row-major) of a rows x columns grid, reused when
    /// one already sits there (as `plt.subplot` does).
    func subplot(rows: Int, columns: Int, index: Int) -> PlotAxes {
        let row = (index - 1) / columns, column = (index - 1) % columns
        if let existing = axes.first(where: { a in
            a.gridCell.map { $0.rows == rows && $0.columns == columns && $0.row == row && $0.column == column } ?? false
        }) {
            currentAxes = existing
            return existing
        }
        let a = PlotAxes(figure: self, position: gridPosition(rows: rows, columns: columns, row: row, column: column))
        a.gridCell = (rows, columns, row, column)
        addAxes(a)
        return a
    }

    func addAxes(_ a: PlotAxes) {
        axes.append(a)
        currentAxes = a
        touch()
    }

    func removeAll() {
        axes = []
        currentAxes = nil
        suptitle = ""
        touch()
    }

    /// `GridSpec.get_grid_positions`: the cell's box as figure fractions (y up).
    func gridPosition(rows: Int, columns: Int, row: Int, column: Int) -> (left: Double, bottom: Double, width: Double, height: Double) {
        let p = subplotParameters
        let cellHeight = (p.top - p.bottom) / (Double(rows) + p.hspace * Double(rows - 1))
        let cellWidth = (p.right - p.left) / (Double(columns) + p.wspace * Double(columns - 1))
        let top = p.top - Double(row) * cellHeight * (1 + p.hspace)
        let left = p.left + Double(column) * cellWidth * (1 + p.wspace)
        return (left, top - cellHeight, cellWidth, cellHeight)
    }

    /// Re-places grid axes after the subplot parameters changed (tight_layout, subplots_adjust).
    func relayoutGrid() {
        for a in axes where a.colorbar == nil {
            guard let cell = a.gridCell else { continue }
            a.position = gridPosition(rows: cell.rows, columns: cell.columns, row: cell.row, column: cell.column)
        }
        for a in axes { if let parent = a.colorbarParent, parent.gridCell != nil { placeColorbar(a, beside: parent, slot: parent.position) } }
    }

    /// `plt.colorbar()`: a new axes right of `parent`, which gives up 20% of its width (matplotlib's
    /// fraction 0.15 and pad 0.05); the bar is 1/20 as wide as it is tall.
    func addColorbar(_ mapping: ColorMapping, beside parent: PlotAxes) -> PlotAxes {
        let bar = PlotAxes(figure: self, position: parent.position)
        bar.colorbar = mapping
        bar.colorbarParent = parent
        placeColorbar(bar, beside: parent, slot: parent.position)
        axes.append(bar)
        touch()
        return bar
    }

    private func placeColorbar(_ bar: PlotAxes, beside parent: PlotAxes, slot: (left: Double, bottom: Double, width: Double, height: Double)) {
        parent.position = (slot.left, slot.bottom, slot.width * 0.8, slot.height)
        let slotLeft = slot.left + slot.width * 0.85, slotWidth = slot.width * 0.15
        // Aspect 20 in inches, anchored left and vertically centred in its slot.
        var heightInches = slot.height * height, widthInches = heightInches / 20
        if widthInches > slotWidth * width {
            widthInches = slotWidth * width
            heightInches = widthInches * 20
        }
        let h = heightInches / height
        bar.position = (slotLeft, slot.bottom + (slot.height - h) / 2, widthInches / width, h)
    }

    /// The figure as an SVG document; `tight` crops it to its content, as Jupyter's inline backend.
    func svg(tight: Bool) -> String {
        FigureRenderer(figure: self).render(tight: tight)
    }
}
