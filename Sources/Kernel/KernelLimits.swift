/// The per-session limits of DESIGN.md §4 that the kernel enforces.
public struct KernelLimits: Sendable, Equatable {
    /// Run time of one cell before it ends with `TimeoutError`.
    public var cellTimeout: Duration
    /// Cells waiting behind the running one before `execute` refuses more.
    public var maxQueuedCells: Int
    /// Output text (stream and result) one cell may produce before it is truncated.
    public var cellOutputBytes: Int
    /// Bytes live tensors of one session may hold.
    public var memoryBudgetBytes: Int
    /// Elements one tensor may have.
    public var maxTensorElements: Int
    /// Call nesting depth before `RecursionError`.
    public var recursionLimit: Int
    /// Stack size of a session's thread; the interpreter recurses, so it is large.
    public var threadStackBytes: Int

    public init(
        cellTimeout: Duration = .seconds(30),
        maxQueuedCells: Int = 16,
        cellOutputBytes: Int = 1 << 20,
        memoryBudgetBytes: Int = 1 << 30,
        maxTensorElements: Int = 1 << 26,
        recursionLimit: Int = 1000,
        threadStackBytes: Int = 512 << 20
    ) {
        self.cellTimeout = cellTimeout
        self.maxQueuedCells = maxQueuedCells
        self.cellOutputBytes = cellOutputBytes
        self.memoryBudgetBytes = memoryBudgetBytes
        self.maxTensorElements = maxTensorElements
        self.recursionLimit = recursionLimit
        self.threadStackBytes = threadStackBytes
    }

    /// DESIGN.md §4's defaults.
    public static let defaults = KernelLimits()
}
