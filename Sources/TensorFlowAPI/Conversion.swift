import Autodiff
import BigInt
import Interpreter
import Tensors

/// TensorFlow's conversion of Python values to tensors (`tf.constant`, `convert_to_tensor`, and
/// the Python operands of tensor operators).
extension TensorFlowSession {
    /// The tracked tensor behind a tensor or variable object (a variable is read, so tapes see it);
    /// nil for other values.
    func tracked(_ value: Value) throws -> TrackedTensor? {
        guard case .object(let object) = value else { return nil }
        if let tensor = object as? PyTensor { return tensor.tensor }
        if let variable = object as? PyVariable {
            return try kernel("ReadVariableOp") { try context.read(variable.variable) }
        }
        return nil
    }

    /// Converts any tensor-like value to a tracked tensor, as `tf.convert_to_tensor(value, dtype)`.
    func toTracked(_ value: Value, dtype: DType? = nil) throws -> TrackedTensor {
        if let tracked = try tracked(value) {
            if let dtype, dtype != tracked.dtype {
                throw PyError.value("Tensor conversion requested dtype \(dtype) for Tensor with dtype \(tracked.dtype): \(tensorRepr(tracked.value))")
            }
            return tracked
        }
        if let packed = try autopacked(value, dtype: dtype) { return packed }
        let tensor = try constantTensor(value, dtype: dtype)
        return try kernel("Const") { try context.constant(tensor) }
    }

    /// The operand of a binary op whose other operand has `dtype`: tensors as they are, Python
    /// values converted to `dtype` (`Cannot convert 2.5 to EagerTensor of dtype int32`).
    /// - Parameter lenient: convert by inference when `dtype` cannot hold the value, leaving the
    ///   mismatch to the kernel (what `+` with a tensor on the left does).
    func operand(_ value: Value, like dtype: DType, lenient: Bool = false) throws -> TrackedTensor {
        if let tracked = try tracked(value) { return tracked }
        do {
            let tensor = try constantTensor(value, dtype: dtype)
            return try kernel("Const") { try context.constant(tensor) }
        } catch let error as PyError where lenient && error.type === Builtin.typeError {
            if case .str = value {
                throw TFErrors.error(.invalidArgument("cannot compute AddV2 as input #1(zero-based) was expected to be a \(dtype.kernelName) tensor but is a string tensor"), op: "AddV2")
            }
            let tensor = try constantTensor(value, dtype: nil)
            return try kernel("Const") { try context.constant(tensor) }
        }
    }

    /// The constant tensor for a Python value: nested lists and tuples of numbers and bools,
    /// arrays, tensors, variables; TensorFlow's dtype inference when `dtype` is nil.
    /// - Parameter tensorsAsArrays: read tensors inside sequences as numpy arrays (the conversion
    ///   `convert_to_tensor` falls back to when the dtype asked for is not the tensors' own); otherwise
    ///   a tensor inside a sequence fails as `tf.constant` fails on one.
    func constantTensor(_ value: Value, dtype: DType?, tensorsAsArrays: Bool = false) throws -> Tensor {
        if let tracked = try tracked(value) {
            if let dtype, dtype != tracked.dtype {
                throw PyError.type("Expected tensor \(tracked.value.numpyStr()) with dtype tf.\(dtype), but got dtype tf.\(tracked.dtype).")
            }
            return tracked.value
        }
        if case .object(let object) = value, let array = object as? PyNDArray {
            guard let dtype, dtype != array.tensor.dtype else { return array.tensor }
            return array.tensor.cast(to: dtype)
        }
        // A lone Python float (`tf.constant(3.0)`, `tf.Variable(1.0)`) needs none of the walk below;
        // its tensor is the one that walk would make.
        if case .float(let d) = value, requested(dtype, canHold: d) {
            return try kernel("Const") { try Tensor(shape: [], doubles: [d], dtype: dtype ?? .float32) }
        }
        var walk = SequenceWalk(tensorsAsArrays: tensorsAsArrays)
        try collect(value, depth: 0, walk: &walk)
        var tensor = try makeTensor(leaves: walk.leaves, shape: walk.shape, dtype: dtype, original: value)
        // A numpy float64 first element makes the inferred float type double, as TensorFlow's inference does.
        if dtype == nil && walk.firstLeafIsDouble && tensor.dtype == .float32 {
            tensor = tensor.cast(to: .float64)
        }
        return tensor
    }

