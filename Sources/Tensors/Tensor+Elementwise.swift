/// One-operand elementwise operations.
public enum UnaryOperation: Sendable, CaseIterable {
    case negate, abs, sign, square, sqrt, rsqrt, reciprocal, exp, log, sin, cos, tan, tanh, sigmoid, relu
    case floor, ceil
    /// Rounds half to even, as `tf.round` and numpy do.
    case round
    case logicalNot

    /// TensorFlow's kernel name, which appears in some of its messages.
    var kernelName: String {
        switch self {
        case .negate: return "Neg"
        case .abs: return "Abs"
        case .sign: return "Sign"
        case .square: return "Square"
        case .sqrt: return "Sqrt"
        case .rsqrt: return "Rsqrt"
        case .reciprocal: return "Reciprocal"
        case .exp: return "Exp"
        case .log: return "Log"
        case .sin: return "Sin"
        case .cos: return "Cos"
        case .tan: return "Tan"
        case .tanh: return "Tanh"
        case .sigmoid: return "Sigmoid"
        case .relu: return "Relu"
        case .floor: return "Floor"
        case .ceil: return "Ceil"
        case .round: return "Round"
        case .logicalNot: return "LogicalNot"
        }
    }

    /// The types TensorFlow lists when the op is given a type it has no kernel for.
    var allowedTypes: String {
        switch self {
        case .abs: return AllowedTypes.abs
        case .negate, .sign, .round, .reciprocal: return AllowedTypes.signed
        case .square: return AllowedTypes.square
        case .relu: return AllowedTypes.relu
        case .floor, .ceil: return AllowedTypes.realFloats
        case .sqrt, .rsqrt, .exp, .log, .sin, .cos, .tan, .tanh, .sigmoid, .logicalNot: return AllowedTypes.floats
        }
    }

    /// Rough cost of one element relative to an add, to decide when to use several cores.
    var cost: Int {
        switch self {
        case .exp, .log, .sin, .cos, .tan, .tanh, .sigmoid: return 16
        case .sqrt, .rsqrt, .reciprocal: return 4
        default: return 1
        }
    }
}

/// Two-operand elementwise operations, with numpy broadcasting.
public enum BinaryOperation: Sendable, CaseIterable {
    case add, subtract, multiply
    /// True division for floats; for integers, division truncating toward zero (TensorFlow `Div`).
    case divide
    /// Division rounding toward negative infinity.
    case floorDivide
    /// The remainder whose sign follows the divisor, as Python's `%` and TensorFlow's `FloorMod`.
    case modulo
    case power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case logicalAnd, logicalOr

    /// TensorFlow's kernel name, which appears in some of its messages.
    public var kernelName: String {
        switch self {
        case .add: return "AddV2"
        case .subtract: return "Sub"
        case .multiply: return "Mul"
        case .divide: return "RealDiv"
        case .floorDivide: return "FloorDiv"
        case .modulo: return "FloorMod"
        case .power: return "Pow"
        case .maximum: return "Maximum"
        case .minimum: return "Minimum"
        case .equal: return "Equal"
        case .notEqual: return "NotEqual"
        case .less: return "Less"
        case .lessEqual: return "LessEqual"
        case .greater: return "Greater"
        case .greaterEqual: return "GreaterEqual"
        case .logicalAnd: return "LogicalAnd"
        case .logicalOr: return "LogicalOr"
        }
    }

    /// Whether the result is bool whatever the operands' type.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    var allowedTypes: String {
        switch self {
        case .add: return AllowedTypes.add
        case .subtract: return AllowedTypes.sub
        case .multiply, .divide, .floorDivide: return AllowedTypes.mul
        case .modulo: return AllowedTypes.floorMod
        case .power: return AllowedTypes.pow
        case .maximum, .minimum: return AllowedTypes.maximum
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .logicalAnd, .logicalOr: return AllowedTypes.compare
        }
    }
}

extension Tensor {
    /// Applies `op` to every element.
    /// - Throws: when `op` has no kernel for this dtype, with TensorFlow's text.
    public func unary(_ op: UnaryOperation) throws(TensorError) -> Tensor {
        switch storage {
        case .bool(let a):
            guard op == .logicalNot else { throw unsupportedType(.bool, allowed: op.allowedTypes) }
            return Tensor(unchecked: shape, .bool(mapElements(a, LogicalNot.self)))
        case .int32(let a): return Tensor(unchecked: shape, .int32(try Self.integerUnary(op, a)))
        case .int64(let a): return Tensor(unchecked: shape, .int64(try Self.integerUnary(op, a)))
        case .float32(let a): return Tensor(unchecked: shape, .float32(try Self.floatUnary(op, a)))
        case .float64(let a): return Tensor(unchecked: shape, .float64(try Self.floatUnary(op, a)))
        }
    }

