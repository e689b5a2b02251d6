import Tensors

/// Failures of tape use, distinct from the tensor maths' own `TensorError`.
public enum AutodiffError: Error, Equatable, Sendable {
    /// `gradient()` called a second time on a non-persistent tape.
    case nonPersistentTapeUsed
    /// `jacobian()` on a non-persistent tape that has already been used.
    case tapeNotRecording
    /// Entering a tape that is already active.
    case tapeAlreadyActive
    /// An op on the path from target to source has no gradient rule.
    case missingGradient(op: String)
}
