import Autodiff
import BigInt
import Interpreter
import Tensors

/// The binary maths of tensors, shared by the operators and the `tf.*` functions.
enum TFBinary {
    case add, subtract, multiply, trueDivide, floorDivide, modulo, power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual, logicalAnd, logicalOr, matmul

    /// TensorFlow's op name for the ` [Op:Name]` suffix: the kernel's own name.
    var opName: String { kernel?.kernelName ?? "MatMul" }

    var kernel: BinaryOperation? {
        switch self {
        case .add: return .add
        case .subtract: return .subtract
        case .multiply: return .multiply
        case .trueDivide: return .divide
        case .floorDivide: return .floorDivide
        case .modulo: return .modulo
        case .power: return .power
        case .maximum: return .maximum
        case .minimum: return .minimum
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .logicalAnd: return .logicalAnd
        case .logicalOr: return .logicalOr
        case .matmul: return nil
        }
    }
}

extension TensorFlowSession {
    /// `a op b` on tensors, recorded on the tapes.
    func apply(_ op: TFBinary, _ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor {
        switch op {
        case .matmul:
            return try kernel("MatMul") { try context.matmul(a, b) }
        case .trueDivide:
            guard a.dtype == b.dtype else {
                throw PyError.type("`x` and `y` must have the same dtype, got tf.\(a.dtype) != tf.\(b.dtype).")
            }
            if a.dtype.isInteger {
                // TensorFlow's truediv casts integers to float64 before dividing.
                let x = try kernel("Cast") { try context.cast(a, to: .float64) }
                let y = try kernel("Cast") { try context.cast(b, to: .float64) }
                return try kernel("RealDiv") { try context.binary(.divide, x, y) }
            }
            return try kernel("RealDiv") { try context.binary(.divide, a, b) }
        default:
            guard let operation = op.kernel else { throw PyError.type("unsupported operand") }
            return try kernel(op.opName) { try context.binary(operation, a, b) }
        }
    }

    /// `lhs op rhs` where one side may be a Python value, converted to the other side's dtype.
    func applyMixed(_ op: TFBinary, _ lhs: Value, _ rhs: Value) throws -> Value {
        if let a = try tracked(lhs) {
            let b = try operand(rhs, like: a.dtype, lenient: op == .add || op == .trueDivide)
            return wrap(try apply(op, a, b))
        }
        if let b = try tracked(rhs) {
            let a = try operand(lhs, like: b.dtype)
            return wrap(try apply(op, a, b))
        }
        let a = try toTracked(lhs)
        let b = try operand(rhs, like: a.dtype, lenient: op == .add)
        return wrap(try apply(op, a, b))
    }

    /// A unary op on a tensor-like value.
    func applyUnary(_ op: UnaryOperation, _ name: String, _ value: Value) throws -> Value {
        let x = try toTracked(value)
        return wrap(try kernel(name) { try context.unary(op, x) })
    }
}

/// The session and tensor behind a tensor or variable receiver.
func tensorReceiver(_ args: Arguments) throws -> (TensorFlowSession, TrackedTensor) {
    guard case .object(let object)? = args[0] else { throw PyError.type("expected a tensor") }
    if let tensor = object as? PyTensor { return (tensor.session, tensor.tensor) }
    if let variable = object as? PyVariable {
        return (variable.session, try kernel("ReadVariableOp") { try variable.session.context.read(variable.variable) })
    }
    throw PyError.type("expected a tensor")
}

/// The session of a tensor or variable receiver.
private func session(of value: Value?) throws -> TensorFlowSession {
    if case .object(let object)? = value {
        if let tensor = object as? PyTensor { return tensor.session }
        if let variable = object as? PyVariable { return variable.session }
    }
    throw PyError.type("expected a tensor")
}

/// Converts a SliceIndex component of a slice to an optional Int.
private func sliceBound(_ value: Value, session: TensorFlowSession) throws -> Int? {
    switch value {
    case .none: return nil
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    default:
        if let tracked = try session.tracked(value), tracked.dtype.isInteger, tracked.value.isScalar {
            return Int(tracked.value.scalarInt64s().first ?? 0)
        }
        throw PyError.type("slice indices must be integers or None or have an __index__ method")
    }
}

/// The indices of `tensor[key]`.
func sliceIndices(_ key: Value, session: TensorFlowSession) throws -> [SliceIndex] {
    // A list key is read as a tuple, one index per axis, as TensorFlow reads it.
    let parts: [Value]
    switch key {
    case .tuple(let tuple): parts = tuple.items
    case .list(let list): parts = list.items
    case .bool: throw PyError.value("mask cannot be scalar.")
    default:
        if let tracked = try session.tracked(key), tracked.dtype == .bool, tracked.value.isScalar {
            throw PyError.value("mask cannot be scalar.")
        }
        parts = [key]
    }
    if case .bool? = parts.first {
        try checkBooleanFirstIndex(parts)
    }
    var indices: [SliceIndex] = []
    for part in parts {
        switch part {
        case .int(let i): indices.append(.index(i))
        case .bool(let b): indices.append(.index(b ? 1 : 0))
        case .none: indices.append(.newAxis)
        case .object(let object):
            if object === Builtin.ellipsisObject { indices.append(.ellipsis); continue }
            if let slice = object as? PySlice {
                indices.append(.range(start: try sliceBound(slice.start, session: session),
                                      stop: try sliceBound(slice.stop, session: session),
                                      step: try sliceBound(slice.step, session: session)))
                continue
            }
            if let tracked = try session.tracked(part), tracked.dtype.isInteger, tracked.value.isScalar {
                indices.append(.index(Int(tracked.value.scalarInt64s().first ?? 0)))
                continue
            }
            if let number = object as? PyNDArray, number.isScalar, number.tensor.dtype.isInteger {
                indices.append(.index(Int(number.tensor.scalarInt64s().first ?? 0)))
                continue
            }
            throw invalidIndex(part)
        default: throw invalidIndex(part)
        }
    }
    return indices
}

/// A bool first in a multi-axis key makes TensorFlow build its slice bounds as a bool tensor: the
/// other indices fail that conversion, or the slice kernel refuses bool bounds.
private func checkBooleanFirstIndex(_ parts: [Value]) throws {
    for part in parts {
        switch part {
        case .bool: continue
        case .int: throw PyError.type("Cannot convert \(pythonRepr(part)) to EagerTensor of dtype bool")
        default: return
        }
    }
    throw PyError(TFErrors.invalidArgument, "Value for attr 'Index' of bool is not in the list of allowed values: int16, int32, int64\n\t; NodeDef: {{node StridedSlice}}; Op<name=StridedSlice; signature=input:T, begin:Index, end:Index, strides:Index -> output:T; attr=T:type; attr=Index:type,allowed=[DT_INT16, DT_INT32, DT_INT64]; attr=begin_mask:int,default=0; attr=end_mask:int,default=0; attr=ellipsis_mask:int,default=0; attr=new_axis_mask:int,default=0; attr=shrink_axis_mask:int,default=0> [Op:StridedSlice]")
}

private func invalidIndex(_ part: Value) -> PyError {
    PyError.type("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got \(pythonRepr(part))")
}

/// The Python number a 0-d tensor holds, or numpy 2's error for any other rank.
private func onlyElement(_ tensor: Tensor) throws -> Value {
    guard tensor.isScalar else {
        throw PyError.type("only 0-dimensional arrays can be converted to Python scalars")
    }
    return scalarValue(tensor)
}

/// Operators and conversions shared by tensors and variables (a variable reads its value first).
func defineTensorMethods(on type: PyType) {
    let binaries: [(String, TFBinary)] = [
        ("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .trueDivide),
        ("floordiv", .floorDivide), ("mod", .modulo), ("pow", .power), ("matmul", .matmul),
        ("and", .logicalAnd), ("or", .logicalOr),
    ]
    for (name, op) in binaries {
        type.define("__\(name)__") { _, args in
            try session(of: args[0]).applyMixed(op, args[0] ?? .none, args[1] ?? .none)
        }
        type.define("__r\(name)__") { _, args in
            try session(of: args[0]).applyMixed(op, args[1] ?? .none, args[0] ?? .none)
        }
    }
    let comparisons: [(String, TFBinary)] = [("lt", .less), ("le", .lessEqual), ("gt", .greater), ("ge", .greaterEqual)]
    for (name, op) in comparisons {
        type.define("__\(name)__") { _, args in
            try session(of: args[0]).applyMixed(op, args[0] ?? .none, args[1] ?? .none)
        }
    }
    for (name, op) in [("eq", TFBinary.equal), ("ne", .notEqual)] {
        type.define("__\(name)__") { _, args in
            let other = args[1] ?? .none
            // Tensors answer == None without converting it; variables try to convert it.
            if other.isNone, case .object(let o)? = args[0], o is PyTensor { return .bool(op == .notEqual) }
            let session = try session(of: args[0])
            let a = try tensorReceiver(args).1
            let b = try session.operand(other, like: a.dtype)
            // Python's == on tensors of shapes that do not broadcast is a scalar answer, not an error.
            if a.dtype == b.dtype, (try? Tensor.broadcastShape(a.shape, b.shape)) == nil {
                return try session.wrapConstant(Tensor(op == .notEqual))
            }
            return session.wrap(try session.apply(op, a, b))
        }
    }
    type.define("__neg__") { _, args in try session(of: args[0]).applyUnary(.negate, "Neg", args[0] ?? .none) }
    type.define("__abs__") { _, args in try session(of: args[0]).applyUnary(.abs, "Abs", args[0] ?? .none) }
    type.define("__pos__") { _, args in
        throw PyError.type("bad operand type for unary +: '\((args[0] ?? .none).type.qualifiedName)'")
    }
    type.define("__invert__") { _, args in
        let (session, x) = try tensorReceiver(args)
        guard x.dtype.isInteger else { return try session.applyUnary(.logicalNot, "LogicalNot", args[0] ?? .none) }
        // Bitwise not of two's complement integers: -x - 1, wrapping as the kernels do.
        let inverted = try kernel("Invert") {
            try Tensor.binary(.subtract, try x.value.unary(.negate), Tensor.ones(shape: [], dtype: x.dtype))
        }
        return try session.wrapConstant(inverted, op: "Invert")
    }
    type.define("__getitem__") { _, args in
        let (session, x) = try tensorReceiver(args)
        let indices = try sliceIndices(args[1] ?? .none, session: session)
        if x.shape.isEmpty, indices.contains(where: { if case .index = $0 { return true }; if case .range = $0 { return true }; return false }) {
            throw TFErrors.error(.invalidArgument("Attempting to slice scalar input."), op: "StridedSlice")
        }
        return session.wrap(try kernel("StridedSlice") { try session.context.slice(x, indices) })
    }
    type.define("__bool__") { _, args in
        let (_, x) = try tensorReceiver(args)
        if x.value.count == 0 { return .bool(false) }
        guard x.value.count == 1 else {
            throw PyError.value("The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return .bool(x.value.double(at: 0) != 0)
    }
    type.define("__float__") { _, args in
        let (_, x) = try tensorReceiver(args)
        return .float(try onlyElement(x.value).asDouble)
    }
    type.define("__int__") { _, args in
        let (_, x) = try tensorReceiver(args)
        switch try onlyElement(x.value) {
        case .float(let d):
            guard d.isFinite else {
                throw d.isNaN ? PyError.value("cannot convert float NaN to integer")
                              : PyError.overflow("cannot convert float infinity to integer")
            }
            return Value.integer(BigInt(d.rounded(.towardZero)))
        case .bool(let b): return .int(b ? 1 : 0)
        case let other: return other
        }
    }
    type.define("__index__") { _, args in
        let (_, x) = try tensorReceiver(args)
        // TensorFlow asks the numpy value: a scalar of another type has no __index__ at all.
        guard x.value.isScalar else { throw PyError.type("only integer scalar arrays can be converted to a scalar index") }
        guard x.dtype.isInteger else {
            throw PyError.attribute("'numpy.\(x.dtype)' object has no attribute '__index__'")
        }
        return scalarValue(x.value)
    }
    type.define("__format__") { _, args in
        let (_, x) = try tensorReceiver(args)
        return .string(try formatTensor(x.value, spec: args[1]?.stringValue ?? ""))
    }
    defineProperty(type, "shape") { value in
        let (_, x) = try tensorReceiver(Arguments([value]))
        return .object(PyTensorShape(x.shape))
    }
    defineProperty(type, "dtype") { value in
        let (_, x) = try tensorReceiver(Arguments([value]))
        return PyDType.of(x.dtype)
    }
    defineProperty(type, "ndim") { value in
        let (_, x) = try tensorReceiver(Arguments([value]))
        return .int(x.shape.count)
    }
    defineProperty(type, "device") { _ in .string("/job:localhost/replica:0/task:0/device:CPU:0") }
    type.define("numpy") { _, args in
        let (_, x) = try tensorReceiver(args)
        return .object(PyNDArray(x.value))
    }
    type.define("get_shape") { _, args in
        let (_, x) = try tensorReceiver(args)
        return .object(PyTensorShape(x.shape))
    }
    type.define("ref") { _, args in
        guard case .object(let object)? = args[0], let holder = object as? ReferenceHolder else {
            return .object(PyReference(args[0] ?? .none))
        }
        // The same reference object while one is alive, so dict lookups by `t.ref()` find it.
        if let existing = holder.reference { return .object(existing) }
        let reference = PyReference(.object(object))
        holder.reference = reference
        return .object(reference)
    }
    type.define("__array__") { _, args in
        let (_, x) = try tensorReceiver(args)
        return .object(PyNDArray(x.value))
    }
}

/// `format(tensor, spec)`: numpy's `__format__`, which formats a scalar as its Python number
/// and refuses a spec for anything larger.
func formatTensor(_ tensor: Tensor, spec: String) throws -> String {
    if tensor.isScalar {
        do {
            switch scalarValue(tensor) {
            case .float(let d): return try TextFormat.float(d, spec: spec)
            case .int(let i): return try TextFormat.int(i, spec: spec)
            case .bool(let b): return try TextFormat.bool(b, spec: spec)
            default: return tensor.numpyScalarStr()
            }
        } catch let error as TextError {
            throw PyError(error.kind == .typeError ? Builtin.typeError : Builtin.valueError, error.message)
        }
    }
    guard spec.isEmpty else { throw PyError.type("unsupported format string passed to numpy.ndarray.__format__") }
    return tensor.numpyStr()
}

extension Value {
    /// The number as a `Double` (ints, bools, floats); 0 for anything else.
    var asDouble: Double {
        switch self {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        default: return 0
        }
    }
}

/// Methods only eager tensors have.
func defineEagerTensorMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string(tensorRepr(try receiver(args, PyTensor.self, "__repr__").value)) }
    type.define("__str__") { _, args in .string(tensorStr(try receiver(args, PyTensor.self, "__str__").value)) }
    type.define("__hash__") { _, _ in throw PyError.type("Tensor is unhashable. Instead, use tensor.ref() as the key.") }
    type.define("__len__") { _, args in
        let x = try receiver(args, PyTensor.self, "__len__")
        guard let first = x.value.shape.first else { throw PyError.type("Scalar tensor has no `len()`") }
        return .int(first)
    }
    type.define("__iter__") { _, args in
        let x = try receiver(args, PyTensor.self, "__iter__")
        guard !x.value.isScalar else { throw PyError.type("Cannot iterate over a scalar tensor.") }
        return .object(PyTensorIterator(x.tensor, session: x.session))
    }
}