    private static func integerUnary<T: IntegerElement>(_ op: UnaryOperation, _ a: [T]) throws(TensorError) -> [T] {
        switch op {
        case .negate: return mapElements(a, IntNegate<T>.self)
        case .abs: return mapElements(a, IntAbs<T>.self)
        case .sign: return mapElements(a, IntSign<T>.self)
        case .square: return mapElements(a, IntSquare<T>.self)
        case .relu: return mapElements(a, IntRelu<T>.self)
        case .round: return a
        case .reciprocal:
            throw .invalidArgument("Could not find device for node: {{node Reciprocal}} = Reciprocal[T=DT_\(T.dtype.kernelName.uppercased())]")
        case .logicalNot: throw expectedBool(op.kernelName, T.dtype)
        case .sqrt, .rsqrt, .exp, .log, .sin, .cos, .tan, .tanh, .sigmoid, .floor, .ceil:
            throw unsupportedType(T.dtype, allowed: op.allowedTypes)
        }
    }

    private static func floatUnary<T: FloatMath>(_ op: UnaryOperation, _ a: [T]) throws(TensorError) -> [T] {
        let cost = op.cost
        if T.self == Float.self, let exact = tensorFlowFloat32(op, unsafeBitCast(a, to: [Float].self)) {
            return unsafeBitCast(exact, to: [T].self)
        }
        switch op {
        case .negate: return mapElements(a, FloatNegate<T>.self)
        case .abs: return mapElements(a, FloatAbs<T>.self)
        case .sign: return mapElements(a, FloatSign<T>.self)
        case .square: return mapElements(a, FloatSquare<T>.self)
        case .sqrt: return mapElements(a, FloatSqrt<T>.self, costPerElement: cost)
        case .rsqrt: return mapElements(a, FloatRsqrt<T>.self, costPerElement: cost)
        case .reciprocal: return mapElements(a, FloatReciprocal<T>.self, costPerElement: cost)
        case .exp: return mapElements(a, FloatExp<T>.self, costPerElement: cost)
        case .log: return mapElements(a, FloatLog<T>.self, costPerElement: cost)
        case .sin: return mapElements(a, FloatSin<T>.self, costPerElement: cost)
        case .cos: return mapElements(a, FloatCos<T>.self, costPerElement: cost)
        case .tan: return mapElements(a, FloatTan<T>.self, costPerElement: cost)
        case .tanh: return mapElements(a, FloatTanh<T>.self, costPerElement: cost)
        case .sigmoid: return mapElements(a, FloatSigmoid<T>.self, costPerElement: cost)
        case .relu: return mapElements(a, FloatRelu<T>.self)
        case .floor: return mapElements(a, FloatFloor<T>.self)
        case .ceil: return mapElements(a, FloatCeil<T>.self)
        case .round: return mapElements(a, FloatRound<T>.self)
        case .logicalNot: throw expectedBool(op.kernelName, T.dtype)
        }
    }
}

extension Tensor {
    /// float32 functions whose TensorFlow kernels use Eigen's own approximations: computed the
    /// same way so results match to the last bit. Nil for the others.
    private static func tensorFlowFloat32(_ op: UnaryOperation, _ a: [Float]) -> [Float]? {
        switch op {
        case .exp: return mapPackets(a, TensorFlowExp.self, FloatExp<Float>.self, costPerElement: op.cost)
        case .sigmoid: return mapPackets(a, TensorFlowSigmoid.self, ScalarSigmoid.self, costPerElement: op.cost)
        case .tanh: return mapPackets(a, TensorFlowTanh.self, TensorFlowTanh.self, costPerElement: op.cost)
        case .log: return mapPackets(a, TensorFlowLog.self, FloatLog<Float>.self, costPerElement: op.cost)
        case .sin: return mapPackets(a, TensorFlowSin.self, FloatSin<Float>.self, costPerElement: op.cost)
        case .cos: return mapPackets(a, TensorFlowCos.self, FloatCos<Float>.self, costPerElement: op.cost)
        default: return nil
        }
    }
}

