import Autodiff
import Interpreter
import Tensors

/// `tf.float32` and friends: `repr` is `tf.float32`, `str` is `<dtype: 'float32'>`.
func defineDTypeMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string("tf.\(try receiver(args, PyDType.self, "__repr__").dtype)") }
    type.define("__str__") { _, args in .string("<dtype: '\(try receiver(args, PyDType.self, "__str__").dtype)'>") }
    type.define("__eq__") { _, args in
        let d = try receiver(args, PyDType.self, "__eq__")
        guard case .object(let o)? = args[1], let other = o as? PyDType else { return .bool(false) }
        return .bool(d.dtype == other.dtype)
    }
    type.define("__ne__") { _, args in
        let d = try receiver(args, PyDType.self, "__ne__")
        guard case .object(let o)? = args[1], let other = o as? PyDType else { return .bool(true) }
        return .bool(d.dtype != other.dtype)
    }
    type.define("__hash__") { _, args in .int(try receiver(args, PyDType.self, "__hash__").dtype.hashValue) }
    defineProperty(type, "name") { value in
        guard case .object(let o) = value, let d = o as? PyDType else { return .none }
        return .string(d.dtype.rawValue)
    }
    defineProperty(type, "is_floating") { value in
        guard case .object(let o) = value, let d = o as? PyDType else { return .none }
        return .bool(d.dtype.isFloatingPoint)
    }
    defineProperty(type, "is_integer") { value in
        guard case .object(let o) = value, let d = o as? PyDType else { return .none }
        return .bool(d.dtype.isInteger)
    }
    defineProperty(type, "is_bool") { value in
        guard case .object(let o) = value, let d = o as? PyDType else { return .none }
        return .bool(d.dtype == .bool)
    }
}

/// The dimensions of a shape-like Python value (TensorShape, list or tuple of ints), or nil.
func shapeDims(_ value: Value) -> [Int]? {
    switch value {
    case .list(let l): return intList(l.items)
    case .tuple(let t): return intList(t.items)
    case .object(let o): return (o as? PyTensorShape)?.dims
    default: return nil
    }
}

private func intList(_ items: [Value]) -> [Int]? {
    var dims: [Int] = []
    for item in items {
        guard case .int(let i) = item else { return nil }
        dims.append(i)
    }
    return dims
}

/// `tf.TensorShape`: `TensorShape([2, 3])`, `as_list()`, indexing, `len`, equality with lists and tuples.
func defineTensorShapeMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string(try receiver(args, PyTensorShape.self, "__repr__").reprText) }
    type.define("__str__") { _, args in .string(shapeTuple(try receiver(args, PyTensorShape.self, "__str__").dims)) }
    type.define("as_list") { _, args in
        .makeList(try receiver(args, PyTensorShape.self, "as_list").dims.map { .int($0) })
    }
    defineProperty(type, "rank") { value in
        guard case .object(let o) = value, let s = o as? PyTensorShape else { return .none }
        return .int(s.dims.count)
    }
    defineProperty(type, "ndims") { value in
        guard case .object(let o) = value, let s = o as? PyTensorShape else { return .none }
        return .int(s.dims.count)
    }
    type.define("num_elements") { _, args in
        .int(try receiver(args, PyTensorShape.self, "num_elements").dims.reduce(1, &*))
    }
    type.define("__len__") { _, args in .int(try receiver(args, PyTensorShape.self, "__len__").dims.count) }
    type.define("__iter__") { _, args in
        .object(PyListIterator(try receiver(args, PyTensorShape.self, "__iter__").dims.map { .int($0) }))
    }
    type.define("__getitem__") { _, args in
        let s = try receiver(args, PyTensorShape.self, "__getitem__")
        switch args[1] ?? .none {
        case .int(let i):
            let index = i < 0 ? i + s.dims.count : i
            guard index >= 0, index < s.dims.count else { throw PyError.index("list index out of range") }
            return .int(s.dims[index])
        case .object(let o):
            guard let slice = o as? PySlice else { break }
            let count = s.dims.count
            func bound(_ v: Value, _ fallback: Int) -> Int {
                guard case .int(let i) = v else { return fallback }
                return min(max(i < 0 ? i + count : i, 0), count)
            }
            guard slice.step.isNone || { if case .int(1) = slice.step { return true }; return false }() else {
                throw PyError.value("Steps other than 1 are not supported")
            }
            let start = bound(slice.start, 0), stop = bound(slice.stop, count)
            return .object(PyTensorShape(start < stop ? Array(s.dims[start..<stop]) : []))
        default: break
        }
        throw PyError.type("list indices must be integers or slices, not \((args[1] ?? .none).typeName)")
    }
    type.define("__eq__") { _, args in
        let s = try receiver(args, PyTensorShape.self, "__eq__")
        guard let other = shapeDims(args[1] ?? .none) else { return .bool(false) }
        return .bool(s.dims == other)
    }
    type.define("__ne__") { _, args in
        let s = try receiver(args, PyTensorShape.self, "__ne__")
        guard let other = shapeDims(args[1] ?? .none) else { return .bool(true) }
        return .bool(s.dims != other)
    }
    type.define("__bool__") { _, _ in .bool(true) }
}

/// An iterator over a fixed list of values.
final class PyListIterator: PyObject {
    let items: [Value]
    var position = 0

    init(_ items: [Value]) { self.items = items }

    override var pyType: PyType { listIteratorType }
}

nonisolated(unsafe) let listIteratorType: PyType = {
    let type = PyType(name: "list_iterator", base: Builtin.objectType)
    type.define("__iter__") { _, args in args[0] ?? .none }
    type.define("__next__") { _, args in
        let it = try receiver(args, PyListIterator.self, "__next__")
        guard it.position < it.items.count else { throw PyError.stopIteration }
        it.position += 1
        return it.items[it.position - 1]
    }
    return type
}()

/// `tensor.ref()`: hashable by identity, `deref()` gives the object back.
func defineReferenceMethods(on type: PyType) {
    type.define("deref") { _, args in try receiver(args, PyReference.self, "deref").target }
    type.define("__hash__") { _, args in
        let r = try receiver(args, PyReference.self, "__hash__")
        guard let object = r.target.heapObject else { return .int(0) }
        return .int(ObjectIdentifier(object).hashValue)
    }
    type.define("__eq__") { _, args in
        let r = try receiver(args, PyReference.self, "__eq__")
        guard case .object(let o)? = args[1], let other = o as? PyReference else { return .bool(false) }
        return .bool(r.target.isIdentical(to: other.target))
    }
    type.define("__repr__") { _, args in
        let r = try receiver(args, PyReference.self, "__repr__")
        return .string("<Reference wrapping \(pythonRepr(r.target))>")
    }
}

/// What `tape.stop_recording()` returns.
func defineStopRecordingMethods(on type: PyType) {
    type.define("__enter__") { _, args in
        let s = try receiver(args, PyStopRecording.self, "__enter__")
        guard s.tape.isRecording else {
            throw PyError.value("Tape must be recording.")
        }
        s.wasRecording = s.tape.suspendRecording()
        return .none
    }
    type.define("__exit__") { _, args in
        let s = try receiver(args, PyStopRecording.self, "__exit__")
        if s.wasRecording { s.tape.resumeRecording() }
        return .bool(false)
    }
}
