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

private extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .float, .bool: return true
        default: return false
        }
    }
}

// MARK: - Operations

extension PyStringTensor {
    /// This tensor and `other` (a string tensor or a Python `str`) broadcast to one shape,
    /// element by element; TensorFlow's conversion error for anything else.
    func pairs(with other: Value, op: String) throws -> (shape: [Int], [(String, String)]) {
        let right: PyStringTensor
        if let tensor = stringTensor(other) {
            right = tensor
        } else if case .str(let s) = other {
            right = PyStringTensor(strings: [s.value], shape: [], session: session)
        } else {
            throw PyError.type("Cannot convert \(pythonRepr(other)) to EagerTensor of dtype string")
        }
        let shape = try kernel(op) { try Tensor.broadcastShape(self.shape, right.shape) }
        let a = try kernel(op) { try positions().broadcast(to: shape) }.scalarInt64s()
        let b = try kernel(op) { try right.positions().broadcast(to: shape) }.scalarInt64s()
        let pairs = zip(a, b).map { (element(Int($0)), right.element(Int($1))) }
        return (shape, pairs)
    }

    /// `x == y` and `x != y` element by element, as `tf.equal` and `tf.not_equal`.
    func compare(with other: Value, equal: Bool) throws -> Value {
        let (shape, pairs) = try self.pairs(with: other, op: equal ? "Equal" : "NotEqual")
        let bools = pairs.map { ($0.0 == $0.1) == equal }
        return try session.wrapConstant(try kernel("Const") { try Tensor(shape: shape, storage: .bool(bools)) })
    }
}

func defineStringTensorMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string(try receiver(args, PyStringTensor.self, "__repr__").reprText) }
    type.define("__str__") { _, args in .string(try receiver(args, PyStringTensor.self, "__str__").strText) }
    defineProperty(type, "dtype") { _ in .object(StringTensorTypes.stringDType) }
    defineProperty(type, "shape") { value in
        guard let x = stringTensor(value) else { return .none }
        return .object(PyTensorShape(x.shape))
    }
    defineProperty(type, "ndim") { value in .int(stringTensor(value)?.shape.count ?? 0) }
    type.define("__len__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__len__")
        guard let first = x.shape.first else { throw PyError.type("Scalar tensor has no `len()`") }
        return .int(first)
    }
    type.define("__getitem__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__getitem__")
        let indices = try sliceIndices(args[1] ?? .none, session: x.session)
        if x.shape.isEmpty, indices.contains(where: { if case .index = $0 { return true }; if case .range = $0 { return true }; return false }) {
            throw TFErrors.error(.invalidArgument("Attempting to slice scalar input."), op: "StridedSlice")
        }
        let picked = try kernel("StridedSlice") { try x.positions().sliced(indices) }
        return .object(x.picking(picked))
    }
    for (name, equal) in [("__eq__", true), ("__ne__", false)] {
        type.define(name) { _, args in
            let x = try receiver(args, PyStringTensor.self, name)
            let other = args[1] ?? .none
            // The operators answer a single bool for shapes that do not broadcast, as TensorFlow's do.
            if let y = stringTensor(other), (try? Tensor.broadcastShape(x.shape, y.shape)) == nil {
                return try x.session.wrapConstant(try kernel("Const") { try Tensor(shape: [], storage: .bool([!equal])) })
            }
            return try x.compare(with: other, equal: equal)
        }
    }
    type.define("__radd__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__radd__")
        let other = args[1] ?? .none
        guard case .str(let s) = other else {
            throw PyError.type("Cannot convert \(pythonRepr(other)) to EagerTensor of dtype string")
        }
        return .object(PyStringTensor(strings: x.strings.map { s.value + $0 }, shape: x.shape, session: x.session))
    }
    // The other arithmetic converts a number to a string tensor and fails; between strings the
    // kernels refuse the string dtype.
    let refusals: [(String, String, String)] = [
        ("__sub__", "Sub", "bfloat16, half, float, double, uint8, int8, uint16, int16, int32, int64, complex64, complex128, uint32, uint64"),
        ("__lt__", "Less", "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"),
        ("__le__", "LessEqual", "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"),
        ("__gt__", "Greater", "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"),
        ("__ge__", "GreaterEqual", "float, double, int32, uint8, int16, int8, int64, bfloat16, uint16, half, uint32, uint64"),
    ]
    for (name, op, allowed) in refusals {
        type.define(name) { _, args in
            let other = args[1] ?? .none
            if case .str = other {} else if stringTensor(other) == nil {
                throw PyError.type("Cannot convert \(pythonRepr(other)) to EagerTensor of dtype string")
            }
            throw TFErrors.error(.invalidArgument("Value for attr 'T' of string is not in the list of allowed values: \(allowed)"), op: op)
        }
    }
    for name in ["__mul__", "__rmul__", "__rsub__", "__pow__", "__rpow__"] {
        type.define(name) { _, args in
            let other = args[1] ?? .none
            if name == "__mul__", stringTensor(other) != nil || other.stringValue != nil {
                throw PyError(TFErrors.invalidArgument, "Value for attr 'T' of string is not in the list of allowed values: bfloat16, half, float, double, uint8, int8, uint16, int16, int32, uint32, uint64, int64, complex64, complex128\n\t; NodeDef: {{node Mul}}; Op<name=Mul; signature=x:T, y:T -> z:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_UINT8, DT_INT8, DT_UINT16, DT_INT16, DT_INT32, DT_UINT32, DT_UINT64, DT_INT64, DT_COMPLEX64, DT_COMPLEX128]; is_commutative=true> [Op:Mul]")
            }
            throw PyError.type("Cannot convert \(pythonRepr(other)) to EagerTensor of dtype string")
        }
    }
    type.define("__truediv__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__truediv__")
        let other = args[1] ?? .none
        if stringTensor(other) != nil || other.stringValue != nil {
            throw PyError.type("Invalid dtype tf.string in __truediv__. Expected one of {tf.uint8, tf.int8, tf.uint16, tf.int16, tf.uint32, tf.int32, tf.uint64, tf.int64, tf.bfloat16, tf.float16, tf.float32, tf.float64, tf.complex64, tf.complex128}.")
        }
        let dtype = try x.session.toTracked(other).dtype
        throw PyError.type("`x` and `y` must have the same dtype, got tf.string != tf.\(dtype).")
    }
    type.define("__bool__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__bool__")
        guard x.strings.count <= 1 else {
            throw PyError.value("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return .bool(!(x.strings.first ?? "").isEmpty)
    }
    type.define("__neg__") { _, _ in
        throw TFErrors.error(.invalidArgument("Value for attr 'T' of string is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64, complex64, complex128"), op: "Neg")
    }
    type.define("__add__") { _, args in
        let x = try receiver(args, PyStringTensor.self, "__add__")
        let other = args[1] ?? .none
        if stringTensor(other) == nil, (try? x.session.tracked(other)) != nil || other.isNumber {
            let dtype = try x.session.toTracked(other).dtype
            throw TFErrors.error(.invalidArgument("cannot compute Add as input #1(zero-based) was expected to be a string tensor but is a \(dtype.kernelName) tensor"), op: "Add")
        }
        let (shape, pairs) = try x.pairs(with: other, op: "Add")
        return .object(PyStringTensor(strings: pairs.map { $0.0 + $0.1 }, shape: shape, session: x.session))
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
