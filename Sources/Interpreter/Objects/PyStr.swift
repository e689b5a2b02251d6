/// A Python str: an immutable sequence of Unicode code points.
public final class PyStr: PyObject {
    public let value: String
    private var cachedScalars: [Unicode.Scalar]?

    public init(_ value: String) { self.value = value }

    public override var pyType: PyType { Builtin.strType }

    /// True when every code point is ASCII, so `utf8` offsets are code point offsets.
    public var isASCII: Bool { value.utf8.count == value.unicodeScalars.count }

    /// The code points, cached for indexing and slicing.
    public var scalars: [Unicode.Scalar] {
        if let cached = cachedScalars { return cached }
        let made = Array(value.unicodeScalars)
        cachedScalars = made
        return made
    }

    /// `len(s)`: the number of code points.
    public var count: Int { value.unicodeScalars.count }
}

extension String {
    /// Builds a string from code points.
    public init<S: Sequence>(scalars: S) where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self = String(view)
    }
}
