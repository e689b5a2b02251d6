import Autodiff
import Interpreter
import Tensors

/// The per-session state behind one interpreter's `tensorflow` and `numpy` modules: its own
/// `TapeContext` (tapes, identities, live tensor bytes) and the modules built over it.
///
/// Register `makeModules()` with the interpreter so `import tensorflow as tf` and `import numpy as np`
/// find them. A session is used from one thread at a time, like its interpreter.
public final class TensorFlowSession {
    /// Tapes, tensor identities and the memory account of this session.
    public let context: TapeContext

    /// `tf.Variable`: this session's class, whose constructor makes variables in its context.
    let variableType: PyType
    /// The class of variables (`ResourceVariable`), a subclass of `tf.Variable`.
    let resourceVariableType: PyType
    /// `tf.GradientTape`: this session's class, whose constructor makes tapes in its context.
    let gradientTapeType: PyType

    /// - Parameter memory: the account that every tensor of the session charges.
    public init(memory: MemoryAccount = MemoryAccount()) {
        context = TapeContext(memory: memory)
        variableType = PyType(name: "Variable", base: TFTypes.resourceVariable, module: "tensorflow.python.ops.variables")
        resourceVariableType = PyType(name: "ResourceVariable", base: variableType,
                                      module: "tensorflow.python.ops.resource_variable_ops")
        gradientTapeType = PyType(name: "GradientTape", base: TFTypes.gradientTape, module: "tensorflow.python.eager.backprop")
    }

    /// Builds the modules by import name: `tensorflow` and `numpy`. Their functions keep the
    /// session alive; register them once per interpreter.
    public func makeModules() -> [String: PyModule] {
        ["tensorflow": makeTensorFlowModule(), "numpy": makeNumpyModule()]
    }

    /// Registers `tensorflow` and `numpy` with `interpreter`; each is built on its first import.
    public func install(into interpreter: Interpreter) {
        interpreter.registerModule("tensorflow") { [self] _ in makeTensorFlowModule() }
        interpreter.registerModule("numpy") { [self] _ in makeNumpyModule() }
    }

    /// Live tensor bytes of the session.
    public var memoryBytes: Int { context.memory.liveBytes }

    /// A Python tensor object for `tensor`.
    func wrap(_ tensor: TrackedTensor) -> Value {
        .object(PyTensor(tensor, session: self))
    }

    /// A Python tensor object for a constant `tensor`.
    func wrapConstant(_ tensor: Tensor, op: String = "Const") throws -> Value {
        wrap(try kernel(op) { try context.constant(tensor) })
    }
}
