import BigInt
import Interpreter
import Tensors

/// A numpy array (or, for rank 0, a numpy scalar such as `np.float32(2.5)`) holding a tensor's value.
public final class PyNDArray: PyObject {
    public let tensor: Tensor

    init(_ tensor: Tensor) { self.tensor = tensor }

    public override var pyType: PyType { tensor.isScalar ? NumpyTypes.scalarType(tensor.dtype) : NumpyTypes.ndarray }

    /// `repr`: `array([1., 2.], dtype=float32)`, or `np.float32(2.5)` for a scalar.
    var reprText: String { tensor.isScalar ? tensor.numpyScalarRepr() : tensor.numpyRepr() }
}

/// A numpy dtype object (`a.dtype`): prints as `float32`, reprs as `dtype('float32')`.
final class PyNumpyDType: PyObject {
    let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    override var pyType: PyType { NumpyTypes.dtype }
}

/// numpy's names for dtypes (`bool`, not `bool_`).
private func numpyName(_ dtype: DType) -> String { dtype.rawValue }

enum NumpyTypes {
    nonisolated(unsafe) static let ndarray: PyType = {
        let type = PyType(name: "ndarray", base: Builtin.objectType, module: "numpy")
        defineArrayMethods(on: type)
        type.constructor = { _, _ in throw PyError.type("ndarray() missing required argument 'shape' (pos 1)") }
        return type
    }()
    nonisolated(unsafe) static let generic: PyType = {
        let type = PyType(name: "generic", base: Builtin.objectType, module: "numpy")
        defineArrayMethods(on: type)
        return type
    }()
    nonisolated(unsafe) static let float32: PyType = scalar("float32", .float32)
    nonisolated(unsafe) static let float64: PyType = scalar("float64", .float64)
    nonisolated(unsafe) static let int32: PyType = scalar("int32", .int32)
    nonisolated(unsafe) static let int64: PyType = scalar("int64", .int64)
    nonisolated(unsafe) static let bool: PyType = scalar("bool", .bool)
    nonisolated(unsafe) static let dtype: PyType = {
        let type = PyType(name: "dtype", base: Builtin.objectType, module: "numpy")
        type.define("__repr__") { _, args in .string("dtype('\(numpyName(try receiver(args, PyNumpyDType.self, "__repr__").dtype))')") }
        type.define("__str__") { _, args in .string(numpyName(try receiver(args, PyNumpyDType.self, "__str__").dtype)) }
        type.define("__eq__") { _, args in
            let d = try receiver(args, PyNumpyDType.self, "__eq__")
            return .bool(numpyDType(args[1] ?? .none) == d.dtype)
        }
        type.define("__ne__") { _, args in
            let d = try receiver(args, PyNumpyDType.self, "__ne__")
            return .bool(numpyDType(args[1] ?? .none) != d.dtype)
        }
        type.define("__hash__") { _, args in .int(try receiver(args, PyNumpyDType.self, "__hash__").dtype.hashValue) }
        defineProperty(type, "name") { value in
            guard case .object(let o) = value, let d = o as? PyNumpyDType else { return .none }
            return .string(numpyName(d.dtype))
        }
        return type
    }()

    static func scalarType(_ dtype: DType) -> PyType {
        switch dtype {
        case .float32: return float32
        case .float64: return float64
        case .int32: return int32
        case .int64: return int64
        case .bool: return bool
        }
    }

    private static func scalar(_ name: String, _ dtype: DType) -> PyType {
        let type = PyType(name: name, base: generic, module: "numpy")
        type.constructor = { _, args in
            let value = args[0] ?? .int(0)
            return .object(PyNDArray(try numpyArray(value, dtype: dtype).cast(to: dtype)))
        }
        return type
    }
}

