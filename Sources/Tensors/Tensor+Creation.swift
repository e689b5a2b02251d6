extension Tensor {
    /// A rank-0 float32 tensor.
    public init(_ scalar: Float) { self.init(unchecked: [], .float32([scalar])) }
    /// A rank-0 float64 tensor.
    public init(_ scalar: Double) { self.init(unchecked: [], .float64([scalar])) }
    /// A rank-0 int32 tensor.
    public init(_ scalar: Int32) { self.init(unchecked: [], .int32([scalar])) }
    /// A rank-0 int64 tensor.
    public init(_ scalar: Int64) { self.init(unchecked: [], .int64([scalar])) }
    /// A rank-0 bool tensor.
    public init(_ scalar: Bool) { self.init(unchecked: [], .bool([scalar])) }

    /// A tensor of `shape` whose elements are `doubles` converted to `dtype` by TensorFlow's
    /// cast rules.
    /// - Throws: when the shape is invalid, too large, or does not hold `doubles.count` elements.
    public init(shape: [Int], doubles: [Double], dtype: DType) throws(TensorError) {
        try self.init(shape: shape, storage: TensorStorage.converting(doubles, to: dtype))
    }

    /// A tensor of `shape` whose elements are `int64s` converted to `dtype` (int32 wraps, as a
    /// TensorFlow cast does).
    public init(shape: [Int], int64s: [Int64], dtype: DType) throws(TensorError) {
        try self.init(shape: shape, storage: Tensor(unchecked: [int64s.count], .int64(int64s)).cast(to: dtype).storage)
    }

    /// `tf.fill`: every element `value`, converted to `dtype` by cast rules.
    public static func filled(shape: [Int], value: Double, dtype: DType) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape, dtype: dtype)
        let storage: TensorStorage
        switch dtype {
        case .bool: storage = .bool(repeated(castToBool(value), count))
        case .int32: storage = .int32(repeated(castToInt32(value), count))
        case .int64: storage = .int64(repeated(castToInt64(value), count))
        case .float32: storage = .float32(repeated(Float(value), count))
        case .float64: storage = .float64(repeated(value, count))
        }
        return Tensor(unchecked: shape, storage)
    }

    /// `count` copies of `value`, in a pooled array when large.
    private static func repeated<T>(_ value: T, _ count: Int) -> [T] {
        makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in out.initialize(repeating: value) }
    }

    /// `tf.zeros`.
    public static func zeros(shape: [Int], dtype: DType) throws(TensorError) -> Tensor {
        try filled(shape: shape, value: 0, dtype: dtype)
    }

    /// `tf.ones`.
    public static func ones(shape: [Int], dtype: DType) throws(TensorError) -> Tensor {
        try filled(shape: shape, value: 1, dtype: dtype)
    }

    /// `tf.range`: `start, start + delta, …` up to but excluding `limit`, with the arguments
    /// first converted to `dtype`. Values accumulate by repeated addition in `dtype`, as
    /// TensorFlow's kernel does (float32 `range(0, 1, 0.3)` ends in `0.90000004`).
    /// - Throws: `Requires delta != 0: 0`, `Requires start <= limit when delta > 0: 10/0`,
    ///   `Requires start >= limit when delta < 0: 0/10`, or an OOM error.
    public static func range(start: Double, limit: Double, delta: Double, dtype: DType) throws(TensorError) -> Tensor {
        switch dtype {
        case .bool:
            throw .invalidArgument("Value for attr 'Tidx' of bool is not in the list of allowed values: bfloat16, half, float, double, int8, int16, int32, int64, uint16, uint32")
        case .int32:
            return try integerRange(castToInt32(start), castToInt32(limit), castToInt32(delta))
        case .int64:
            return try integerRange(castToInt64(start), castToInt64(limit), castToInt64(delta))
        case .float32:
            return try floatRange(Float(start), Float(limit), Float(delta))
        case .float64:
            return try floatRange(start, limit, delta)
        }
    }

    private static func checkRange(_ start: String, _ limit: String, _ delta: String, deltaSign: Int, ordered: Bool) throws(TensorError) {
        if deltaSign == 0 { throw .invalidArgument("Requires delta != 0: \(delta)") }
        if !ordered {
            if deltaSign > 0 {
                throw .invalidArgument("Requires start <= limit when delta > 0: \(start)/\(limit)")
            }
            throw .invalidArgument("Requires start >= limit when delta < 0: \(start)/\(limit)")
        }
    }

    private static func integerRange<T: FixedWidthInteger & SignedInteger & TensorElement>(_ start: T, _ limit: T, _ delta: T) throws(TensorError) -> Tensor {
        try checkRange("\(start)", "\(limit)", "\(delta)", deltaSign: delta.signum() == 0 ? 0 : Int(delta.signum()),
                       ordered: delta > 0 ? start <= limit : start >= limit)
        // The wrapped difference read as unsigned is the exact span even for int64 extremes.
        let span = delta > 0 ? UInt64(bitPattern: Int64(limit) &- Int64(start)) : UInt64(bitPattern: Int64(start) &- Int64(limit))
        let step = Int64(delta).magnitude
        let size = span / step + (span % step == 0 ? 0 : 1)
        let count = Int(clamping: size)
        _ = try TensorLimits.elementCount(of: [count], dtype: T.dtype)
        var value = start
        let values = makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in
            for i in 0..<count {
                out.initializeElement(at: i, to: value)
                value = value &+ delta
            }
        }
        return Tensor(unchecked: [count], T.storage(values))
    }

    private static func floatRange<T: BinaryFloatingPoint & TensorElement>(_ start: T, _ limit: T, _ delta: T) throws(TensorError) -> Tensor {
        try checkRange(numberText(start), numberText(limit), numberText(delta), deltaSign: delta == 0 ? 0 : (delta > 0 ? 1 : -1),
                       ordered: delta > 0 ? start <= limit : start >= limit)
        let size = ((limit - start) / delta).magnitude.rounded(.up)
        guard size.isFinite, size < 0x1p62 else {
            throw TensorError(.resourceExhausted, TensorLimits.oomMessage(shape: [Int(clamping: Int64(size.isFinite ? Double(size) : 0x1p62))], dtype: T.dtype))
        }
        let count = Int(size)
        _ = try TensorLimits.elementCount(of: [count], dtype: T.dtype)
        var value = start
        let values = makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in
            for i in 0..<count {
                out.initializeElement(at: i, to: value)
                value += delta
            }
        }
        return Tensor(unchecked: [count], T.storage(values))
    }

    /// `tf.linspace`: `count` evenly spaced values from `start` to `stop` inclusive, computed
    /// as `start + i * step` in `dtype` with the last value exactly `stop`.
    /// - Throws: for a negative count (with TensorFlow's wording) or an integer/bool dtype.
    public static func linspace(start: Double, stop: Double, count: Int, dtype: DType) throws(TensorError) -> Tensor {
        guard count >= 0 else {
            throw .invalidArgument("Requires start <= limit when delta > 0: 1/\(count)")
        }
        switch dtype {
        case .float32: return try floatLinspace(Float(start), Float(stop), count)
        case .float64: return try floatLinspace(start, stop, count)
        case .bool, .int32, .int64:
            throw .invalidArgument("Value for attr 'T' of \(dtype.kernelName) is not in the list of allowed values: bfloat16, float, double")
        }
    }

    private static func floatLinspace<T: BinaryFloatingPoint & TensorElement>(_ start: T, _ stop: T, _ count: Int) throws(TensorError) -> Tensor {
        _ = try TensorLimits.elementCount(of: [count], dtype: T.dtype)
        let step = count > 1 ? (stop - start) / T(count - 1) : 0
        let values = makeArray(count: count) { (out: UnsafeMutableBufferPointer<T>) in
            for i in 0..<count {
                out.initializeElement(at: i, to: i == count - 1 && count > 1 ? stop : start + T(i) * step)
            }
        }
        return Tensor(unchecked: [count], T.storage(values))
    }

    /// `tf.eye`: ones on the main diagonal of a `rows` × `columns` matrix.
    public static func eye(rows: Int, columns: Int, dtype: DType) throws(TensorError) -> Tensor {
        var doubles = [Double](repeating: 0, count: try TensorLimits.elementCount(of: [rows, columns], dtype: dtype))
        for i in 0..<min(rows, columns) { doubles[i * columns + i] = 1 }
        return try Tensor(shape: [rows, columns], doubles: doubles, dtype: dtype)
    }
}

/// A number as TensorFlow's messages print it: whole values without a fraction (`10`, `1.5`).
func numberText<T: BinaryFloatingPoint>(_ value: T) -> String {
    let d = Double(value)
    if d.isFinite, d == d.rounded(), d.magnitude < 1e16 { return String(Int64(d)) }
    if let f = value as? Float { return "\(f)" }
    return "\(d)"
}
