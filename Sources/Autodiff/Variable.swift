import Tensors

/// A mutable, named tensor: `tf.Variable`.
///
/// Reading a variable makes a fresh `TrackedTensor` (a snapshot); tapes that watch the variable
/// record the read, so gradients with respect to the variable sum over all its reads.
/// Assigning is not differentiable.
public final class Variable {
    /// Identity as a gradient source, from the same counter as tensors (so it orders by creation).
    public let id: Int
    public let name: String
    public let trainable: Bool
    public private(set) var value: TrackedTensor

    init(id: Int, name: String, trainable: Bool, value: TrackedTensor) {
        self.id = id
        self.name = name
        self.trainable = trainable
        self.value = value
    }

    public var shape: [Int] { value.shape }
    public var dtype: DType { value.dtype }

    /// Replaces the value. The caller has checked dtype and shape compatibility.
    public func assign(_ newValue: TrackedTensor) {
        value = newValue
    }
}
