import Autodiff
import Interpreter
import Tensors

/// A TensorFlow eager tensor as cells see it (`tensorflow.python.framework.ops.EagerTensor`).
public final class PyTensor: PyObject, ReferenceHolder {
    public let tensor: TrackedTensor
    let session: TensorFlowSession
    weak var reference: PyReference?

    init(_ tensor: TrackedTensor, session: TensorFlowSession) {
        self.tensor = tensor
        self.session = session
    }

    public override var pyType: PyType { TFTypes.eagerTensor }

    public var value: Tensor { tensor.value }
}

/// A `tf.Variable` (`ResourceVariable`).
public final class PyVariable: PyObject, ReferenceHolder {
    public let variable: Variable
    let session: TensorFlowSession
    weak var reference: PyReference?
    /// What `repr` names the variable: its name, or `UnreadVariable` for what `assign` returns.
    let displayName: String

    init(_ variable: Variable, session: TensorFlowSession, displayName: String? = nil) {
        self.variable = variable
        self.session = session
        self.displayName = displayName ?? variable.name
    }

    public override var pyType: PyType { session.resourceVariableType }
}

/// A `tf.DType` such as `tf.float32`.
public final class PyDType: PyObject {
    public let dtype: DType

    init(_ dtype: DType) { self.dtype = dtype }

    public override var pyType: PyType { TFTypes.dtype }

    /// The shared object for `dtype`, so `x.dtype is tf.float32` holds.
    static func of(_ dtype: DType) -> Value {
        switch dtype {
        case .bool: return .object(TFTypes.boolDType)
        case .int32: return .object(TFTypes.int32DType)
        case .int64: return .object(TFTypes.int64DType)
        case .float32: return .object(TFTypes.float32DType)
        case .float64: return .object(TFTypes.float64DType)
        }
    }
}

/// A `tf.TensorShape`.
public final class PyTensorShape: PyObject {
    public let dims: [Int]

    init(_ dims: [Int]) { self.dims = dims }

    public override var pyType: PyType { TFTypes.tensorShape }

    /// `TensorShape([2, 3])`.
    var reprText: String { "TensorShape([" + dims.map(String.init).joined(separator: ", ") + "])" }
}

/// A `tf.GradientTape`.
public final class PyGradientTape: PyObject {
    let tape: GradientTape
    let session: TensorFlowSession

    init(_ tape: GradientTape, session: TensorFlowSession) {
        self.tape = tape
        self.session = session
    }

    public override var pyType: PyType { session.gradientTapeType }
}

/// What `tape.stop_recording()` returns: a context manager that suspends the tape inside it.
final class PyStopRecording: PyObject {
    let tape: GradientTape
    var wasRecording = false

    init(_ tape: GradientTape) { self.tape = tape }

    override var pyType: PyType { TFTypes.stopRecording }
}

/// An object whose `ref()` is reused while it lives.
protocol ReferenceHolder: AnyObject {
    var reference: PyReference? { get set }
}

/// `tensor.ref()`: a hashable reference to a tensor or variable.
final class PyReference: PyObject {
    let target: Value

    init(_ target: Value) { self.target = target }

    override var pyType: PyType { TFTypes.reference }
}

/// An iterator over the first axis of a tensor.
final class PyTensorIterator: PyObject {
    let tensor: TrackedTensor
    let session: TensorFlowSession
    var position = 0

    init(_ tensor: TrackedTensor, session: TensorFlowSession) {
        self.tensor = tensor
        self.session = session
    }

    override var pyType: PyType { TFTypes.tensorIterator }
}

/// `tf.UnconnectedGradients.NONE` / `.ZERO`.
final class PyUnconnectedGradients: PyObject {
    let zero: Bool

    init(zero: Bool) { self.zero = zero }

    override var pyType: PyType { TFTypes.unconnectedGradients }
}
