import Autodiff
import Interpreter
import Tensors

extension TensorFlowSession {
    /// Builds the `tensorflow` module over this session.
    func makeTensorFlowModule() -> PyModule {
        var dict: [String: Value] = [:]
        dict["__name__"] = .string("tensorflow")
        dict["__version__"] = .string("2.21.0")
        for (name, d) in [("float32", DType.float32), ("float64", .float64), ("int32", .int32), ("int64", .int64), ("bool", .bool)] {
            dict[name] = PyDType.of(d)
        }
        dict["string"] = .object(StringTensorTypes.stringDType)
        dict["double"] = PyDType.of(.float64)
        dict["float"] = PyDType.of(.float32)
        dict["newaxis"] = Value.none
        dict["Tensor"] = .object(TFTypes.eagerTensor)
        dict["DType"] = .object(TFTypes.dtype)
        dict["TensorShape"] = .object(tensorShapeConstructor())
        dict["GradientTape"] = .object(gradientTapeConstructor())
        dict["Variable"] = .object(variableConstructor())
        dict["UnconnectedGradients"] = .object(PyModule(name: "UnconnectedGradients", dict: [
            "NONE": .object(TFTypes.unconnectedNone), "ZERO": .object(TFTypes.unconnectedZero),
        ]))
        var errors: [String: Value] = [:]
        for type in TFErrors.all { errors[type.name] = .object(type) }
        dict["errors"] = .object(PyModule(name: "tensorflow.errors", dict: errors))
        dict["function"] = .object(PyBuiltinFunction(name: "function") { [self] _, args in
            // Eager execution: the decorated function runs as it is; like a traced function,
            // it returns tensors where the Python code returned numbers.
            if let f = args[0], !f.isNone { return tracedFunction(f) }
            return .object(PyBuiltinFunction(name: "decorator") { [self] _, inner in tracedFunction(inner[0] ?? .none) })
        })

        addCreationFunctions(&dict)
        let maths = mathFunctions()
        for (name, value) in maths { dict[name] = value }
        addShapeFunctions(&dict)

        var math: [String: Value] = maths
        for name in ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_any", "reduce_all",
                     "argmax", "argmin", "cumsum"] where dict[name] != nil {
            math[name] = dict[name]
        }
        math["floormod"] = maths["floormod"]
        math["mod"] = maths["floormod"]
        math["truediv"] = maths["truediv"]
        dict["math"] = .object(PyModule(name: "tensorflow.math", dict: math))
        dict["nn"] = .object(PyModule(name: "tensorflow.nn", dict: [
            "relu": maths["relu"] ?? .none, "sigmoid": maths["sigmoid"] ?? .none, "tanh": maths["tanh"] ?? .none,
            "softmax": softmaxFunction(),
        ]))
        dict["linalg"] = .object(PyModule(name: "tensorflow.linalg", dict: [
            "matmul": dict["matmul"] ?? .none, "matrix_transpose": dict["transpose"] ?? .none, "eye": dict["eye"] ?? .none,
        ]))
        dict["dtypes"] = .object(PyModule(name: "tensorflow.dtypes", dict: [
            "float32": PyDType.of(.float32), "float64": PyDType.of(.float64), "int32": PyDType.of(.int32),
            "int64": PyDType.of(.int64), "bool": PyDType.of(.bool), "cast": dict["cast"] ?? .none, "DType": .object(TFTypes.dtype),
        ]))
        return PyModule(name: "tensorflow", dict: dict)
    }

    /// What `tf.function(f)` gives: `f` called as it is, with Python numbers in its result made tensors.
    private func tracedFunction(_ f: Value) -> Value {
        .object(PyBuiltinFunction(name: "function") { [self] interpreter, args in
            asTensors(try interpreter.call(f, args))
        })
    }

    private func asTensors(_ value: Value) -> Value {
        switch value {
        case .int, .float, .bool: return (try? toTracked(value)).map(wrap) ?? value
        case .list(let l): return .makeList(l.items.map(asTensors))
        case .tuple(let t): return .makeTuple(t.items.map(asTensors))
        default: return value
        }
    }

    private func tensorShapeConstructor() -> PyType {
        let type = TFTypes.tensorShape
        type.constructor = { _, args in
            let slots = try args.bind("TensorShape", ["dims"], required: 1)
            guard let dims = shapeDims(slots[0] ?? .none) else {
                if case .int(let n)? = slots[0] { return .object(PyTensorShape([n])) }
                throw PyError.type("TensorShape expects a list or tuple of ints")
            }
            return .object(PyTensorShape(dims))
        }
        return type
    }

    private func gradientTapeConstructor() -> PyType {
        gradientTapeType.constructor = { [weak self] _, args in
            guard let self else { throw PyError.runtime("the TensorFlow session has ended") }
            // `tf.GradientTape()`, the usual call, binds nothing.
            if args.count == 0 && args.keywords.isEmpty {
                return .object(PyGradientTape(GradientTape(context: context), session: self))
            }
            let slots = try args.bind("GradientTape", ["persistent", "watch_accessed_variables"])
            let tape = GradientTape(context: context, persistent: slots[0].map(truthy) ?? false,
                                    watchAccessedVariables: slots[1].map(truthy) ?? true)
            return .object(PyGradientTape(tape, session: self))
        }
        return gradientTapeType
    }

    private func variableConstructor() -> PyType {
        let type = variableType
        type.constructor = { [weak self] _, args in
            guard let self else { throw PyError.runtime("the TensorFlow session has ended") }
            let slots = try args.bind("Variable", ["initial_value", "trainable", "validate_shape", "caching_device", "name",
                                                   "variable_def", "dtype"], required: 1)
            let dtype = try dtypeArgument(slots[6])
            let initial = slots[0] ?? .none
            if initial.isNone {
                throw PyError.value("The `initial_value` arg to `tf.Variable` must be specified except when you are not providing a `variable_def`. You provided neither.")
            }
            var value: Tensor
            if let tracked = try tracked(initial) {
                value = tracked.value
                if let dtype, dtype != value.dtype {
                    throw PyError.value("initial_value: Tensor conversion requested dtype \(dtype) for Tensor with dtype \(value.dtype): \(tensorRepr(value))")
                }
            } else if let packed = try autopacked(initial, dtype: dtype) {
                value = packed.value
            } else {
                value = try constantTensor(initial, dtype: dtype)
            }
            var name = "Variable"
            if let given = slots[4], !given.isNone {
                guard let text = given.stringValue else { throw PyError.type("Variable name must be a string") }
                name = text
            }
            let trainable = slots[1].map(truthy) ?? true
            let variable = try kernel("VarHandleOp") { try context.makeVariable(value, name: name + ":0", trainable: trainable) }
            return .object(PyVariable(variable, session: self))
        }
        return type
    }
}
