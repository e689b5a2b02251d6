import Interpreter
import Tensors

/// A `tf.string` tensor. Its elements live here, beside the numeric tensors: shape operations run
/// on a tensor of element positions and pick the strings those positions name, so the numeric
/// element storage and its kernels stay as they are. String tensors are constants; tapes never
/// see them, so their gradients are `None`.
public final class PyStringTensor: PyObject {
    public let strings: [String]
    public let shape: [Int]
    let session: TensorFlowSession

    init(strings: [String], shape: [Int], session: TensorFlowSession) {
        self.strings = strings
        self.shape = shape
        self.session = session
    }

    public override var pyType: PyType { StringTensorTypes.eagerTensor }

    /// The positions `0..<count` laid out in this tensor's shape.
    func positions() throws -> Tensor {
        try kernel("Const") { try Tensor(shape: shape, int64s: (0..<strings.count).map { Int64($0) }, dtype: .int64) }
    }

    /// The element at a flat position (positions come from `positions()`, so always one of them).
    func element(_ position: Int) -> String {
        strings.indices.contains(position) ? strings[position] : ""
    }

    /// The string tensor whose elements are the strings `positions` name.
    func picking(_ positions: Tensor) -> PyStringTensor {
        let picked = positions.scalarInt64s().map { element(Int($0)) }
        return PyStringTensor(strings: picked, shape: positions.shape, session: session)
    }
}

/// `tf.string`, the dtype of string tensors.
public final class PyStringDType: PyObject {
    public override var pyType: PyType { StringTensorTypes.dtype }
}

enum StringTensorTypes {
    nonisolated(unsafe) static let eagerTensor: PyType = {
        let type = PyType(name: "EagerTensor", base: TFTypes.eagerTensor, module: "tensorflow.python.framework.ops")
        defineStringTensorMethods(on: type)
        return type
    }()
    nonisolated(unsafe) static let dtype: PyType = {
        let type = PyType(name: "DType", base: Builtin.objectType, module: "tensorflow.python.framework.dtypes")
        type.define("__repr__") { _, _ in .string("tf.string") }
        type.define("__str__") { _, _ in .string("<dtype: 'string'>") }
        type.define("__eq__") { _, args in
            guard case .object(let o)? = args[1] else { return .bool(false) }
            return .bool(o is PyStringDType)
        }
        type.define("__ne__") { _, args in
            guard case .object(let o)? = args[1] else { return .bool(true) }
            return .bool(!(o is PyStringDType))
        }
        type.define("__hash__") { _, _ in .int(0x5354) }
        defineProperty(type, "name") { _ in .string("string") }
        defineProperty(type, "is_floating") { _ in .bool(false) }
        defineProperty(type, "is_integer") { _ in .bool(false) }
        defineProperty(type, "is_bool") { _ in .bool(false) }
        return type
    }()
    nonisolated(unsafe) static let stringDType = PyStringDType()
}

/// The string tensor a Python `str` or a rectangular nesting of lists and tuples of `str` makes;
/// nil when the first element met is not a `str`. A `str` mixed with other values is TensorFlow's
/// mixed-types error.
func stringConstant(_ value: Value, session: TensorFlowSession) throws -> PyStringTensor? {
    var first = value
    var depth = 0
    while depth < 64 {
        if case .list(let l) = first, let head = l.items.first { first = head } else if case .tuple(let t) = first, let head = t.items.first { first = head } else { break }
        depth += 1
    }
    guard case .str = first else { return nil }
    var shape: [Int] = []
    var strings: [String] = []
    try collectStrings(value, depth: 0, shape: &shape, strings: &strings)
    return PyStringTensor(strings: strings, shape: shape, session: session)
}

