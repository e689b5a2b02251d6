/// A Python list.
public final class PyList: PyObject {
    @exclusivity(unchecked) public var items: [Value]

    public init(_ items: [Value] = []) { self.items = items }

    deinit { Trashcan.dispose(&items) }

    public override var pyType: PyType { Builtin.listType }
}

/// A Python tuple.
public final class PyTuple: PyObject {
    public private(set) var items: [Value]

    public init(_ items: [Value]) { self.items = items }

    deinit { Trashcan.dispose(&items) }

    public override var pyType: PyType { Builtin.tupleType }
}