/// The dtype a numpy dtype-like value names (a dtype object, a scalar type, a name, a tf dtype).
func numpyDType(_ value: Value) -> DType? {
    if let name = value.stringValue { return DType(rawValue: name == "float" ? "float64" : name) }
    guard case .object(let o) = value else { return nil }
    if let d = o as? PyNumpyDType { return d.dtype }
    if let d = o as? PyDType { return d.dtype }
    if let t = o as? PyType {
        for dtype in DType.allCases where NumpyTypes.scalarType(dtype) === t { return dtype }
        if t === Builtin.floatType { return .float64 }
        if t === Builtin.intType { return .int64 }
        if t === Builtin.boolType { return .bool }
    }
    return nil
}

/// numpy's conversion of a Python value to an array: ints become int64, floats float64.
func numpyArray(_ value: Value, dtype: DType?) throws -> Tensor {
    if case .object(let o) = value {
        if let a = o as? PyNDArray { return dtype.map { a.tensor.cast(to: $0) } ?? a.tensor }
        if let t = o as? PyTensor { return dtype.map { t.value.cast(to: $0) } ?? t.value }
        if let v = o as? PyVariable { return dtype.map { v.variable.value.value.cast(to: $0) } ?? v.variable.value.value }
    }
    var leaves: [Value] = []
    var shape: [Int] = []
    try collectNumpy(value, depth: 0, shape: &shape, leaves: &leaves)
    var hasFloat = false, hasInt = false
    for leaf in leaves {
        switch leaf {
        case .float: hasFloat = true
        case .bool: break
        default: hasInt = true
        }
    }
    let inferred: DType = hasFloat || leaves.isEmpty ? .float64 : (hasInt ? .int64 : .bool)
    let doubles = leaves.map(\.asDouble)
    let target = dtype ?? inferred
    if target.isInteger && !hasFloat {
        var ints: [Int64] = []
        for leaf in leaves {
            guard let big = leaf.bigIntValue, let small = Int64(exactly: big) else {
                throw PyError.overflow("Python integer \(pythonRepr(leaf)) out of bounds for \(target)")
            }
            ints.append(small)
        }
        return try Tensor(shape: shape, int64s: ints, dtype: target)
    }
    if target == .bool {
        return try Tensor(shape: shape, storage: .bool(doubles.map { $0 != 0 }))
    }
    return try Tensor(shape: shape, doubles: doubles, dtype: target)
}

private func collectNumpy(_ value: Value, depth: Int, shape: inout [Int], leaves: inout [Value]) throws {
    let items: [Value]
    switch value {
    case .list(let l): items = l.items
    case .tuple(let t): items = t.items
    case .int, .float, .bool:
        guard depth == shape.count else {
            throw PyError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions.")
        }
        leaves.append(value)
        return
    case .object(let o) where o is PyBigInt:
        leaves.append(value)
        return
    case .object(let o) where o is PyNDArray || o is PyTensor:
        let tensor = (o as? PyNDArray)?.tensor ?? (o as? PyTensor)?.value
        if let tensor, tensor.isScalar { leaves.append(scalarValue(tensor)); return }
        throw PyError.type("nested arrays are not supported here")
    default:
        throw PyError.type("float() argument must be a string or a real number, not '\(value.typeName)'")
    }
    guard depth < 64 else { throw PyError.value("maximum supported dimension for an ndarray is 64") }
    if depth == shape.count {
        shape.append(items.count)
    } else if shape[depth] != items.count {
        throw PyError.value("setting an array element with a sequence. The requested array has an inhomogeneous shape after \(depth) dimensions. The detected shape was \(shapeTuple(Array(shape[0..<depth]))) + inhomogeneous part.")
    }
    for item in items { try collectNumpy(item, depth: depth + 1, shape: &shape, leaves: &leaves) }
}

/// Nested Python lists of the elements (`tolist()`); the element itself for rank 0.
func pythonList(_ tensor: Tensor) -> Value {
    if tensor.isScalar { return scalarValue(tensor) }
    let values = (0..<tensor.count).map { i -> Value in
        switch tensor.storage {
        case .bool(let a): return .bool(a[i])
        case .int32(let a): return .int(Int(a[i]))
        case .int64(let a): return .int(Int(a[i]))
        case .float32(let a): return .float(Double(a[i]))
        case .float64(let a): return .float(a[i])
        }
    }
    func build(_ dims: ArraySlice<Int>, _ offset: Int) -> (Value, Int) {
        guard let first = dims.first else { return (values[offset], offset + 1) }
        var items: [Value] = []
        var position = offset
        for _ in 0..<first {
            let (item, next) = build(dims.dropFirst(), position)
            items.append(item)
            position = next
        }
        return (.makeList(items), position)
    }
    return build(tensor.shape[...], 0).0
}

