import Autodiff
import Interpreter
import Tensors

/// `tf.Variable` methods: reads go through the tape context so tapes watch and record them.
func defineVariableMethods(on type: PyType) {
    type.define("__repr__") { _, args in .string(variableRepr(try receiver(args, PyVariable.self, "__repr__"))) }
    type.define("__str__") { _, args in .string(variableRepr(try receiver(args, PyVariable.self, "__str__"))) }
    type.define("__hash__") { _, args in
        let v = try receiver(args, PyVariable.self, "__hash__")
        throw PyError.type("Variable is unhashable. Instead, use variable.ref() as the key. (Variable: \(variableRepr(v)))")
    }
    type.define("__iter__") { _, args in
        let (session, x) = try tensorReceiver(args)
        guard !x.value.isScalar else { throw PyError.type("Cannot iterate over a scalar tensor.") }
        return .object(PyTensorIterator(x, session: session))
    }
    defineProperty(type, "name") { value in
        guard case .object(let o) = value, let v = o as? PyVariable else { return .none }
        return .string(v.variable.name)
    }
    defineProperty(type, "trainable") { value in
        guard case .object(let o) = value, let v = o as? PyVariable else { return .none }
        return .bool(v.variable.trainable)
    }
    type.define("read_value") { _, args in
        let (session, x) = try tensorReceiver(args)
        return session.wrap(x)
    }
    type.define("value") { _, args in
        let (session, x) = try tensorReceiver(args)
        return session.wrap(x)
    }
    for (name, op) in [("assign", nil), ("assign_add", TFBinary.add), ("assign_sub", TFBinary.subtract)] as [(String, TFBinary?)] {
        type.define(name) { _, args in
            let v = try receiver(args, PyVariable.self, name)
            let slots = try Arguments(Array(args.positional.dropFirst()), keywords: args.keywords)
                .bind(name, ["value", "use_locking", "name", "read_value"], required: 1)
            try v.assign(slots[0] ?? .none, op: op)
            if let readValue = slots[3], !truthy(readValue) { return .none }
            return .object(PyVariable(v.variable, session: v.session, displayName: "UnreadVariable"))
        }
    }
}

/// Python truthiness of the plain values options take.
func truthy(_ value: Value) -> Bool {
    switch value {
    case .none: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    default: return true
    }
}

extension PyVariable {
    /// Stores `value` (or the variable's value `op` `value`), checking dtype and shape as TensorFlow does.
    func assign(_ value: Value, op: TFBinary?) throws {
        let current = variable.value
        var new: TrackedTensor
        if let tracked = try session.tracked(value) {
            guard tracked.dtype == current.dtype else {
                throw PyError.value("Tensor conversion requested dtype \(current.dtype) for Tensor with dtype \(tracked.dtype): \(tensorRepr(tracked.value))")
            }
            new = tracked
        } else {
            new = try session.toTracked(value, dtype: current.dtype)
        }
        if let op {
            // Assigning is not differentiable: compute on the plain values.
            let combined = try kernel(op.opName) { () throws -> Tensor in
                guard let kernelOp = op.kernel else { return new.value }
                return try Tensor.binary(kernelOp, current.value, new.value)
            }
            new = try kernel("Const") { try session.context.constant(combined) }
        }
        guard new.shape == current.shape else {
            throw PyError.value("Cannot assign value to variable ' \(variable.name)': Shape mismatch.The variable shape \(shapeTuple(current.shape)), and the assigned value shape \(shapeTuple(new.shape)) are incompatible.")
        }
        variable.assign(new)
    }
}
