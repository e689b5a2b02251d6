/// A Python list.
public final class PyList: PyObject {
    public var items: [Value]

    public init(_ items: [Value] = []) { self.items = items }

    public override var pyType: PyType { Builtin.listType }
}

/// A Python tuple.
public final class PyTuple: PyObject {
    public let items: [Value]

    public init(_ items: [Value]) { self.items = items }

    public override var pyType: PyType { Builtin.tupleType }
}