/// numpy 2's result dtype for `a op b` between arrays.
private func promoted(_ a: DType, _ b: DType) -> DType {
    if a == b { return a }
    let floats = a.isFloatingPoint || b.isFloatingPoint
    if floats {
        if a == .float64 || b == .float64 { return .float64 }
        // float32 with int32/int64 needs float64 to hold every integer.
        if a.isInteger || b.isInteger { return .float64 }
        return .float32
    }
    if a == .bool { return b }
    if b == .bool { return a }
    return .int64
}

/// The array operand for a Python value beside an array of `dtype` (numpy 2's weak scalars).
private func arrayOperand(_ value: Value, like dtype: DType) throws -> Tensor? {
    switch value {
    case .int, .bool: return try numpyArray(value, dtype: dtype == .bool && !isBool(value) ? .int64 : dtype)
    case .float: return try numpyArray(value, dtype: dtype.isFloatingPoint ? dtype : .float64)
    case .list, .tuple: return try numpyArray(value, dtype: nil)
    case .object(let o):
        if let a = o as? PyNDArray { return a.tensor }
        return nil
    default: return nil
    }
}

private func isBool(_ value: Value) -> Bool { if case .bool = value { return true }; return false }

private func arrayBinary(_ op: BinaryOperation, _ lhs: Value, _ rhs: Value, reflected: Bool) throws -> Value {
    guard case .object(let o) = lhs, let array = o as? PyNDArray else { return .notImplemented }
    guard let other = try arrayOperand(rhs, like: array.tensor.dtype) else { return .notImplemented }
    var a = array.tensor, b = other
    if reflected { swap(&a, &b) }
    var dtype = promoted(a.dtype, b.dtype)
    if op == .divide && !dtype.isFloatingPoint { dtype = .float64 }
    if a.dtype != dtype { a = a.cast(to: dtype) }
    if b.dtype != dtype { b = b.cast(to: dtype) }
    do {
        return .object(PyNDArray(try Tensor.binary(op, a, b)))
    } catch {
        throw PyError.value(error.message)
    }
}

