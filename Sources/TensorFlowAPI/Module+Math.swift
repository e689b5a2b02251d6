import Autodiff
import Interpreter
import Tensors

extension TensorFlowSession {
    /// The elementwise, comparison, reduction and matrix functions (shared with `tf.math`).
    func mathFunctions() -> [String: Value] {
        var dict: [String: Value] = [:]
        let binaries: [(String, TFBinary)] = [
            ("add", .add), ("subtract", .subtract), ("multiply", .multiply), ("divide", .trueDivide),
            ("truediv", .trueDivide), ("floordiv", .floorDivide), ("floormod", .modulo), ("pow", .power),
            ("maximum", .maximum), ("minimum", .minimum), ("equal", .equal), ("not_equal", .notEqual),
            ("less", .less), ("less_equal", .lessEqual), ("greater", .greater), ("greater_equal", .greaterEqual),
            ("logical_and", .logicalAnd), ("logical_or", .logicalOr),
        ]
        for (name, op) in binaries {
            dict[name] = function(name, ["x", "y", "name"], required: 2) { [self] a in
                if op == .equal || op == .notEqual, let strings = stringTensor(a[0]) {
                    return try strings.compare(with: a[1] ?? .none, equal: op == .equal)
                }
                return try applyMixed(op, a[0] ?? .none, a[1] ?? .none)
            }
        }
        let unaries: [(String, UnaryOperation, String)] = [
            ("square", .square, "Square"), ("sqrt", .sqrt, "Sqrt"), ("rsqrt", .rsqrt, "Rsqrt"), ("exp", .exp, "Exp"),
            ("log", .log, "Log"), ("sin", .sin, "Sin"), ("cos", .cos, "Cos"), ("tan", .tan, "Tan"),
            ("tanh", .tanh, "Tanh"), ("sigmoid", .sigmoid, "Sigmoid"), ("abs", .abs, "Abs"), ("negative", .negate, "Neg"),
            ("sign", .sign, "Sign"), ("relu", .relu, "Relu"), ("reciprocal", .reciprocal, "Reciprocal"),
            ("floor", .floor, "Floor"), ("ceil", .ceil, "Ceil"), ("round", .round, "Round"),
            ("logical_not", .logicalNot, "LogicalNot"),
        ]
        for (name, op, opName) in unaries {
            dict[name] = function(name, ["x", "name"]) { [self] a in try applyUnary(op, opName, a[0] ?? .none) }
        }
        let reductions: [(String, ReductionOperation, String)] = [
            ("reduce_sum", .sum, "Sum"), ("reduce_mean", .mean, "Mean"), ("reduce_max", .max, "Max"),
            ("reduce_min", .min, "Min"), ("reduce_prod", .prod, "Prod"), ("reduce_any", .any, "Any"),
            ("reduce_all", .all, "All"),
        ]
        for (name, op, opName) in reductions {
            dict[name] = function(name, ["input_tensor", "axis", "keepdims", "name"]) { [self] a in
                let x = try toTracked(a[0] ?? .none)
                let axes = try axesArgument(a[1])
                let keep = a[2].map(truthy) ?? false
                return wrap(try kernel(opName) { try context.reduce(op, x, axes: axes, keepDims: keep) })
            }
        }
        for (name, isMax) in [("argmax", true), ("argmin", false)] {
            dict[name] = function(name, ["input", "axis", "output_type", "name"]) { [self] a in
                let x = try toTracked(a[0] ?? .none)
                let axis = try intArgument(a[1], "axis", default: 0)
                let outputType = try dtypeArgument(a[2]) ?? .int64
                var result = try kernel(isMax ? "ArgMax" : "ArgMin") {
                    isMax ? try x.value.argMax(axis: axis) : try x.value.argMin(axis: axis)
                }
                if result.dtype != outputType { result = result.cast(to: outputType) }
                return try wrapConstant(result)
            }
        }
        dict["matmul"] = function("matmul", ["a", "b", "transpose_a", "transpose_b", "adjoint_a", "adjoint_b",
                                             "a_is_sparse", "b_is_sparse", "output_type", "grad_a", "grad_b", "name"],
                                  required: 2) { [self] a in
            let operands = try convertAll([a[0] ?? .none, a[1] ?? .none])
            let ta = a[2].map(truthy) ?? false || a[4].map(truthy) ?? false
            let tb = a[3].map(truthy) ?? false || a[5].map(truthy) ?? false
            return wrap(try kernel("MatMul") { try context.matmul(operands[0], operands[1], transposeA: ta, transposeB: tb) })
        }
        dict["where"] = function("where", ["condition", "x", "y", "name"]) { [self] a in
            let condition = try toTracked(a[0] ?? .none)
            let x = a[1] ?? .none, y = a[2] ?? .none
            if x.isNone && y.isNone {
                return try wrapConstant(condition.value.nonZeroIndices(), op: "Where")
            }
            guard !x.isNone, !y.isNone else { throw PyError.value("x and y must both be non-None or both be None.") }
            guard condition.dtype == .bool else {
                throw TFErrors.error(.invalidArgument("cannot compute SelectV2 as input #0(zero-based) was expected to be a bool tensor but is a \(condition.dtype.kernelName) tensor"), op: "SelectV2")
            }
            let branches = try convertAll([x, y])
            return wrap(try kernel("SelectV2") { try context.select(condition, branches[0], branches[1]) })
        }
        dict["add_n"] = function("add_n", ["inputs", "name"]) { [self] a in
            let xs = try tensorList(a[0])
            guard var total = xs.first else { throw PyError.value("inputs must be an iterable of at least one Tensor/IndexedSlices with the same dtype and shape") }
            for x in xs.dropFirst() { total = try kernel("AddN") { try context.add(total, x) } }
            return wrap(total)
        }
        return dict
    }

