import Tensors

extension TapeContext {
    /// A constant scalar of `dtype`.
    public func scalar(_ value: Double, _ dtype: DType) throws(TensorError) -> TrackedTensor {
        try constant(Tensor.filled(shape: [], value: value, dtype: dtype))
    }

    public func zeros(_ shape: [Int], _ dtype: DType) throws(TensorError) -> TrackedTensor {
        try constant(Tensor.zeros(shape: shape, dtype: dtype))
    }

    public func onesLike(_ shape: [Int], _ dtype: DType) throws(TensorError) -> TrackedTensor {
        if shape.isEmpty, let one = Tensor.sharedScalarOne(dtype) { return try constant(one) }
        return try constant(Tensor.ones(shape: shape, dtype: dtype))
    }
}