extension Tensor {
    /// `a op b` elementwise with numpy broadcasting. Comparisons give bool tensors; integer
    /// arithmetic wraps around like TensorFlow's.
    /// - Throws: `Incompatible shapes: [2,3] vs. [3,2]`; a dtype mismatch; an op without a
    ///   kernel for the dtype; `Integer division by zero`;
    ///   `Integers to negative integer powers are not allowed`.
    public static func binary(_ op: BinaryOperation, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        guard a.dtype == b.dtype else {
            throw .invalidArgument("cannot compute \(op.kernelName) as input #1(zero-based) was expected to be a \(a.dtype.kernelName) tensor but is a \(b.dtype.kernelName) tensor")
        }
        let outShape = try broadcastShape(a.shape, b.shape)
        // Broadcasting can multiply sizes: [n, 1] with [1, n] gives n² elements.
        _ = try TensorLimits.elementCount(of: outShape, dtype: op.isComparison ? .bool : a.dtype)
        let operands = BinaryOperands(aShape: a.shape, bShape: b.shape, outShape: outShape)
        let storage: TensorStorage
        switch (a.storage, b.storage) {
        case (.bool(let x), .bool(let y)): storage = try boolBinary(op, x, y, operands)
        case (.int32(let x), .int32(let y)): storage = try integerBinary(op, x, y, operands)
        case (.int64(let x), .int64(let y)): storage = try integerBinary(op, x, y, operands)
        case (.float32(let x), .float32(let y)): storage = try floatBinary(op, x, y, operands)
        case (.float64(let x), .float64(let y)): storage = try floatBinary(op, x, y, operands)
        default: throw .invalidArgument("cannot compute \(op.kernelName) as input #1(zero-based) was expected to be a \(a.dtype.kernelName) tensor but is a \(b.dtype.kernelName) tensor")
        }
        return Tensor(unchecked: outShape, storage)
    }

    /// `self = self op other`, writing into this tensor's own buffer when nothing else shares
    /// it and the result keeps its shape and dtype; otherwise the same as `binary`.
    public mutating func formBinary(_ op: BinaryOperation, _ other: Tensor) throws(TensorError) {
        let outShape = try Self.broadcastShape(shape, other.shape)
        guard outShape == shape, dtype == other.dtype, dtype.isFloatingPoint, !op.isComparison,
              op != .logicalAnd, op != .logicalOr else {
            self = try Self.binary(op, self, other)
            return
        }
        let operands = BinaryOperands(aShape: shape, bShape: other.shape, outShape: outShape)
        let ownShape = shape
        // Take the storage out of `self` and drop every other reference this function holds,
        // so the array below is the buffer's only owner unless a caller shares it.
        var taken = storage
        self = Tensor(unchecked: [0], .float32([]))
        // The pool's own reference would make the write below copy, so it lets go for the
        // duration and takes the result back.
        if case .float32(let y) = other.storage, case .float32(var x) = taken {
            taken = .bool([])
            ElementBufferPool.shared.forget(x)
            Self.floatBinaryInPlace(op, &x, y, operands)
            ElementBufferPool.shared.track(x)
            self = Tensor(unchecked: ownShape, .float32(x))
        } else if case .float64(let y) = other.storage, case .float64(var x) = taken {
            taken = .bool([])
            ElementBufferPool.shared.forget(x)
            Self.floatBinaryInPlace(op, &x, y, operands)
            ElementBufferPool.shared.track(x)
            self = Tensor(unchecked: ownShape, .float64(x))
        } else {
            self = try Self.binary(op, Tensor(unchecked: ownShape, taken), other)
        }
    }

    private static func boolBinary(_ op: BinaryOperation, _ a: [Bool], _ b: [Bool], _ o: BinaryOperands) throws(TensorError) -> TensorStorage {
        switch op {
        case .logicalAnd: return .bool(o.run(a, b, LogicalAnd.self))
        case .logicalOr: return .bool(o.run(a, b, LogicalOr.self))
        case .equal: return .bool(o.run(a, b, Equal<Bool>.self))
        case .notEqual: return .bool(o.run(a, b, NotEqual<Bool>.self))
        default: throw unsupportedType(.bool, allowed: op.allowedTypes)
        }
    }

    private static func integerBinary<T: IntegerElement>(_ op: BinaryOperation, _ a: [T], _ b: [T], _ o: BinaryOperands) throws(TensorError) -> TensorStorage {
        func arithmetic<F: BinaryFunction>(_ f: F.Type) -> TensorStorage where F.Input == T, F.Output == T { T.storage(o.run(a, b, f)) }
        switch op {
        case .add: return arithmetic(IntAdd<T>.self)
        case .subtract: return arithmetic(IntSubtract<T>.self)
        case .multiply: return arithmetic(IntMultiply<T>.self)
        case .divide, .floorDivide, .modulo:
            if o.count > 0, b.contains(0) { throw .invalidArgument("Integer division by zero") }
            switch op {
            case .divide: return arithmetic(IntDivide<T>.self)
            case .floorDivide: return arithmetic(IntFloorDivide<T>.self)
            default: return arithmetic(IntModulo<T>.self)
            }
        case .power:
            if o.count > 0, b.contains(where: { $0 < 0 }) {
                throw .invalidArgument("Integers to negative integer powers are not allowed")
            }
            return arithmetic(IntPower<T>.self)
        case .maximum: return arithmetic(IntMaximum<T>.self)
        case .minimum: return arithmetic(IntMinimum<T>.self)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return compare(op, a, b, o)
        case .logicalAnd, .logicalOr: throw expectedBool(op.kernelName, T.dtype)
        }
    }

