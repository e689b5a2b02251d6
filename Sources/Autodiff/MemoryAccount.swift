import Synchronization
import Tensors

/// Live tensor bytes of one session, checked against its budget when a tensor is made.
///
/// Every `TrackedTensor` charges its bytes on creation and refunds them when it is freed,
/// so the figure is exact for whatever cells, tapes and variables still hold.
public final class MemoryAccount: Sendable {
    private let live = Atomic<Int>(0)
    private let budgetStorage: Atomic<Int>

    /// - Parameter budget: the most live tensor bytes allowed (default 1 GiB).
    public init(budget: Int = 1 << 30) {
        budgetStorage = Atomic(budget)
    }

    public var liveBytes: Int { live.load(ordering: .relaxed) }

    public var budget: Int {
        get { budgetStorage.load(ordering: .relaxed) }
        set { budgetStorage.store(newValue, ordering: .relaxed) }
    }

    /// Charges `bytes` for a tensor of `shape`, or throws TensorFlow's out-of-memory error when
    /// that would pass the budget.
    func charge(_ bytes: Int, shape: [Int], dtype: DType) throws(TensorError) {
        let total = live.add(bytes, ordering: .relaxed).newValue
        if total > budget {
            live.subtract(bytes, ordering: .relaxed)
            throw TensorError(.resourceExhausted, TensorLimits.oomMessage(shape: shape, dtype: dtype))
        }
    }

    func refund(_ bytes: Int) {
        live.subtract(bytes, ordering: .relaxed)
    }
}
