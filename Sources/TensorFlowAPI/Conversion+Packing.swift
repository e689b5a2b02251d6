import Autodiff
import Interpreter
import Tensors

/// TensorFlow's automatic packing: `convert_to_tensor` (and `tf.Variable`) of a nested list that
/// holds tensors stacks them, so gradients flow through the elements.
extension TensorFlowSession {
    /// The packed tensor for a list or tuple holding tensors or variables; nil for other values.
    /// Python values among the tensors take the first tensor's dtype. With another `dtype` asked
    /// for, the tensors are read as arrays and the whole converted to it.
    func autopacked(_ value: Value, dtype: DType?) throws -> TrackedTensor? {
        guard let inferred = try firstTensorDType(value, depth: 0) else { return nil }
        if let dtype, dtype != inferred {
            let tensor = try constantTensor(value, dtype: dtype, tensorsAsArrays: true)
            return try kernel("Const") { try context.constant(tensor) }
        }
        return try pack(value, dtype: inferred)
    }

    /// The dtype of the first tensor or variable met walking nested lists and tuples depth first.
    private func firstTensorDType(_ value: Value, depth: Int) throws -> DType? {
        let items: [Value]
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple.items
        case .object(let object):
            if let tensor = object as? PyTensor { return depth > 0 ? tensor.tensor.dtype : nil }
            if let variable = object as? PyVariable { return depth > 0 ? variable.variable.dtype : nil }
            return nil
        default: return nil
        }
        guard depth < 64 else { return nil }
        for item in items {
            if let dtype = try firstTensorDType(item, depth: depth + 1) { return dtype }
        }
        return nil
    }

    private func pack(_ value: Value, dtype: DType) throws -> TrackedTensor {
        let items: [Value]
        switch value {
        case .list(let list): items = list.items
        case .tuple(let tuple): items = tuple.items
        default: return try operand(value, like: dtype)
        }
        let parts = try items.map { item -> TrackedTensor in
            if let tracked = try tracked(item) { return tracked }
            if try firstTensorDType(item, depth: 0) != nil { return try pack(item, dtype: dtype) }
            return try operand(item, like: dtype)
        }
        return try kernel("Pack") { try context.stack(parts, axis: 0) }
    }
}