    private static func floatBinary<T: FloatMath>(_ op: BinaryOperation, _ a: [T], _ b: [T], _ o: BinaryOperands) throws(TensorError) -> TensorStorage {
        func arithmetic<F: BinaryFunction>(_ f: F.Type, cost: Int = 1) -> TensorStorage where F.Input == T, F.Output == T {
            T.storage(o.run(a, b, cost: cost, f))
        }
        switch op {
        case .add: return arithmetic(FloatAdd<T>.self)
        case .subtract: return arithmetic(FloatSubtract<T>.self)
        case .multiply: return arithmetic(FloatMultiply<T>.self)
        case .divide: return arithmetic(FloatDivide<T>.self)
        case .floorDivide: return arithmetic(FloatFloorDivide<T>.self)
        case .modulo: return arithmetic(FloatModulo<T>.self, cost: 8)
        case .power: return arithmetic(FloatPower<T>.self, cost: 8)
        case .maximum: return arithmetic(FloatMaximum<T>.self)
        case .minimum: return arithmetic(FloatMinimum<T>.self)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return compare(op, a, b, o)
        case .logicalAnd, .logicalOr: throw expectedBool(op.kernelName, T.dtype)
        }
    }

    private static func compare<T: Comparable>(_ op: BinaryOperation, _ a: [T], _ b: [T], _ o: BinaryOperands) -> TensorStorage {
        switch op {
        case .equal: return .bool(o.run(a, b, Equal<T>.self))
        case .notEqual: return .bool(o.run(a, b, NotEqual<T>.self))
        case .less: return .bool(o.run(a, b, Less<T>.self))
        case .lessEqual: return .bool(o.run(a, b, LessEqual<T>.self))
        case .greater: return .bool(o.run(a, b, Greater<T>.self))
        default: return .bool(o.run(a, b, GreaterEqual<T>.self))
        }
    }

    private static func floatBinaryInPlace<T: FloatMath>(_ op: BinaryOperation, _ a: inout [T], _ b: [T], _ o: BinaryOperands) {
        switch op {
        case .add: o.runInPlace(&a, b, FloatAdd<T>.self)
        case .subtract: o.runInPlace(&a, b, FloatSubtract<T>.self)
        case .multiply: o.runInPlace(&a, b, FloatMultiply<T>.self)
        case .divide: o.runInPlace(&a, b, FloatDivide<T>.self)
        case .floorDivide: o.runInPlace(&a, b, FloatFloorDivide<T>.self)
        case .modulo: o.runInPlace(&a, b, cost: 8, FloatModulo<T>.self)
        case .power: o.runInPlace(&a, b, cost: 8, FloatPower<T>.self)
        case .maximum: o.runInPlace(&a, b, FloatMaximum<T>.self)
        case .minimum: o.runInPlace(&a, b, FloatMinimum<T>.self)
        default: break
        }
    }
}

@inline(__always)
func floorDivide<T: IntegerElement>(_ x: T, _ y: T) -> T {
    let q = x.dividedReportingOverflow(by: y).partialValue
    let r = x.remainderReportingOverflow(dividingBy: y).partialValue
    return r != 0 && (r < 0) != (y < 0) ? q &- 1 : q
}

@inline(__always)
func floorModulo<T: IntegerElement>(_ x: T, _ y: T) -> T {
    let r = x.remainderReportingOverflow(dividingBy: y).partialValue
    return r != 0 && (r < 0) != (y < 0) ? r &+ y : r
}

/// `base ** exponent` by repeated squaring, wrapping on overflow; `exponent` is not negative.
@inline(__always)
func wrappingPower<T: IntegerElement>(_ base: T, _ exponent: T) -> T {
    var result: T = 1
    var b = base
    var e = exponent
    while e > 0 {
        if e & 1 == 1 { result = result &* b }
        e >>= 1
        b = b &* b
    }
    return result
}

/// The shapes of a broadcasting binary op and the loops that apply a function over them.
struct BinaryOperands {
    let aShape: [Int]
    let bShape: [Int]
    let outShape: [Int]
    let count: Int

