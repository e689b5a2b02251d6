import Autodiff
import Interpreter
import Tensors

/// The classes of the objects the `tensorflow` module hands to cells, named as TensorFlow names them.
enum TFTypes {
    /// A class of the module: an `object` subclass named as TensorFlow names it, its methods
    /// defined by `define`.
    private static func make(_ name: String, module: String, _ define: (PyType) -> Void) -> PyType {
        let type = PyType(name: name, base: Builtin.objectType, module: module)
        define(type)
        return type
    }

    nonisolated(unsafe) static let eagerTensor = make("EagerTensor", module: "tensorflow.python.framework.ops") {
        defineTensorMethods(on: $0)
        defineEagerTensorMethods(on: $0)
    }
    nonisolated(unsafe) static let resourceVariable = make("BaseResourceVariable", module: "tensorflow.python.ops.resource_variable_ops") {
        defineTensorMethods(on: $0)
        defineVariableMethods(on: $0)
    }
    nonisolated(unsafe) static let dtype = make("DType", module: "tensorflow.python.framework.dtypes") {
        defineDTypeMethods(on: $0)
    }
    nonisolated(unsafe) static let tensorShape = make("TensorShape", module: "tensorflow.python.framework.tensor_shape") {
        defineTensorShapeMethods(on: $0)
    }
    nonisolated(unsafe) static let gradientTape = make("GradientTape", module: "tensorflow.python.eager.backprop") {
        defineGradientTapeMethods(on: $0)
    }
    nonisolated(unsafe) static let stopRecording = make("_GeneratorContextManager", module: "contextlib") {
        defineStopRecordingMethods(on: $0)
    }
    nonisolated(unsafe) static let reference = make("Reference", module: "tensorflow.python.util.object_identity") {
        defineReferenceMethods(on: $0)
    }
    nonisolated(unsafe) static let tensorIterator: PyType = {
        let type = PyType(name: "iterator", base: Builtin.objectType)
        type.define("__iter__") { _, args in args[0] ?? .none }
        type.define("__next__") { _, args in
            guard case .object(let o)? = args[0], let it = o as? PyTensorIterator else { throw PyError.type("expected an iterator") }
            guard it.position < (it.tensor.shape.first ?? 0) else { throw PyError.stopIteration }
            let index = it.position
            it.position += 1
            return it.session.wrap(try kernel("StridedSlice") { try it.session.context.slice(it.tensor, [.index(index)]) })
        }
        return type
    }()
    nonisolated(unsafe) static let unconnectedGradients: PyType = {
        let type = PyType(name: "UnconnectedGradients", base: Builtin.objectType, module: "tensorflow.python.ops.unconnected_gradients")
        type.define("__repr__") { _, args in
            guard case .object(let o)? = args[0], let u = o as? PyUnconnectedGradients else { return .string("") }
            return .string(u.zero ? "<UnconnectedGradients.ZERO: 'zero'>" : "<UnconnectedGradients.NONE: 'none'>")
        }
        type.define("__str__") { _, args in
            guard case .object(let o)? = args[0], let u = o as? PyUnconnectedGradients else { return .string("") }
            return .string(u.zero ? "UnconnectedGradients.ZERO" : "UnconnectedGradients.NONE")
        }
        return type
    }()

    nonisolated(unsafe) static let unconnectedNone = PyUnconnectedGradients(zero: false)
    nonisolated(unsafe) static let unconnectedZero = PyUnconnectedGradients(zero: true)

    nonisolated(unsafe) static let boolDType = PyDType(.bool)
    nonisolated(unsafe) static let int32DType = PyDType(.int32)
    nonisolated(unsafe) static let int64DType = PyDType(.int64)
    nonisolated(unsafe) static let float32DType = PyDType(.float32)
    nonisolated(unsafe) static let float64DType = PyDType(.float64)
}

/// Adds a read-only attribute computed by `getter` from the instance.
func defineProperty(_ type: PyType, _ name: String, _ getter: @escaping (Value) throws -> Value) {
    let function = PyBuiltinFunction(name: name, owner: type.name) { _, args in try getter(args[0] ?? .none) }
    type.dict[name] = .object(PyDescriptor(kind: .property, function: .object(function)))
}

/// The first positional argument as an object of class `T`.
func receiver<T: PyObject>(_ args: Arguments, _ type: T.Type, _ method: String) throws -> T {
    guard case .object(let object)? = args[0], let typed = object as? T else {
        throw PyError.type("descriptor '\(method)' requires a different object")
    }
    return typed
}
