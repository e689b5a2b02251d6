import BigInt

/// A Python value. Small immutable values (None, bool, int that fits a machine word, float) are
/// stored inline; everything else is a reference to a heap object. The most used heap types have
/// their own case so the evaluator dispatches on them with one `switch`.
public enum Value {
    case none
    case bool(Bool)
    /// An int that fits in `Int`; larger ints are `.object(PyBigInt)`.
    case int(Int)
    case float(Double)
    case str(PyStr)
    case list(PyList)
    case tuple(PyTuple)
    case dict(PyDict)
    /// Every other object: big ints, sets, functions, classes, instances, exceptions, modules, host objects.
    case object(PyObject)

    /// A str value.
    @inline(__always) public static func string(_ s: String) -> Value { .str(PyStr(s)) }

    /// An int value, inline when it fits a machine word.
    public static func integer(_ b: BigInt) -> Value {
        if let small = Int(exactly: b) { return .int(small) }
        return .object(PyBigInt(b))
    }

    /// A tuple value.
    public static func makeTuple(_ items: [Value]) -> Value { .tuple(PyTuple(items)) }

    /// A list value.
    public static func makeList(_ items: [Value]) -> Value { .list(PyList(items)) }

    /// The Python type of this value.
    public var type: PyType {
        switch self {
        case .none: return Builtin.noneType
        case .bool: return Builtin.boolType
        case .int: return Builtin.intType
        case .float: return Builtin.floatType
        case .str: return Builtin.strType
        case .list: return Builtin.listType
        case .tuple: return Builtin.tupleType
        case .dict: return Builtin.dictType
        case .object(let o): return o.pyType
        }
    }

    /// The type's name, as error messages quote it (`'int' object is not callable`).
    public var typeName: String { type.name }

    /// The heap object behind this value, or nil for inline values.
    public var heapObject: AnyObject? {
        switch self {
        case .none, .bool, .int, .float: return nil
        case .str(let o): return o
        case .list(let o): return o
        case .tuple(let o): return o
        case .dict(let o): return o
        case .object(let o): return o
        }
    }

    public var isNone: Bool { if case .none = self { return true }; return false }

    /// `a is b`.
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.none, .none): return true
        case let (.bool(a), .bool(b)): return a == b
        // CPython caches small ints, and code written against `is` on ints expects that.
        case let (.int(a), .int(b)): return a == b
        case let (.float(a), .float(b)): return a.bitPattern == b.bitPattern
        default:
            guard let a = heapObject, let b = other.heapObject else { return false }
            return a === b
        }
    }

    /// The int value as `BigInt` when this is an int or bool.
    public var bigIntValue: BigInt? {
        switch self {
        case .int(let i): return BigInt(i)
        case .bool(let b): return b ? 1 : 0
        case .object(let o): return (o as? PyBigInt)?.value
        default: return nil
        }
    }

    /// The Swift string when this is a str.
    public var stringValue: String? {
        if case .str(let s) = self { return s.value }
        return nil
    }
}

/// The singleton values every interpreter shares.
extension Value {
    nonisolated(unsafe) public static let notImplemented: Value = Value.object(Builtin.notImplementedObject)
    nonisolated(unsafe) public static let ellipsis: Value = Value.object(Builtin.ellipsisObject)
    nonisolated(unsafe) public static let emptyTuple: Value = Value.tuple(PyTuple([]))

    public var isNotImplemented: Bool {
        if case .object(let o) = self { return o === Builtin.notImplementedObject }
        return false
    }
}