    init(aShape: [Int], bShape: [Int], outShape: [Int]) {
        self.aShape = aShape
        self.bShape = bShape
        self.outShape = outShape
        self.count = outShape.reduce(1, &*)
    }

    /// `f(a, b)` for every element of the broadcast result.
    @inline(__always)
    func run<F: BinaryFunction>(_ a: [F.Input], _ b: [F.Input], cost: Int = 1, _ f: F.Type) -> [F.Output] {
        let count = self.count
        return a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                makeArray(count: count) { (out: UnsafeMutableBufferPointer<F.Output>) in
                    guard let x = pa.baseAddress, let y = pb.baseAddress, let o = out.baseAddress else { return }
                    apply(x, pa.count, y, pb.count, o, cost: cost, f)
                }
            }
        }
    }

    /// `a = f(a, b)` where `a` already has the result's shape.
    @inline(__always)
    func runInPlace<F: BinaryFunction>(_ a: inout [F.Input], _ b: [F.Input], cost: Int = 1, _ f: F.Type) where F.Output == F.Input {
        let count = a.count
        b.withUnsafeBufferPointer { pb in
            a.withUnsafeMutableBufferPointer { pa in
                guard let x = pa.baseAddress, let y = pb.baseAddress, count > 0 else { return }
                // Reading and writing through one pointer lets the loop vectorise; a separate
                // output pointer equal to the input fails the compiler's overlap check.
                let shared = UncheckedSendable((x, y))
                if pb.count == count {
                    Parallel.forEachChunk(count: count, costPerElement: cost) { range in
                        let (x, y) = shared.value
                        for i in range { x[i] = F.apply(x[i], y[i]) }
                    }
                } else if pb.count == 1 {
                    let scalar = y[0]
                    Parallel.forEachChunk(count: count, costPerElement: cost) { range in
                        let (x, _) = shared.value
                        for i in range { x[i] = F.apply(x[i], scalar) }
                    }
                } else {
                    apply(UnsafePointer(x), count, y, pb.count, x, cost: cost, f)
                }
            }
        }
    }

    /// The loops: one flat loop when both operands have the result's shape or one is a
    /// scalar, otherwise a strided walk over rows.
    @inline(__always)
    private func apply<F: BinaryFunction>(_ x: UnsafePointer<F.Input>, _ xCount: Int, _ y: UnsafePointer<F.Input>, _ yCount: Int,
                                          _ o: UnsafeMutablePointer<F.Output>, cost: Int, _ f: F.Type) {
        let count = self.count
        guard count > 0 else { return }
        let shared = UncheckedSendable((x, y, o))
        if xCount == count && yCount == count {
            Parallel.forEachChunk(count: count, costPerElement: cost) { range in
                let (x, y, o) = shared.value
                for i in range { o[i] = F.apply(x[i], y[i]) }
            }
        } else if yCount == 1 && xCount == count {
            let scalar = y[0]
            Parallel.forEachChunk(count: count, costPerElement: cost) { range in
                let (x, _, o) = shared.value
                for i in range { o[i] = F.apply(x[i], scalar) }
            }
        } else if xCount == 1 && yCount == count {
            let scalar = x[0]
            Parallel.forEachChunk(count: count, costPerElement: cost) { range in
                let (_, y, o) = shared.value
                for i in range { o[i] = F.apply(scalar, y[i]) }
            }
        } else {
            let layout = StridedLayout(shape: outShape, strides: [broadcastStrides(aShape, to: outShape),
                                                                   broadcastStrides(bShape, to: outShape)])
            let length = layout.rowLength
            let sx = layout.innerStride(0)
            let sy = layout.innerStride(1)
            Parallel.forEachChunk(count: layout.rowCount, costPerElement: length &* cost) { rows in
                let (x, y, o) = shared.value
                layout.forEachRow(in: rows) { start, offsets in
                    let px = x + offsets[0]
                    let py = y + offsets[1]
                    let po = o + start
                    if sx == 1 && sy == 1 {
                        for i in 0..<length { po[i] = F.apply(px[i], py[i]) }
                    } else if sx == 1 && sy == 0 {
                        let v = py[0]
                        for i in 0..<length { po[i] = F.apply(px[i], v) }
                    } else if sx == 0 && sy == 1 {
                        let v = px[0]
                        for i in 0..<length { po[i] = F.apply(v, py[i]) }
                    } else {
                        for i in 0..<length { po[i] = F.apply(px[i &* sx], py[i &* sy]) }
                    }
                }
            }
        }
    }
}
