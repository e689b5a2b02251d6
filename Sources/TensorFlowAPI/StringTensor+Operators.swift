import Interpreter
import Tensors

/// The operators and properties of string tensors, with TensorFlow's errors for the arithmetic
/// its kernels refuse on strings.
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

/// Defines the methods of the string tensor class.
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

private extension Value {
    var isNumber: Bool {
        switch self {
        case .int, .float, .bool: return true
        default: return false
        }
    }
}
