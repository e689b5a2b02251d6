import Autodiff
import Interpreter
import Tensors

/// `tf.errors`: TensorFlow's exception classes, with `OpError` as their common base.
public enum TFErrors {
    private static let module = "tensorflow.python.framework.errors_impl"

    nonisolated(unsafe) public static let opError: PyType = PyType(name: "OpError", base: Builtin.exception, module: module)
    nonisolated(unsafe) public static let invalidArgument: PyType = make("InvalidArgumentError")
    nonisolated(unsafe) public static let resourceExhausted: PyType = make("ResourceExhaustedError")
    nonisolated(unsafe) public static let outOfRange: PyType = make("OutOfRangeError")
    nonisolated(unsafe) public static let notFound: PyType = make("NotFoundError")
    nonisolated(unsafe) public static let unimplemented: PyType = make("UnimplementedError")
    nonisolated(unsafe) public static let internalError: PyType = make("InternalError")
    nonisolated(unsafe) public static let failedPrecondition: PyType = make("FailedPreconditionError")
    nonisolated(unsafe) public static let unknown: PyType = make("UnknownError")
    nonisolated(unsafe) public static let cancelled: PyType = make("CancelledError")
    nonisolated(unsafe) public static let aborted: PyType = make("AbortedError")
    nonisolated(unsafe) public static let alreadyExists: PyType = make("AlreadyExistsError")
    nonisolated(unsafe) public static let permissionDenied: PyType = make("PermissionDeniedError")
    nonisolated(unsafe) public static let unavailable: PyType = make("UnavailableError")
    nonisolated(unsafe) public static let deadlineExceeded: PyType = make("DeadlineExceededError")
    nonisolated(unsafe) public static let dataLoss: PyType = make("DataLossError")
    nonisolated(unsafe) public static let unauthenticated: PyType = make("UnauthenticatedError")

    /// Every class `tf.errors` exposes.
    nonisolated(unsafe) public static let all: [PyType] = [
        opError, invalidArgument, resourceExhausted, outOfRange, notFound, unimplemented, internalError,
        failedPrecondition, unknown, cancelled, aborted, alreadyExists, permissionDenied, unavailable,
        deadlineExceeded, dataLoss, unauthenticated,
    ]

    private static func make(_ name: String) -> PyType {
        PyType(name: name, base: opError, module: module)
    }

    /// The Python exception for a failed kernel, with TensorFlow's ` [Op:Name]` suffix.
    static func error(_ error: TensorError, op: String) -> PyError {
        let type = error.kind == .resourceExhausted ? resourceExhausted : invalidArgument
        return PyError(type, "\(error.message) [Op:\(op)]")
    }
}

/// Runs a kernel call, turning its failures into the Python exceptions TensorFlow raises.
/// - Parameter op: TensorFlow's op name for the ` [Op:Name]` suffix.
@inline(__always)
func kernel<T>(_ op: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as TensorError {
        throw TFErrors.error(error, op: op)
    } catch let error as AutodiffError {
        throw pyError(error)
    }
}

/// The Python exception for a misuse of a tape.
func pyError(_ error: AutodiffError) -> PyError {
    switch error {
    case .nonPersistentTapeUsed:
        return .runtime("GradientTape.gradient can only be called once on non-persistent tapes.")
    case .tapeNotRecording:
        return .runtime("A non-persistent GradientTape can only be used to compute one set of gradients (or jacobians)")
    case .tapeAlreadyActive:
        return .value("Tape is still recording, This can happen if you try to re-enter an already-active tape.")
    case .missingGradient(let op):
        return PyError(Builtin.lookupError, "No gradient defined for operation '\(op)' (op type: \(op)).")
    }
}
