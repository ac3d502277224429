/// One item of a NumPy subscript `a[0, 1:3, ..., None, idx, mask]`.
///
/// Integers and slices select basic views; an integer or boolean tensor is NumPy's "advanced"
/// indexing (a gather). Mixed subscripts follow NumPy's placement rule: the broadcast shape of
/// the advanced indices replaces them in place when they are adjacent, and goes first otherwise.
public enum TensorIndex: Equatable, ExpressibleByIntegerLiteral {
    /// `a[i]`; negative counts from the end.
    case int(Int)
    /// `a[start:stop:step]`; `nil` is an omitted bound, negatives count from the end.
    case slice(Int?, Int?, Int?)
    /// `a[None]` / `np.newaxis`: a new axis of size 1.
    case newAxis
    /// `a[...]`: as many full slices as needed.
    case ellipsis
    /// `a[idx]` with an int64 tensor, or `a[mask]` with a bool tensor.
    case array(Tensor)

    /// `a[:]`.
    public static let all = TensorIndex.slice(nil, nil, nil)

    public init(integerLiteral value: Int) { self = .int(value) }
}
