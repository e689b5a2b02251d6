import Autodiff
import Interpreter
import Tensors

extension TensorFlowSession {
    /// `tf.constant`, `tf.ones`, `tf.range` and the other functions that make tensors.
    func addCreationFunctions(_ dict: inout [String: Value]) {
        dict["constant"] = function("constant", ["value", "dtype", "shape", "name"]) { [self] a in
            let value = a[0] ?? .none
            if isStringDType(a[1]) {
                guard let strings = try stringConstant(value, session: self) else {
                    throw PyError.type("Cannot convert \(pythonRepr(value)) to EagerTensor of dtype string")
                }
                return .object(strings)
            }
            let dtype = try dtypeArgument(a[1])
            if dtype == nil, a[2]?.isNone ?? true, let strings = try stringConstant(value, session: self) { return .object(strings) }
            // TensorFlow hands back an eager tensor of the right dtype itself, so tapes still see it.
            if case .object(let object) = value, object is PyTensor,
               let tracked = try tracked(value), dtype == nil || dtype == tracked.dtype {
                let shape = a[2]
                if shape?.isNone ?? true { return value }
                if let shape, try shapeArgument(shape, op: "Const") == tracked.shape { return value }
            }
            var tensor = try constantTensor(value, dtype: dtype)
            if let shapeValue = a[2], !shapeValue.isNone {
                let shape = try shapeArgument(shapeValue, op: "Const")
                let count = try kernel("Const") { try TensorLimits.elementCount(of: shape, dtype: tensor.dtype) }
                if tensor.count == 1 {
                    let scalar = try kernel("Reshape") { try tensor.reshaped([]) }
                    tensor = try kernel("Fill") { try scalar.broadcast(to: shape) }
                } else if tensor.count == count {
                    tensor = try kernel("Reshape") { try tensor.reshaped(shape) }
                } else {
                    throw PyError.type("Eager execution of tf.constant with unsupported shape. Tensor \(tensor.numpyStr()) (converted from \(pythonRepr(value))) has \(tensor.count) elements, but got `shape` \(shapeTuple(shape)) with \(count) elements).")
                }
            }
            return try wrapConstant(tensor)
        }
        dict["convert_to_tensor"] = function("convert_to_tensor", ["value", "dtype", "dtype_hint", "name"]) { [self] a in
            let value = a[0] ?? .none
            if let strings = stringTensor(value) { return .object(strings) }
            // A list of string tensors packs into one, as TensorFlow's conversion packs tensors.
            if a[1]?.isNone ?? true, let strings = try stringTensors(value),
               let packed = try strings.joined({ try Tensor.stack($0, axis: 0) }, op: "Pack") {
                return .object(packed)
            }
            if let dtype = try dtypeArgument(a[1]) { return wrap(try toTracked(value, dtype: dtype)) }
            if let strings = try stringConstant(value, session: self) { return .object(strings) }
            if let hint = try dtypeArgument(a[2]) { return wrap(try operand(value, like: hint, lenient: true)) }
            return wrap(try toTracked(value))
        }
        for (name, one) in [("ones", true), ("zeros", false)] {
            dict[name] = function(name, ["shape", "dtype", "name"]) { [self] a in
                let shape = try shapeArgument(a[0] ?? .none, op: one ? "Ones" : "Zeros")
                let dtype = try dtypeArgument(a[1]) ?? .float32
                return try wrapConstant(try kernel("Fill") {
                    one ? try Tensor.ones(shape: shape, dtype: dtype) : try Tensor.zeros(shape: shape, dtype: dtype)
                }, op: "Fill")
            }
            dict["\(name)_like"] = function("\(name)_like", ["input", "dtype", "name"]) { [self] a in
                let x = try toTracked(a[0] ?? .none)
                let dtype = try dtypeArgument(a[1]) ?? x.dtype
                return try wrapConstant(try kernel("Fill") {
                    one ? try Tensor.ones(shape: x.shape, dtype: dtype) : try Tensor.zeros(shape: x.shape, dtype: dtype)
                }, op: "Fill")
            }
        }
        dict["fill"] = function("fill", ["dims", "value", "name"], required: 2) { [self] a in
            let shape = try shapeArgument(a[0] ?? .none, op: "Fill")
            let scalar = try constantTensor(a[1] ?? .none, dtype: nil)
            guard scalar.isScalar else {
                throw TFErrors.error(.invalidArgument("value must represent a scalar, got shape \(tensorShapeText(scalar.shape))"), op: "Fill")
            }
            return try wrapConstant(try kernel("Fill") { try scalar.broadcast(to: shape) }, op: "Fill")
        }
        dict["eye"] = function("eye", ["num_rows", "num_columns", "batch_shape", "dtype", "name"]) { [self] a in
            let rows = try intArgument(a[0], "num_rows")
            let columns = try intArgument(a[1], "num_columns", default: rows)
            let dtype = try dtypeArgument(a[3]) ?? .float32
            return try wrapConstant(try kernel("Fill") { try Tensor.eye(rows: rows, columns: columns, dtype: dtype) })
        }
        dict["range"] = function("range", ["start", "limit", "delta", "dtype", "name"]) { [self] a in
            var bounds = [a[0] ?? .int(0), a[1] ?? .none, a[2] ?? .int(1)]
            if bounds[1].isNone { bounds = [.int(0), bounds[0], bounds[2]] }
            var dtype = try dtypeArgument(a[3])
            var numbers: [Double] = []
            var inferred = DType.int32
            for bound in bounds {
                if let t = try tracked(bound) {
                    guard t.value.isScalar else { throw TFErrors.error(.invalidArgument("start must be a scalar, not shape \(tensorShapeText(t.shape))"), op: "Range") }
                    numbers.append(t.value.double(at: 0))
                    if t.dtype.isFloatingPoint || (inferred == .int32 && t.dtype == .int64) { inferred = t.dtype }
                    continue
                }
                switch bound {
                case .int(let i): numbers.append(Double(i))
                case .float(let d): numbers.append(d); inferred = inferred.isFloatingPoint ? inferred : .float32
                case .bool(let b): numbers.append(b ? 1 : 0)
                default: throw PyError.type("Cannot convert \(pythonRepr(bound)) to EagerTensor of dtype int32")
                }
            }
            if dtype == nil { dtype = inferred }
            let d = dtype ?? .int32
            return try wrapConstant(try kernel("Range") { try Tensor.range(start: numbers[0], limit: numbers[1], delta: numbers[2], dtype: d) })
        }
        dict["linspace"] = function("linspace", ["start", "stop", "num", "name", "axis"], required: 3) { [self] a in
            let start = a[0] ?? .none, stop = a[1] ?? .none
            let dtype: DType
            if let t = try tracked(start) {
                dtype = t.dtype
            } else if case .float = start {
                dtype = .float32
            } else if case .float = stop {
                dtype = .float32
            } else {
                dtype = .float64
            }
            let first = try constantTensor(start, dtype: nil).double(at: 0)
            let last = try constantTensor(stop, dtype: nil).double(at: 0)
            let count = try intArgument(a[2], "num")
            return try wrapConstant(try kernel("LinSpace") { try Tensor.linspace(start: first, stop: last, count: count, dtype: dtype) })
        }
        dict["cast"] = function("cast", ["x", "dtype", "name"], required: 2) { [self] a in
            // Casts between strings and numbers are not kernels TensorFlow has.
            if let strings = stringTensor(a[0]) {
                if isStringDType(a[1]) { return .object(strings) }
                if let dtype = try dtypeArgument(a[1]) {
                    throw PyError(TFErrors.unimplemented, "Cast string to \(dtype.kernelName) is not supported [Op:Cast]")
                }
            } else if isStringDType(a[1]) {
                let x = try toTracked(a[0] ?? .none)
                throw PyError(TFErrors.unimplemented, "Cast \(x.dtype.kernelName) to string is not supported [Op:Cast]")
            }
            guard let dtype = try dtypeArgument(a[1]) else {
                throw PyError.type("Cannot convert the argument `type_value`: None to a TensorFlow DType.")
            }
            let x = try toTracked(a[0] ?? .none)
            return wrap(try kernel("Cast") { try context.cast(x, to: dtype) })
        }
        dict["identity"] = function("identity", ["input", "name"]) { [self] a in
            if let strings = stringTensor(a[0]) { return .object(strings) }
            return wrap(try kernel("Identity") { try context.identity(try toTracked(a[0] ?? .none)) })
        }
        dict["stop_gradient"] = function("stop_gradient", ["input", "name"]) { [self] a in
            wrap(try kernel("StopGradient") { try context.stopGradient(try toTracked(a[0] ?? .none)) })
        }
        dict["is_tensor"] = function("is_tensor", ["x"]) { [self] a in
            .bool(try tracked(a[0] ?? .none) != nil)
        }
    }
}