    /// True when `dtype` (float32 when nil) is a float type that `makeTensor` would fill with `d`
    /// without an error: an inferred float32 refuses a finite double it cannot hold.
    private func requested(_ dtype: DType?, canHold d: Double) -> Bool {
        guard let dtype else { return !d.isFinite || Float(d).isFinite }
        return dtype == .float32 || dtype == .float64
    }

    /// Flattens nested lists, tuples and arrays, checking they are rectangular.
    private func collect(_ value: Value, depth: Int, walk: inout SequenceWalk) throws {
        let items: [Value]
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple.items
        case .object(let object):
            if let array = object as? PyNDArray, !array.isScalar {
                return try collectArray(array.tensor, depth: depth, walk: &walk)
            }
            if object is PyTensor || object is PyVariable || object is PyStringTensor {
                if walk.tensorsAsArrays, let tracked = try tracked(value) {
                    return try collectArray(tracked.value, depth: depth, walk: &walk)
                }
                // TensorFlow's conversion takes a tensor that comes first for a sequence and fails
                // taking its length; one that comes after Python numbers mixes types.
                guard walk.leaves.isEmpty else { throw PyError.value("Can't convert Python sequence with mixed types to Tensor.") }
                if object is PyVariable { throw PyError.value("TypeError: object of type 'ResourceVariable' has no len()\n") }
                throw PyError.value(scalarTensorLengthFailure)
            }
            fallthrough
        default:
            if depth != walk.shape.count {
                throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.")
            }
            if walk.leaves.isEmpty, case .object(let object) = value, let array = object as? PyNDArray {
                walk.firstLeafIsDouble = array.tensor.dtype == .float64
            }
            walk.leaves.append(try leaf(value))
            return
        }
        guard depth < 64 else { throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.") }
        if depth == walk.shape.count {
            // The first sequence at this depth fixes the dimension, unless scalars were seen here.
            if !walk.leaves.isEmpty && depth == 0 { throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.") }
            walk.shape.append(items.count)
        } else if depth > walk.shape.count || walk.shape[depth] != items.count {
            throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.")
        }
        for item in items {
            try collect(item, depth: depth + 1, walk: &walk)
        }
    }

    /// Adds an array inside a sequence: its dimensions continue the sequence's, its elements are leaves.
    private func collectArray(_ tensor: Tensor, depth: Int, walk: inout SequenceWalk) throws {
        if depth == walk.shape.count {
            if !walk.leaves.isEmpty { throw PyError.value("Can't convert Python sequence with mixed types to Tensor.") }
            guard depth + tensor.shape.count <= 64 else { throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.") }
            walk.shape.append(contentsOf: tensor.shape)
            walk.firstLeafIsDouble = tensor.dtype == .float64
        } else if depth > walk.shape.count || Array(walk.shape[depth...]) != tensor.shape {
            throw PyError.value("Can't convert non-rectangular Python sequence to Tensor.")
        }
        walk.leaves.append(contentsOf: elementValues(tensor))
    }

    /// A leaf as a Python number or bool: scalar tensors and arrays give their element.
    private func leaf(_ value: Value) throws -> Value {
        switch value {
        case .bool, .int, .float, .str: return value
        case .object(let object):
            if object is PyBigInt { return value }
            if let tracked = try tracked(value), tracked.value.isScalar { return scalarValue(tracked.value) }
            if let array = object as? PyNDArray, array.tensor.isScalar { return scalarValue(array.tensor) }
        default: break
        }
        if value.isNone {
            throw PyError.value("Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor.")
        }
        throw PyError.value("Attempt to convert a value (\(pythonRepr(value))) with an unsupported type (<class '\(value.type.qualifiedName)'>) to a Tensor.")
    }

    private func makeTensor(leaves: [Value], shape: [Int], dtype requested: DType?, original: Value) throws -> Tensor {
        var hasBool = false, hasNumber = false, hasFloat = false
        for leaf in leaves {
            switch leaf {
            case .bool: hasBool = true
            case .float: hasFloat = true; hasNumber = true
            case .str:
                if let requested {
                    throw PyError.type("Cannot convert \(pythonRepr(original)) to EagerTensor of dtype \(requested.kernelName)")
                }
                // A str among numbers mixes types; strings alone reach here only where a numeric
                // tensor is needed (tf.constant and convert_to_tensor make string tensors first).
                if leaves.contains(where: { if case .str = $0 { return false }; return true }) {
                    throw PyError.value("Can't convert Python sequence with mixed types to Tensor.")
                }
                throw PyError.value("Attempt to convert a value (\(pythonRepr(leaf))) with an unsupported type (<class 'str'>) to a Tensor.")
            default: hasNumber = true
            }
        }
        let dtype: DType
        if let requested {
            dtype = requested
        } else if hasBool && hasNumber {
            throw PyError.value("Can't convert Python sequence with mixed types to Tensor.")
        } else if hasBool {
            dtype = .bool
        } else if hasFloat || leaves.isEmpty {
            dtype = .float32
        } else {
            dtype = try inferredIntegerType(leaves)
        }
        // Built only when thrown: the repr of a large value costs more than converting it.
        func cannotConvert() -> PyError {
            PyError.type("Cannot convert \(pythonRepr(original)) to EagerTensor of dtype \(dtype.kernelName)")
        }
        switch dtype {
        case .float32, .float64:
            var doubles: [Double] = []
            doubles.reserveCapacity(leaves.count)
            for leaf in leaves {
                switch leaf {
                case .float(let d):
                    // Inferred float32 refuses what only double can hold; an explicit dtype rounds to inf.
                    if requested == nil && d.isFinite && !Float(d).isFinite {
                        throw PyError.value("Can't convert Python sequence with a value out of range for a double-precision float.")
                    }
                    doubles.append(d)
                case .int(let i): doubles.append(Double(i))
                case .bool(let b): doubles.append(b ? 1 : 0)
                default: doubles.append(Double(leaf.bigIntValue ?? 0))
                }
            }
            return try kernel("Const") { try Tensor(shape: shape, doubles: doubles, dtype: dtype) }
        case .int32, .int64:
            var ints: [Int64] = []
            ints.reserveCapacity(leaves.count)
            let range: ClosedRange<BigInt> = dtype == .int32 ? BigInt(Int32.min)...BigInt(Int32.max) : BigInt(Int64.min)...BigInt(Int64.max)
            for leaf in leaves {
                switch leaf {
                case .float: throw cannotConvert()
                case .bool(let b): ints.append(b ? 1 : 0)
                default:
                    guard let big = leaf.bigIntValue, let small = Int64(exactly: big) else {
                        throw PyError.value("Can't convert Python sequence with out-of-range integer to \(dtype) Tensor.")
                    }
                    // An int32 asked for keeps the low 32 bits, as TensorFlow's conversion does.
                    ints.append(range.contains(big) ? small : Int64(Int32(truncatingIfNeeded: small)))
                }
            }
            return try kernel("Const") { try Tensor(shape: shape, int64s: ints, dtype: dtype) }
        case .bool:
            var bools: [Bool] = []
            bools.reserveCapacity(leaves.count)
            for leaf in leaves {
                guard case .bool(let b) = leaf else { throw cannotConvert() }
                bools.append(b)
            }
            return try kernel("Const") { try Tensor(shape: shape, storage: .bool(bools)) }
        }
    }

    private func inferredIntegerType(_ leaves: [Value]) throws -> DType {
        var dtype = DType.int32
        for leaf in leaves {
            switch leaf {
            case .int(let i):
                if Int32(exactly: i) == nil { dtype = .int64 }
            default:
                guard let big = leaf.bigIntValue, Int64(exactly: big) != nil else {
                    throw PyError.value("Can't convert Python sequence with out-of-range integer to Tensor.")
                }
                dtype = .int64
            }
        }
        return dtype
    }
}

/// The state of a walk over nested sequences: the shape so far and the leaves in order.
private struct SequenceWalk {
    let tensorsAsArrays: Bool
    var shape: [Int] = []
    var leaves: [Value] = []
    /// The first leaf was a numpy float64 element.
    var firstLeafIsDouble = false

    init(tensorsAsArrays: Bool) { self.tensorsAsArrays = tensorsAsArrays }
}

/// TensorFlow's text when `tf.constant` meets a tensor first in a sequence: its conversion asks the
/// tensor for a length, and the Python error it gets back (with its traceback) becomes the message.
/// The file path is TensorFlow's own, as a standard `pip install` into Python 3.11 places it.
let scalarTensorLengthFailure = """
    TypeError: Scalar tensor has no `len()`
    Traceback (most recent call last):

      File "/usr/local/lib/python3.11/site-packages/tensorflow/python/framework/ops.py", line 361, in __len__
        raise TypeError("Scalar tensor has no `len()`")

    TypeError: Scalar tensor has no `len()`


    """

/// The Python values of a tensor's elements in order: floats, ints or bools.
func elementValues(_ tensor: Tensor) -> [Value] {
    switch tensor.storage {
    case .bool(let a): return a.map { .bool($0) }
    case .int32(let a): return a.map { .int(Int($0)) }
    case .int64(let a): return a.map { .int(Int($0)) }
    case .float32(let a): return a.map { .float(Double($0)) }
    case .float64(let a): return a.map { .float($0) }
    }
}

/// The Python value of a scalar tensor's element: float, int or bool.
func scalarValue(_ tensor: Tensor) -> Value {
    switch tensor.storage {
    case .bool(let a): return .bool(a.first ?? false)
    case .int32(let a): return .int(Int(a.first ?? 0))
    case .int64(let a): return .int(Int(a.first ?? 0))
    case .float32(let a): return .float(Double(a.first ?? 0))
    case .float64(let a): return .float(a.first ?? 0)
    }
}

/// `repr` of the plain Python values TensorFlow quotes in its messages.
func pythonRepr(_ value: Value) -> String {
    switch value {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let d): return FloatRepr.repr(d)
    case .str(let s): return "'" + s.value + "'"
    case .list(let l): return "[" + l.items.map(pythonRepr).joined(separator: ", ") + "]"
    case .tuple(let t):
        if t.items.count == 1 { return "(" + pythonRepr(t.items[0]) + ",)" }
        return "(" + t.items.map(pythonRepr).joined(separator: ", ") + ")"
    case .dict(let d):
        return "{" + d.table.items.map { pythonRepr($0.key.value) + ": " + pythonRepr($0.value) }.joined(separator: ", ") + "}"
    case .object(let o):
        if let big = o as? PyBigInt { return String(big.value) }
        if let t = o as? PyTensor { return tensorRepr(t.value) }
        if let v = o as? PyVariable { return variableRepr(v) }
        if let d = o as? PyDType { return "tf.\(d.dtype)" }
        if let s = o as? PyTensorShape { return s.reprText }
        if let a = o as? PyNDArray { return a.reprText }
        return "<\(o.pyType.qualifiedName) object>"
    }
}
