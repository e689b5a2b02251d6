import Tensors

// Elementwise ops: each forward beside its gradient rule. Rules use recorded ops (so gradients
// of gradients exist) and follow TensorFlow's formulas so results agree to the last bit.
// Every elementwise rule accepts a broadcast-smaller upstream gradient.

extension TapeContext {
    public func unary(_ op: UnaryOperation, _ x: TrackedTensor) throws -> TrackedTensor {
        let y = try constant(x.value.unary(op))
        guard isRecording(x) else { return y }
        let rule: GradientRule
        switch op {
        case .negate: rule = { g in [try self.negate(g)] }
        case .abs: rule = { g in [try self.multiply(g, self.unary(.sign, x))] }
        case .sign: rule = { _ in [try self.zeros(x.shape, x.dtype)] }
        case .square: rule = { g in [try self.squareGradient(g, x)] }
        case .sqrt: rule = { g in [try self.divide(self.multiply(self.scalar(0.5, x.dtype), g), y)] }
        case .rsqrt:
            rule = { g in [try self.multiply(self.multiply(self.scalar(-0.5, x.dtype), self.multiply(g, y)),
                                             self.multiply(y, y))] }
        case .reciprocal: rule = { g in [try self.multiply(self.multiply(self.negate(g), y), y)] }
        case .exp: rule = { g in [try self.multiply(g, y)] }
        case .log: rule = { g in [try self.multiply(g, self.unary(.reciprocal, x))] }
        case .sin: rule = { g in [try self.multiply(g, self.unary(.cos, x))] }
        case .cos: rule = { g in [try self.multiply(self.negate(g), self.unary(.sin, x))] }
        case .tan: rule = { g in [try self.multiply(g, self.unary(.square, self.unary(.reciprocal, self.unary(.cos, x))))] }
        case .tanh:
            rule = { g in [try self.multiply(g, self.subtract(self.scalar(1, x.dtype), self.multiply(y, y)))] }
        case .sigmoid:
            rule = { g in [try self.multiply(self.multiply(g, y), self.subtract(self.scalar(1, x.dtype), y))] }
        case .relu:
            rule = { g in
                let positive = try self.binary(.greater, y, self.scalar(0, x.dtype))
                return [try self.multiply(g, self.cast(positive, to: x.dtype))]
            }
        case .floor, .ceil, .round, .logicalNot:
            rule = { _ in [nil] }
        }
        record(x, y, acceptsBroadcastGradient: true, rule: rule)
        return y
    }

    /// `(2g) * x`, square's gradient. TensorFlow computes `g * (2x)`: the same number, as doubling
    /// is exact. Built from recorded ops when a tape records the gradient computation itself (for a
    /// higher derivative); otherwise one fused pass over `x` with the same bits, whatever `g`'s shape.
    private func squareGradient(_ g: TrackedTensor, _ x: TrackedTensor) throws -> TrackedTensor {
        if isRecording(g, x) { return try multiply(multiply(g, scalar(2, x.dtype)), x) }
        return try constant(Tensor.scaledProduct(g.value, scale: 2, x.value))
    }

    public func binary(_ op: BinaryOperation, _ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor {
        let z = try constant(Tensor.scalarArithmetic(op, a.value, b.value) ?? Tensor.binary(op, a.value, b.value))
        guard isRecording(a, b) else { return z }
        let rule: GradientRule
        switch op {
        case .add:
            record(a, b, z, acceptsBroadcastGradient: true, backward: .passThrough)
            return z
        case .subtract: rule = { g in [g, try self.negate(g)] }
        case .multiply:
            record(a, b, z, acceptsBroadcastGradient: true, backward: .binary(a, b) { context, g, a, b in
                (try context.multiply(g, b), try context.multiply(a, g))
            })
            return z
        case .divide:
            record(a, b, z, acceptsBroadcastGradient: true, backward: .binary(a, b) { context, g, a, b in
                (try context.divide(g, b), try context.multiply(g, context.divide(context.divide(context.negate(a), b), b)))
            })
            return z
        case .floorDivide: rule = { _ in [nil, nil] }
        case .modulo:
            rule = { g in [g, try self.multiply(g, self.negate(self.binary(.floorDivide, a, b)))] }
        case .power:
            rule = { g in
                let one = try self.scalar(1, a.dtype)
                let da = try self.multiply(self.multiply(g, b), self.binary(.power, a, self.subtract(b, one)))
                let positive = try self.binary(.greater, a, self.scalar(0, a.dtype))
                let safe = try self.select(positive, a, self.onesLike(a.shape, a.dtype))
                let logA = try self.select(positive, self.unary(.log, safe), self.zeros(a.shape, a.dtype))
                return [da, try self.multiply(self.multiply(g, z), logA)]
            }
        case .maximum, .minimum:
            rule = { g in
                let mask = try self.binary(op == .maximum ? .greaterEqual : .lessEqual, a, b)
                let zero = try self.scalar(0, g.dtype)
                return [try self.select(mask, g, zero), try self.select(mask, zero, g)]
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .logicalAnd, .logicalOr:
            rule = { _ in [nil, nil] }
        }
        record(a, b, z, acceptsBroadcastGradient: true, rule: rule)
        return z
    }

    public func add(_ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor { try binary(.add, a, b) }
    public func subtract(_ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor { try binary(.subtract, a, b) }
    public func multiply(_ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor { try binary(.multiply, a, b) }
    public func divide(_ a: TrackedTensor, _ b: TrackedTensor) throws -> TrackedTensor { try binary(.divide, a, b) }
    public func negate(_ x: TrackedTensor) throws -> TrackedTensor { try unary(.negate, x) }

    /// `where(condition, x, y)` with broadcasting; the condition gets no gradient.
    public func select(_ condition: TrackedTensor, _ x: TrackedTensor, _ y: TrackedTensor) throws -> TrackedTensor {
        let out = try constant(Tensor.select(condition: condition.value, x.value, y.value))
        guard isRecording(x, y) else { return out }
        record([condition, x, y], out, acceptsBroadcastGradient: true) { g in
            let zero = try self.scalar(0, g.dtype)
            return [nil, try self.select(condition, g, zero), try self.select(condition, zero, g)]
        }
        return out
    }

    /// Converts to `dtype`; a gradient flows back only between floating-point types.
    public func cast(_ x: TrackedTensor, to dtype: DType) throws -> TrackedTensor {
        let out = try constant(x.value.cast(to: dtype))
        guard isRecording(x), x.dtype.isFloatingPoint else { return out }
        record(x, out, acceptsBroadcastGradient: true) { g in [try self.cast(g, to: x.dtype)] }
        return out
    }

    /// The same value as a new tensor; the gradient passes through.
    public func identity(_ x: TrackedTensor) throws -> TrackedTensor {
        let out = try constant(x.value)
        guard isRecording(x) else { return out }
        record(x, out, acceptsBroadcastGradient: true) { g in [g] }
        return out
    }

    /// The same value as a tensor that no tape connects to `x`.
    public func stopGradient(_ x: TrackedTensor) throws -> TrackedTensor {
        try constant(x.value)
    }
}
