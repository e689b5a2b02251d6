/// A failed tensor operation, carrying TensorFlow's message text.
///
/// The message has no `[Op:…]` suffix; the layer that knows the op's TensorFlow name adds it.
public struct TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// TensorFlow's `InvalidArgumentError`: bad shapes, axes, indices, dtypes.
        case invalidArgument
        /// TensorFlow's `ResourceExhaustedError`: a tensor over the element or memory limit.
        case resourceExhausted
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func invalidArgument(_ message: String) -> TensorError { TensorError(.invalidArgument, message) }

    public var description: String { message }
}