    /// `tf.nn.softmax`: `exp(x - max) * (1 / sum)` along `axis`, composed of recorded primitives
    /// so its gradient comes from theirs; the max is a constant shift. The exp and the order of
    /// the sum (16 lanes, then halving) are those of TensorFlow's CPU kernel, so the last bits match.
    func softmaxFunction() -> Value {
        function("softmax", ["logits", "axis", "name"]) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let rank = x.shape.count
            let given = try intArgument(a[1], "axis", default: -1)
            let axis = given < 0 ? given + rank : given
            guard axis >= 0, axis < rank else {
                throw TFErrors.error(.invalidArgument("Expected axis to be in the range [\(-rank), \(rank)), but got \(given)"), op: "Softmax")
            }
            return wrap(try kernel("Softmax") {
                // Work along the last axis, moving `axis` there and back.
                var perm = Array(0..<rank)
                perm.swapAt(axis, rank - 1)
                let moved = axis == rank - 1 ? x : try context.transpose(x, permutation: perm)
                let peak = try context.stopGradient(try context.reduce(.max, moved, axes: [-1], keepDims: true))
                let shifted = try context.subtract(moved, peak)
                var e = try context.unary(.exp, shifted)
                // The kernel's own exp differs in the last bit for some inputs; the difference is
                // added as a constant, so the recorded exp still gives the gradient.
                if let kernelExp = OneDNNExp.exp(shifted.value) {
                    let correction = try Tensor.binary(.subtract, kernelExp, e.value)
                    e = try context.add(e, try context.constant(correction))
                }
                let total = try laneSum(e)
                let p = try context.multiply(e, try context.unary(.reciprocal, total))
                return axis == rank - 1 ? p : try context.transpose(p, permutation: perm)
            })
        }
    }

    /// The sum over the last axis (kept as size 1) in the order of a 16-lane vector loop:
    /// lane-wise sums over blocks of 16, then the lanes added by halving.
    private func laneSum(_ e: TrackedTensor) throws -> TrackedTensor {
        let lanes = 16
        guard let n = e.shape.last, n > 1 else { return try context.reduce(.sum, e, axes: [-1], keepDims: true) }
        let outer = Array(e.shape.dropLast())
        let blocks = (n + lanes - 1) / lanes
        var padded = e
        if blocks * lanes > n {
            let zeros = try context.zeros(outer + [blocks * lanes - n], e.dtype)
            padded = try context.concat([e, zeros], axis: outer.count)
        }
        var acc = try context.reshape(padded, to: outer + [blocks, lanes])
        acc = try context.reduce(.sum, acc, axes: [outer.count], keepDims: false)
        var width = lanes
        while width > 1 {
            width /= 2
            let low = try context.slice(acc, [.ellipsis, .range(start: 0, stop: width, step: nil)])
            let high = try context.slice(acc, [.ellipsis, .range(start: width, stop: 2 * width, step: nil)])
            acc = try context.add(low, high)
        }
        return acc
    }

    /// Reshaping, joining and reordering functions.
    func addShapeFunctions(_ dict: inout [String: Value]) {
        dict["reshape"] = function("reshape", ["tensor", "shape", "name"], required: 2) { [self] a in
            if let strings = stringTensor(a[0]) {
                let shape = try shapeArgument(a[1] ?? .none, op: "Reshape")
                return .object(strings.picking(try kernel("Reshape") { try strings.positions().reshaped(shape) }))
            }
            let x = try toTracked(a[0] ?? .none)
            let shape = try shapeArgument(a[1] ?? .none, op: "Reshape")
            return wrap(try kernel("Reshape") { try context.reshape(x, to: shape) })
        }
        dict["transpose"] = function("transpose", ["a", "perm", "conjugate", "name"]) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let perm = try axesArgument(a[1])
            return wrap(try kernel("Transpose") { try context.transpose(x, permutation: perm) })
        }
        dict["expand_dims"] = function("expand_dims", ["input", "axis", "name"], required: 2) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let axis = try intArgument(a[1], "axis")
            return wrap(try kernel("ExpandDims") { try context.expandDims(x, axis: axis) })
        }
        dict["squeeze"] = function("squeeze", ["input", "axis", "name"]) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let axes = try axesArgument(a[1])
            return wrap(try kernel("Squeeze") { try context.squeeze(x, axes: axes) })
        }
        dict["concat"] = function("concat", ["values", "axis", "name"], required: 2) { [self] a in
            if let strings = try stringTensors(a[0]) {
                let axis = try intArgument(a[1], "axis")
                if let joined = try strings.joined({ try Tensor.concat($0, axis: axis) }, op: "ConcatV2") { return .object(joined) }
            }
            let xs = try tensorList(a[0])
            let axis = try intArgument(a[1], "axis")
            if xs.count == 1, let only = xs.first { return wrap(try kernel("Identity") { try context.identity(only) }) }
            return wrap(try kernel("ConcatV2") { try context.concat(xs, axis: axis) })
        }
        dict["stack"] = function("stack", ["values", "axis", "name"]) { [self] a in
            if let strings = try stringTensors(a[0]) {
                let axis = try intArgument(a[1], "axis", default: 0)
                if let joined = try strings.joined({ try Tensor.stack($0, axis: axis) }, op: "Pack") { return .object(joined) }
            }
            let xs = try tensorList(a[0])
            let axis = try intArgument(a[1], "axis", default: 0)
            if let rank = xs.first.map({ $0.shape.count + 1 }), axis < -rank || axis >= rank {
                throw PyError.value("Argument `axis` = \(axis) not in range [\(-rank), \(rank))")
            }
            return wrap(try kernel("Pack") { try context.stack(xs, axis: axis) })
        }
        dict["tile"] = function("tile", ["input", "multiples", "name"], required: 2) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let multiples = try shapeArgument(a[1] ?? .none, op: "Tile")
            return wrap(try kernel("Tile") { try context.tile(x, multiples: multiples) })
        }
        dict["broadcast_to"] = function("broadcast_to", ["input", "shape", "name"], required: 2) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let shape = try shapeArgument(a[1] ?? .none, op: "BroadcastTo")
            return wrap(try kernel("BroadcastTo") { try context.broadcast(x, to: shape) })
        }
        dict["shape"] = function("shape", ["input", "out_type", "name"]) { [self] a in
            let shape = try stringTensor(a[0])?.shape ?? toTracked(a[0] ?? .none).shape
            let dtype = try dtypeArgument(a[1]) ?? .int32
            return try wrapConstant(try kernel("Shape") { try Tensor(shape: [shape.count], int64s: shape.map { Int64($0) }, dtype: dtype) })
        }
        dict["size"] = function("size", ["input", "out_type", "name"]) { [self] a in
            let count = try stringTensor(a[0])?.strings.count ?? toTracked(a[0] ?? .none).value.count
            let dtype = try dtypeArgument(a[1]) ?? .int32
            return try wrapConstant(try kernel("Size") { try Tensor(shape: [], int64s: [Int64(count)], dtype: dtype) })
        }
        dict["rank"] = function("rank", ["input", "name"]) { [self] a in
            let rank = try stringTensor(a[0])?.shape.count ?? toTracked(a[0] ?? .none).shape.count
            return try wrapConstant(Tensor(Int32(rank)))
        }
        dict["unstack"] = function("unstack", ["value", "num", "axis", "name"]) { [self] a in
            let x = try toTracked(a[0] ?? .none)
            let axis = try intArgument(a[2], "axis", default: 0)
            let rank = x.shape.count
            let normalized = axis < 0 ? axis + rank : axis
            guard normalized >= 0, normalized < rank else {
                throw PyError.value("axis = \(axis) not in [\(-rank), \(rank))")
            }
            var parts: [Value] = []
            for i in 0..<x.shape[normalized] {
                var indices = [SliceIndex](repeating: .range(start: nil, stop: nil, step: nil), count: normalized)
                indices.append(.index(i))
                parts.append(wrap(try kernel("Unpack") { try context.slice(x, indices) }))
            }
            return .makeList(parts)
        }
    }
}
