import Autodiff
import Interpreter
import Tensors

/// `tf.errors`: TensorFlow's exception classes, with `OpError` as their common base.
public enum TFErrors {
    private static let module = "tensorflow.python.framework.errors_impl"

    nonisolated(unsafe) public static let opError: PyType = {
        let type = PyType(name: "OpError", base: Builtin.exception, module: module)
        // `e.message`: the text without the class name.
        defineProperty(type, "message") { value in
            guard case .object(let o) = value, let e = o as? PyException else { return .none }
            return e.args.first ?? .string("")
        }
        return type
    }()
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
        return PyError(type, "\(error.message)\(nodeDef(error.message, op: op)) [Op:\(op)]")
    }

    /// TensorFlow follows a dtype its kernel does not accept with the op's definition:
    /// `\n\t; NodeDef: {{node Sqrt}}; Op<name=Sqrt; signature=x:T -> y:T; attr=T:type,allowed=[…]>`.
    private static func nodeDef(_ message: String, op: String) -> String {
        let marker = "is not in the list of allowed values: "
        guard message.hasPrefix("Value for attr 'T' of "), let range = message.range(of: marker) else { return "" }
        let allowed = message[range.upperBound...].split(separator: ",").map {
            "DT_" + $0.drop(while: { $0 == " " }).uppercased()
        }
        let typeAttribute = "attr=T:type,allowed=[" + allowed.joined(separator: ", ") + "]"
        let definition: String
        switch op {
        case "Relu":
            definition = "signature=features:T -> activations:T; \(typeAttribute)"
        case "AddV2":
            definition = "signature=x:T, y:T -> z:T; \(typeAttribute); is_commutative=true; is_aggregate=true"
        case "Sub", "Mul", "RealDiv", "FloorDiv", "FloorMod", "Pow", "Maximum", "Minimum":
            definition = "signature=x:T, y:T -> z:T; \(typeAttribute)"
        case "Less", "LessEqual", "Greater", "GreaterEqual":
            definition = "signature=x:T, y:T -> z:bool; \(typeAttribute)"
        case "Sum", "Mean", "Max", "Min", "Prod":
            definition = "signature=input:T, reduction_indices:Tidx -> output:T; attr=keep_dims:bool,default=false; \(typeAttribute); attr=Tidx:type,default=DT_INT32,allowed=[DT_INT32, DT_INT64]"
        case "MatMul":
            definition = "signature=a:T, b:T -> product:T; attr=transpose_a:bool,default=false; attr=transpose_b:bool,default=false; \(typeAttribute); attr=grad_a:bool,default=false; attr=grad_b:bool,default=false"
        default:
            definition = "signature=x:T -> y:T; \(typeAttribute)"
        }
        return "\n\t; NodeDef: {{node \(op)}}; Op<name=\(op); \(definition)>"
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