private func collectStrings(_ value: Value, depth: Int, shape: inout [Int], strings: inout [String]) throws {
    let items: [Value]
    switch value {
    case .list(let list): items = list.items
    case .tuple(let tuple): items = tuple.items
    case .str(let s):
        guard depth == shape.count else { throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.") }
        strings.append(s.value)
        return
    default:
        throw PyError.value("Can't convert Python sequence with mixed types to Tensor.")
    }
    guard depth < 64 else { throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.") }
    if depth == shape.count && strings.isEmpty {
        shape.append(items.count)
    } else if depth >= shape.count || shape[depth] != items.count {
        throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.")
    }
    for item in items {
        try collectStrings(item, depth: depth + 1, shape: &shape, strings: &strings)
    }
}

/// The string tensor behind a value, if it is one.
func stringTensor(_ value: Value?) -> PyStringTensor? {
    guard case .object(let object)? = value else { return nil }
    return object as? PyStringTensor
}

// MARK: - Text

/// `repr` of the bytes a `str` encodes to in UTF-8, as Python writes a bytes literal: `b'it'`,
/// `b"it's"`, `b'\xc3\xa9'`.
func bytesRepr(_ text: String) -> String {
    let bytes = Array(text.utf8)
    let quote: UInt8 = bytes.contains(UInt8(ascii: "'")) && !bytes.contains(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
    var out = "b" + String(UnicodeScalar(quote))
    let hex = Array("0123456789abcdef")
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "\\"): out += "\\\\"
        case UInt8(ascii: "\t"): out += "\\t"
        case UInt8(ascii: "\n"): out += "\\n"
        case UInt8(ascii: "\r"): out += "\\r"
        case quote: out += "\\" + String(UnicodeScalar(quote))
        case 0x20..<0x7f: out.unicodeScalars.append(UnicodeScalar(byte))
        default: out += "\\x" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
        }
    }
    return out + String(UnicodeScalar(quote))
}

extension PyStringTensor {
    /// `repr(t.numpy())` for a string tensor of rank 1 or more: `array([b'a', b'bc'], dtype=object)`.
    var numpyRepr: String { ObjectArrayText.repr(words: strings.map(bytesRepr), shape: shape) }

    /// `repr(t)`: `<tf.Tensor: shape=(2,), dtype=string, numpy=array([b'a'], dtype=object)>`.
    var reprText: String {
        let field: String
        if shape.isEmpty {
            field = bytesRepr(strings.first ?? "")
        } else {
            let array = numpyRepr
            field = array.contains("\n") ? "\n" + array : array
        }
        return "<tf.Tensor: shape=" + shapeTuple(shape) + ", dtype=string, numpy=" + field + ">"
    }

    /// `str(t)`: `tf.Tensor([b'a' b'bc'], shape=(2,), dtype=string)`.
    var strText: String {
        let values = ObjectArrayText.str(words: strings.map(bytesRepr), shape: shape)
        let open = values.contains("\n") ? "tf.Tensor(\n" : "tf.Tensor("
        return open + values + ", shape=" + shapeTuple(shape) + ", dtype=string)"
    }
}

/// The string tensors of a list or tuple whose items are all string tensors; nil otherwise.
func stringTensors(_ value: Value?) throws -> [PyStringTensor]? {
    let items: [Value]
    switch value {
    case .list(let l)?: items = l.items
    case .tuple(let t)?: items = t.items
    default: return nil
    }
    let strings = items.compactMap(stringTensor)
    guard !strings.isEmpty, strings.count == items.count else { return nil }
    return strings
}

extension Array where Element == PyStringTensor {
    /// The string tensor `combine` (concat or stack) makes of these, run on their positions offset
    /// so each tensor's positions follow the ones before; nil for no tensors.
    func joined(_ combine: ([Tensor]) throws -> Tensor, op: String) throws -> PyStringTensor? {
        var offset: Int64 = 0
        var parts: [Tensor] = []
        var strings: [String] = []
        for tensor in self {
            let positions = tensor.strings.indices.map { Int64($0) + offset }
            parts.append(try kernel(op) { try Tensor(shape: tensor.shape, int64s: positions, dtype: .int64) })
            strings += tensor.strings
            offset += Int64(tensor.strings.count)
        }
        let combined = try kernel(op) { try combine(parts) }
        guard let session = first?.session else { return nil }
        return PyStringTensor(strings: strings, shape: [strings.count], session: session).picking(combined)
    }
}

/// True when a `dtype=` argument names `tf.string`.
func isStringDType(_ value: Value?) -> Bool {
    if case .object(let o)? = value, o is PyStringDType { return true }
    return value?.stringValue == "string"
}
