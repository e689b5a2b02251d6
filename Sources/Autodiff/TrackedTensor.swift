import Tensors

/// A tensor with identity: the unit that tapes watch and record.
///
/// The value is immutable; every op makes a new `TrackedTensor`. Its bytes count against the
/// session's `MemoryAccount` for as long as it lives.
public final class TrackedTensor {
    public let value: Tensor
    /// Unique within a `TapeContext`, increasing in creation order.
    public let id: Int
    /// The account charged for this tensor's bytes; nil when it shares another tensor's storage.
    private let account: MemoryAccount?

    init(_ value: Tensor, id: Int, account: MemoryAccount) throws(TensorError) {
        try account.charge(value.byteCount, shape: value.shape, dtype: value.dtype)
        self.value = value
        self.id = id
        self.account = account
    }

    /// A new identity for `other`'s value, whose storage `other` already pays for.
    init(sharing other: TrackedTensor, id: Int) {
        self.value = other.value
        self.id = id
        self.account = nil
    }

    deinit {
        account?.refund(value.byteCount)
    }

    public var shape: [Int] { value.shape }
    public var dtype: DType { value.dtype }
}
