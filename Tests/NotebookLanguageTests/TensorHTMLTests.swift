import Testing
@testable import NotebookLanguage

/// The `text/html` view of ndarrays: header, tables for 1-D/2-D, NumPy-style summaries, escaping.
@Suite struct TensorHTMLTests {
    /// The cell's value bundle (fails the test if the cell errs or shows nothing).
    func bundle(_ code: String) throws -> [String: String] {
        let (_, result) = run("import numpy as np\n" + code)
        guard case .ok(let value?, _) = result else { Issue.record("no value: \(result)"); return [:] }
        return value
    }

    /// The text inside each `<tag ...>...</tag>`, in document order.
    func contents(of tag: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let open = rest.range(of: "<\(tag)") {
            // `<th` must not match `<thead`: the name ends at a space or `>`.
            guard rest[open.upperBound...].first == " " || rest[open.upperBound...].first == ">" else {
                rest = rest[open.upperBound...]
                continue
            }
            guard let start = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest[start...].range(of: "</\(tag)>") else { break }
            out.append(String(rest[rest.index(after: start)..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return out
    }

    func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

    /// Opening tags named exactly `tag` (`<tr>` or `<tr ...>`, not `<track>`).
    func openings(_ tag: String, in html: String) -> Int { count("<\(tag)>", in: html) + count("<\(tag) ", in: html) }

    @Test func smallMatrixIsATableWithPlainReprKept() throws {
        let b = try bundle("np.arange(6).reshape(2, 3) * 10")
        #expect(b["text/plain"] == "array([[ 0, 10, 20],\n       [30, 40, 50]])")
        let html = try #require(b["text/html"])
        #expect(html.contains("<b>ndarray</b> shape (2, 3) · dtype int64"))
        #expect(contents(of: "td", in: html) == ["0", "10", "20", "30", "40", "50"])
        // Column header: an empty corner cell, then 0, 1, 2; row headers 0 and 1.
        #expect(contents(of: "th", in: html) == ["", "0", "1", "2", "0", "1"])
        for tag in ["table", "thead", "tbody", "tr", "div"] {
            #expect(openings(tag, in: html) == count("</\(tag)>", in: html) && openings(tag, in: html) > 0, "\(tag) balanced")
        }
    }

    @Test func vectorIsOneRowOfNumPyScalarStrings() throws {
        let html = try #require(try bundle("np.array([0.5, 1e-05, -3, 2.25])")["text/html"])
        #expect(html.contains("shape (4,) · dtype float32"))
        #expect(contents(of: "td", in: html) == ["0.5", "1e-05", "-3.0", "2.25"])
        #expect(contents(of: "th", in: html) == ["0", "1", "2", "3"])
        let bools = try #require(try bundle("np.array([1, 0, 2]) > 0")["text/html"])
        #expect(contents(of: "td", in: bools) == ["True", "False", "True"])
    }

    @Test func largeArraysAreSummarisedLikeNumPy() throws {
        let html = try #require(try bundle("np.arange(10000).reshape(100, 100)")["text/html"])
        #expect(html.contains("10000 elements, first and last 3 of each axis shown"))
        let cells = contents(of: "td", in: html)
        #expect(cells.count == 7 * 7)
        #expect(Array(cells.prefix(7)) == ["0", "1", "2", "…", "97", "98", "99"])
        #expect(Array(cells[21..<28]) == ["⋮", "⋮", "⋮", "⋱", "⋮", "⋮", "⋮"])
        #expect(Array(cells.suffix(7)) == ["9900", "9901", "9902", "…", "9997", "9998", "9999"])
        #expect(contents(of: "th", in: html).filter { $0 == "⋮" }.count == 1)
        // Short axes of a big array stay whole, as in NumPy.
        let tall = try #require(try bundle("np.zeros((2000, 3))")["text/html"])
        #expect(contents(of: "td", in: tall).count == 7 * 3)
        // Size stays bounded whatever the array's size.
        let huge = try #require(try bundle("np.zeros(10**6)")["text/html"])
        #expect(huge.utf8.count < 2_000)
        #expect(contents(of: "td", in: huge).count == 7)
    }

    @Test func otherRanksShowNumPyStrUnderTheHeader() throws {
        let cube = try #require(try bundle("np.arange(8).reshape(2, 2, 2)")["text/html"])
        #expect(cube.contains("shape (2, 2, 2) · dtype int64"))
        #expect(contents(of: "pre", in: cube) == ["[[[0 1]\n  [2 3]]\n\n [[4 5]\n  [6 7]]]"])
        #expect(!cube.contains("<table"))
        let scalar = try #require(try bundle("np.array(2.5)")["text/html"])
        #expect(scalar.contains("shape () · dtype float32") && contents(of: "pre", in: scalar) == ["2.5"])
        let empty = try #require(try bundle("np.zeros((0, 3))")["text/html"])
        #expect(empty.contains("shape (0, 3)") && contents(of: "pre", in: empty) == ["[]"])
    }

    @Test func escapesMarkup() {
        #expect(TensorHTML.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(TensorHTML.shownIndices(7, summarised: true) == [0, 1, 2, nil, 4, 5, 6])
        #expect(TensorHTML.shownIndices(6, summarised: true) == [0, 1, 2, 3, 4, 5])
    }
}
