/// A native iterator: the next element comes from a closure (nil when exhausted).
public final class PyIterator: PyObject {
    let type: PyType
    var step: (() throws -> Value?)?

    /// Makes an iterator of the given iterator class from a closure returning elements until nil.
    public init(type: PyType = Builtin.iteratorType, _ step: @escaping () throws -> Value?) {
        self.type = type
        self.step = step
    }

    public override var pyType: PyType { type }

    /// The next element, or nil once exhausted (after which it stays exhausted).
    func next() throws -> Value? {
        guard let step else { return nil }
        if let v = try step() { return v }
        self.step = nil
        return nil
    }
}

/// `dict.keys()`, `dict.values()`, `dict.items()`: live views of a dict.
public final class PyDictView: PyObject {
    public enum Kind { case keys, values, items }
    public let kind: Kind
    public let dict: PyDict

    init(_ kind: Kind, _ dict: PyDict) {
        self.kind = kind
        self.dict = dict
    }

    public override var pyType: PyType {
        switch kind {
        case .keys: return Builtin.dictKeysType
        case .values: return Builtin.dictValuesType
        case .items: return Builtin.dictItemsType
        }
    }
}

extension Builtin {
    nonisolated(unsafe) public static let dictKeysType: PyType = PyType(name: "dict_keys", base: objectType)
    nonisolated(unsafe) public static let dictValuesType: PyType = PyType(name: "dict_values", base: objectType)
    nonisolated(unsafe) public static let dictItemsType: PyType = PyType(name: "dict_items", base: objectType)
    nonisolated(unsafe) public static let listIteratorType: PyType = PyType(name: "list_iterator", base: objectType)
    nonisolated(unsafe) public static let tupleIteratorType: PyType = PyType(name: "tuple_iterator", base: objectType)
    nonisolated(unsafe) public static let rangeIteratorType: PyType = PyType(name: "range_iterator", base: objectType)
    nonisolated(unsafe) public static let strIteratorType: PyType = PyType(name: "str_ascii_iterator", base: objectType)
    nonisolated(unsafe) public static let dictKeyIteratorType: PyType = PyType(name: "dict_keyiterator", base: objectType)
    nonisolated(unsafe) public static let setIteratorType: PyType = PyType(name: "set_iterator", base: objectType)
    nonisolated(unsafe) public static let zipType: PyType = PyType(name: "zip", base: objectType)
    nonisolated(unsafe) public static let mapType: PyType = PyType(name: "map", base: objectType)
    nonisolated(unsafe) public static let filterType: PyType = PyType(name: "filter", base: objectType)
    nonisolated(unsafe) public static let enumerateType: PyType = PyType(name: "enumerate", base: objectType)
    nonisolated(unsafe) public static let reversedType: PyType = PyType(name: "reversed", base: objectType)
}
