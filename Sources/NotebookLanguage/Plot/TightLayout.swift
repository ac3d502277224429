/// `tight_layout()`: subplot parameters chosen so tick labels, axis labels and titles fit inside
/// the figure and do not overlap neighbours, with matplotlib's padding of 1.08 font sizes.
enum TightLayout {
    static func apply(to figure: PlotFigure, renderer: FigureRenderer) {
        let gridAxes = figure.axes.filter { $0.gridCell != nil && $0.colorbar == nil }
        guard let first = gridAxes.first?.gridCell else { return }
        let rows = first.rows, columns = first.columns
        // Only a single uniform grid is laid out; mixed grids keep their positions.
        guard gridAxes.allSatisfy({ $0.gridCell!.rows == rows && $0.gridCell!.columns == columns }) else { return }
        let pad = 1.08 * FigureRenderer.fontSize
        let width = figure.width * 72, height = figure.height * 72
        // Two passes: tick labels depend a little on the axes size.
        for _ in 0..<2 {
            figure.relayoutGrid()
            var left = [Double](repeating: 0, count: columns), right = left
            var top = [Double](repeating: 0, count: rows), bottom = top
            for a in gridAxes {
                let cell = a.gridCell!
                let p = figure.gridPosition(rows: rows, columns: columns, row: cell.row, column: cell.column)
                let slot = PlotRect(x: p.left * width, y: (1 - p.bottom - p.height) * height, width: p.width * width, height: p.height * height)
                var extent = renderer.layout(a).extent
                for bar in figure.axes where bar.colorbarParent === a { extent = extent.union(renderer.layout(bar).extent) }
                left[cell.column] = max(left[cell.column], slot.x - extent.x)
                right[cell.column] = max(right[cell.column], extent.maxX - slot.maxX)
                top[cell.row] = max(top[cell.row], slot.y - extent.y)
                bottom[cell.row] = max(bottom[cell.row], extent.maxY - slot.maxY)
            }
            let suptitle = figure.suptitle.isEmpty ? 0 : FigureRenderer.titleSize * 1.2 + 0.02 * height
            var p = figure.subplotParameters
            p.left = (left[0] + pad) / width
            p.right = 1 - (right[columns - 1] + pad) / width
            p.top = 1 - (top[0] + pad + suptitle) / height
            p.bottom = (bottom[rows - 1] + pad) / height
            let hGap = (0..<max(columns - 1, 0)).map { right[$0] + left[$0 + 1] + pad }.max() ?? 0
            let vGap = (0..<max(rows - 1, 0)).map { bottom[$0] + top[$0 + 1] + pad }.max() ?? 0
            let cellWidth = ((p.right - p.left) * width - Double(columns - 1) * hGap) / Double(columns)
            let cellHeight = ((p.top - p.bottom) * height - Double(rows - 1) * vGap) / Double(rows)
            // Labels larger than the figure: keep the old layout rather than negative sizes.
            guard cellWidth > 10, cellHeight > 10, p.left < p.right, p.bottom < p.top else { return }
            p.wspace = hGap / cellWidth
            p.hspace = vGap / cellHeight
            figure.subplotParameters = p
        }
        figure.relayoutGrid()
    }
}
