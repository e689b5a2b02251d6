import Autodiff
import Interpreter
import Tensors

/// Helpers for defining the `tf.*` functions.
extension TensorFlowSession {
    /// A native function that binds its arguments to `params` with CPython's messages.
    func function(_ name: String, _ params: [String], required: Int = 1,
                  _ body: @escaping ([Value?]) throws -> Value) -> Value {
        .object(PyBuiltinFunction(name: name) { _, args in
            try body(try args.bind(name, params, required: required))
        })
    }

    /// The dtype an optional `dtype=` argument names (a `tf.DType` or its name as a string).
    func dtypeArgument(_ value: Value?) throws -> DType? {
        guard let value, !value.isNone else { return nil }
        if case .object(let o) = value, let d = o as? PyDType { return d.dtype }
        if case .object(let o) = value, let n = o as? PyNumpyDType { return n.dtype }
        if let name = value.stringValue, let d = DType(rawValue: name == "float" ? "float32" : name) { return d }
        if case .object(let o) = value, let t = o as? PyType {
            if t === Builtin.floatType { return .float32 }
            if t === Builtin.intType { return .int32 }
            if t === Builtin.boolType { return .bool }
        }
        throw PyError.type("Cannot convert \(pythonRepr(value)) to a DType.")
    }

    /// A shape argument: TensorShape, list or tuple of ints, a single int, or an int tensor.
    func shapeArgument(_ value: Value, op: String) throws -> [Int] {
        if case .int(let n) = value { return [n] }
        if let dims = shapeDims(value) { return dims }
        if let tracked = try tracked(value), tracked.dtype.isInteger, tracked.shape.count <= 1 {
            return tracked.value.scalarInt64s().map { Int($0) }
        }
        let tensor = try constantTensor(value, dtype: nil)
        guard tensor.dtype.isInteger, tensor.shape.count <= 1 else {
            throw TFErrors.error(.invalidArgument("shape must be a vector of {int32,int64}, got shape \(tensorShapeText(tensor.shape))"), op: op)
        }
        return tensor.scalarInt64s().map { Int($0) }
    }

    /// An axis argument: nil, an int, a list or tuple of ints, or an int tensor.
    func axesArgument(_ value: Value?) throws -> [Int]? {
        guard let value, !value.isNone else { return nil }
        switch value {
        case .int(let i): return [i]
        case .list, .tuple:
            guard let dims = shapeDims(value) else { throw PyError.type("axis must be a list of integers") }
            return dims
        default:
            if let tracked = try tracked(value), tracked.dtype.isInteger {
                return tracked.value.scalarInt64s().map { Int($0) }
            }
            throw PyError.type("axis must be an int, a list of ints or None, got \(pythonRepr(value))")
        }
    }

    /// An int argument (Python int or scalar int tensor).
    func intArgument(_ value: Value?, _ name: String, default fallback: Int? = nil) throws -> Int {
        switch value {
        case .int(let i)?: return i
        case .bool(let b)?: return b ? 1 : 0
        case nil, .none?:
            if let fallback { return fallback }
        default:
            if let value, let tracked = try tracked(value), tracked.dtype.isInteger, tracked.value.isScalar {
                return Int(tracked.value.scalarInt64s().first ?? 0)
            }
        }
        throw PyError.type("Expected int for argument '\(name)' not \(pythonRepr(value ?? .none)).")
    }

    /// A list of tensor-like values (`tf.concat`, `tf.stack`).
    func tensorList(_ value: Value?) throws -> [TrackedTensor] {
        switch value {
        case .list(let l)?: return try convertAll(l.items)
        case .tuple(let t)?: return try convertAll(t.items)
        case let other?:
            let x = try toTracked(other)
            return try (0..<(x.shape.first ?? 0)).map { i in try kernel("Unpack") { try context.slice(x, [.index(i)]) } }
        case nil: return []
        }
    }

    /// Converts values to tensors, Python values taking the dtype of the first tensor among them.
    func convertAll(_ items: [Value]) throws -> [TrackedTensor] {
        var dtype: DType?
        for item in items { if let t = try tracked(item) { dtype = t.dtype; break } }
        return try items.map { item in
            if let dtype { return try operand(item, like: dtype) }
            return try toTracked(item)
        }
    }
}

/// `[2,3]`: TensorFlow's shape text inside kernel messages.
func tensorShapeText(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
}