/// ndarray and numpy scalar methods.
private func defineArrayMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string(try receiver(args, PyNDArray.self, "__repr__").reprText) }
    type.define("__str__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__str__")
        return .string(a.tensor.isScalar ? a.tensor.numpyScalarStr() : a.tensor.numpyStr())
    }
    type.define("__format__") { _, args in
        .string(try formatTensor(try receiver(args, PyNDArray.self, "__format__").tensor, spec: args[1]?.stringValue ?? ""))
    }
    defineProperty(type, "shape") { value in
        guard case .object(let o) = value, let a = o as? PyNDArray else { return .none }
        return .makeTuple(a.tensor.shape.map { .int($0) })
    }
    defineProperty(type, "dtype") { value in
        guard case .object(let o) = value, let a = o as? PyNDArray else { return .none }
        return .object(PyNumpyDType(a.tensor.dtype))
    }
    defineProperty(type, "ndim") { value in
        guard case .object(let o) = value, let a = o as? PyNDArray else { return .none }
        return .int(a.tensor.rank)
    }
    defineProperty(type, "size") { value in
        guard case .object(let o) = value, let a = o as? PyNDArray else { return .none }
        return .int(a.tensor.count)
    }
    defineProperty(type, "T") { value in
        guard case .object(let o) = value, let a = o as? PyNDArray else { return .none }
        return .object(PyNDArray(try a.tensor.transposed(permutation: nil)))
    }
    type.define("tolist") { _, args in pythonList(try receiver(args, PyNDArray.self, "tolist").tensor) }
    type.define("item") { _, args in
        let a = try receiver(args, PyNDArray.self, "item")
        guard a.tensor.count == 1 else { throw PyError.value("can only convert an array of size 1 to a Python scalar") }
        return scalarValue(try a.tensor.reshaped([]))
    }
    type.define("astype") { _, args in
        let a = try receiver(args, PyNDArray.self, "astype")
        guard let dtype = numpyDType(args[1] ?? .none) else { throw PyError.type("data type not understood") }
        return .object(PyNDArray(a.tensor.cast(to: dtype)))
    }
    type.define("copy") { _, args in args[0] ?? .none }
    type.define("__len__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__len__")
        guard let first = a.tensor.shape.first else { throw PyError.type("len() of unsized object") }
        return .int(first)
    }
    type.define("__iter__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__iter__")
        guard !a.tensor.isScalar else { throw PyError.type("iteration over a 0-d array") }
        let rows = try (0..<(a.tensor.shape.first ?? 0)).map { Value.object(PyNDArray(try a.tensor.sliced([.index($0)]))) }
        return .object(PyListIterator(rows))
    }
    type.define("__getitem__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__getitem__")
        let key = args[1] ?? .none
        let parts: [Value]
        if case .tuple(let t) = key { parts = t.items } else { parts = [key] }
        var indices: [SliceIndex] = []
        for part in parts {
            switch part {
            case .int(let i): indices.append(.index(i))
            case .none: indices.append(.newAxis)
            case .object(let o) where o === Builtin.ellipsisObject: indices.append(.ellipsis)
            case .object(let o) where o is PySlice:
                guard let s = o as? PySlice else { continue }
                func bound(_ v: Value) -> Int? { if case .int(let i) = v { return i }; return nil }
                indices.append(.range(start: bound(s.start), stop: bound(s.stop), step: bound(s.step)))
            default:
                throw PyError.index("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
            }
        }
        do {
            return .object(PyNDArray(try a.tensor.sliced(indices)))
        } catch let error as TensorError {
            throw PyError.index(error.message)
        }
    }
    type.define("__float__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__float__")
        guard a.tensor.count == 1 else { throw PyError.type("only length-1 arrays can be converted to Python scalars") }
        return .float(a.tensor.double(at: 0))
    }
    type.define("__int__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__int__")
        guard a.tensor.count == 1 else { throw PyError.type("only length-1 arrays can be converted to Python scalars") }
        let d = a.tensor.double(at: 0)
        if a.tensor.dtype.isInteger { return .int(Int(a.tensor.scalarInt64s().first ?? 0)) }
        guard d.isFinite else { throw PyError.value("cannot convert float NaN to integer") }
        return Value.integer(BigInt(d.rounded(.towardZero)))
    }
    type.define("__index__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__index__")
        guard a.tensor.isScalar, a.tensor.dtype.isInteger else {
            throw PyError.type("only integer scalar arrays can be converted to a scalar index")
        }
        return .int(Int(a.tensor.scalarInt64s().first ?? 0))
    }
    type.define("__bool__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__bool__")
        guard a.tensor.count == 1 else {
            if a.tensor.count == 0 { return .bool(false) }
            throw PyError.value("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return .bool(a.tensor.double(at: 0) != 0)
    }
    type.define("__neg__") { _, args in
        .object(PyNDArray(try receiver(args, PyNDArray.self, "__neg__").tensor.unary(.negate)))
    }
    type.define("__abs__") { _, args in
        .object(PyNDArray(try receiver(args, PyNDArray.self, "__abs__").tensor.unary(.abs)))
    }
    let ops: [(String, BinaryOperation)] = [
        ("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide), ("floordiv", .floorDivide),
        ("mod", .modulo), ("pow", .power),
    ]
    for (name, op) in ops {
        type.define("__\(name)__") { _, args in try arrayBinary(op, args[0] ?? .none, args[1] ?? .none, reflected: false) }
        type.define("__r\(name)__") { _, args in try arrayBinary(op, args[0] ?? .none, args[1] ?? .none, reflected: true) }
    }
    for (name, op) in [("eq", BinaryOperation.equal), ("ne", .notEqual), ("lt", .less), ("le", .lessEqual),
                       ("gt", .greater), ("ge", .greaterEqual)] {
        type.define("__\(name)__") { _, args in try arrayBinary(op, args[0] ?? .none, args[1] ?? .none, reflected: false) }
    }
    type.define("__hash__") { _, args in
        let a = try receiver(args, PyNDArray.self, "__hash__")
        guard a.tensor.isScalar else { throw PyError.type("unhashable type: 'numpy.ndarray'") }
        return .int(a.tensor.double(at: 0).hashValue)
    }
    for (name, op) in [("sum", ReductionOperation.sum), ("mean", .mean), ("max", .max), ("min", .min), ("prod", .prod),
                       ("any", .any), ("all", .all)] {
        type.define(name) { _, args in
            let a = try receiver(args, PyNDArray.self, name)
            var axes: [Int]?
            if case .int(let axis)? = args[1] ?? args.keyword("axis") { axes = [axis] }
            var t = a.tensor
            if (op == .mean) && t.dtype.isInteger { t = t.cast(to: .float64) }
            if (op == .sum || op == .prod) && t.dtype == .int32 { t = t.cast(to: .int64) }
            do {
                return .object(PyNDArray(try t.reduce(op, axes: axes, keepDims: false)))
            } catch let error as TensorError {
                throw PyError.value(error.message)
            }
        }
    }
}

extension TensorFlowSession {
    /// Builds the small `numpy` subset: arrays from `.numpy()`, `np.array`, scalar types.
    func makeNumpyModule() -> PyModule {
        var dict: [String: Value] = [:]
        dict["__name__"] = .string("numpy")
        dict["__version__"] = .string("2.4.0")
        dict["ndarray"] = .object(NumpyTypes.ndarray)
        dict["generic"] = .object(NumpyTypes.generic)
        dict["float32"] = .object(NumpyTypes.float32)
        dict["float64"] = .object(NumpyTypes.float64)
        dict["int32"] = .object(NumpyTypes.int32)
        dict["int64"] = .object(NumpyTypes.int64)
        dict["bool_"] = .object(NumpyTypes.bool)
        dict["dtype"] = .object(NumpyTypes.dtype)
        dict["newaxis"] = Value.none
        dict["pi"] = .float(Double.pi)
        dict["e"] = .float(2.718281828459045)
        dict["inf"] = .float(.infinity)
        dict["nan"] = .float(.nan)
        for name in ["array", "asarray"] {
            dict[name] = function(name, ["object", "dtype"]) { a in
                .object(PyNDArray(try numpyArray(a[0] ?? .none, dtype: a[1].flatMap(numpyDType))))
            }
        }
        for (name, one) in [("zeros", false), ("ones", true)] {
            dict[name] = function(name, ["shape", "dtype"]) { a in
                var shape = shapeDims(a[0] ?? Value.none) ?? []
                if case .int(let n)? = a[0] { shape = [n] }
                let dtype = a[1].flatMap(numpyDType) ?? .float64
                return .object(PyNDArray(one ? try Tensor.ones(shape: shape, dtype: dtype) : try Tensor.zeros(shape: shape, dtype: dtype)))
            }
        }
        dict["allclose"] = function("allclose", ["a", "b", "rtol", "atol"], required: 2) { a in
            let x = try numpyArray(a[0] ?? .none, dtype: .float64), y = try numpyArray(a[1] ?? .none, dtype: .float64)
            let rtol = a[2]?.asDouble ?? 1e-5, atol = a[3]?.asDouble ?? 1e-8
            let shape = try Tensor.broadcastShape(x.shape, y.shape)
            let xs = try x.broadcast(to: shape).scalarDoubles(), ys = try y.broadcast(to: shape).scalarDoubles()
            return .bool(zip(xs, ys).allSatisfy { abs($0 - $1) <= atol + rtol * abs($1) })
        }
        return PyModule(name: "numpy", dict: dict)
    }
}
