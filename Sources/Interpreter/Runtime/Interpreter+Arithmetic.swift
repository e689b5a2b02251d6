import BigInt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Interpreter {
    /// `a op b` with CPython's dispatch: builtin rules, then `__op__` on the left operand and
    /// `__rop__` on the right one, then `unsupported operand type(s)`.
    @inline(__always)
    public func binary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                if !o { return .int(r) }
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                if !o { return .int(r) }
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return .int(r) }
            default: break
            }
        } else if case .float(let x) = a, case .float(let y) = b {
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            case .divide where y != 0: return .float(x / y)
            default: break
            }
        }
        return try binarySlow(op, a, b)
    }

    func binarySlow(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        let aUser = Self.hasUserDunders(a), bUser = Self.hasUserDunders(b)
        if !aUser && !bUser {
            if let r = try builtinBinary(op, a, b) { return r }
            throw binaryTypeError(op, a, b)
        }
        let (name, reflected) = Self.binaryDunders(op)
        if bUser, b.type !== a.type, b.type.isSubtype(of: a.type), let m = b.type.lookup(reflected) {
            let r = try call(m, [b, a])
            if !r.isNotImplemented { return r }
        }
        if aUser {
            if let m = a.type.lookup(name) {
                let r = try call(m, [a, b])
                if !r.isNotImplemented { return r }
            }
        } else if let r = try builtinBinary(op, a, b) {
            return r
        }
        if bUser, b.type !== a.type || !aUser, let m = b.type.lookup(reflected) {
            let r = try call(m, [b, a])
            if !r.isNotImplemented { return r }
        }
        throw binaryTypeError(op, a, b)
    }

    /// In-place `a op= b`: `__iop__` first, then the binary operation. Lists extend in place.
    public func inplace(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        if case .list(let l) = a {
            if op == .add {
                if case .list(let r) = b {
                    try checkElements(l.items.count &+ r.items.count)
                    l.items.append(contentsOf: r.items)
                    return a
                }
                if case .tuple(let r) = b {
                    try checkElements(l.items.count &+ r.items.count)
                    l.items.append(contentsOf: r.items)
                    return a
                }
                let extra = try collect(b, forListExtend: true)
                try checkElements(l.items.count &+ extra.count)
                l.items.append(contentsOf: extra)
                return a
            }
            if op == .multiply, let n = b.bigIntValue {
                let count = try Self.repeatCount(n)
                if count <= 0 { l.items.removeAll() } else {
                    try checkRepeat(l.items.count, count, string: false)
                    let original = l.items
                    for _ in 1..<count { l.items.append(contentsOf: original) }
                }
                return a
            }
        }
        if case .object(let o) = a, let set = o as? PySet, !set.isFrozen, case .object(let bo) = b, let other = bo as? PySet {
            switch op {
            case .bitOr: for k in other.table.keys { try tableSet(set, k, .none) }; return a
            case .bitAnd: for k in set.table.keys where try !tableContains(other, k) { try tableRemove(set, k) }; return a
            case .subtract: for k in other.table.keys { try tableRemove(set, k) }; return a
            default: break
            }
        }
        if Self.hasUserDunders(a), let m = a.type.lookup(Self.inplaceDunder(op)) {
            let r = try call(m, [a, b])
            if !r.isNotImplemented { return r }
        }
        return try binary(op, a, b)
    }

    func binaryTypeError(_ op: BinaryOperator, _ a: Value, _ b: Value) -> PyError {
        if op == .add {
            switch a {
            case .str: return .type("can only concatenate str (not \"\(b.typeName)\") to str")
            case .list: return .type("can only concatenate list (not \"\(b.typeName)\") to list")
            case .tuple: return .type("can only concatenate tuple (not \"\(b.typeName)\") to tuple")
            default: break
            }
        }
        if op == .multiply {
            switch (a, b) {
            case (.str, _), (.list, _), (.tuple, _):
                if b.bigIntValue == nil { return .type("can't multiply sequence by non-int of type '\(b.typeName)'") }
            case (_, .str), (_, .list), (_, .tuple):
                if a.bigIntValue == nil { return .type("can't multiply sequence by non-int of type '\(a.typeName)'") }
            default: break
            }
        }
        let symbol = op == .power ? "** or pow()" : op.rawValue
        return .type("unsupported operand type(s) for \(symbol): '\(a.typeName)' and '\(b.typeName)'")
    }

    static func binaryDunders(_ op: BinaryOperator) -> (String, String) {
        let base: String
        switch op {
        case .add: base = "add"
        case .subtract: base = "sub"
        case .multiply: base = "mul"
        case .matrixMultiply: base = "matmul"
        case .divide: base = "truediv"
        case .floorDivide: base = "floordiv"
        case .modulo: base = "mod"
        case .power: base = "pow"
        case .leftShift: base = "lshift"
        case .rightShift: base = "rshift"
        case .bitOr: base = "or"
        case .bitXor: base = "xor"
        case .bitAnd: base = "and"
        }
        return ("__\(base)__", "__r\(base)__")
    }

    static func inplaceDunder(_ op: BinaryOperator) -> String {
        let (name, _) = binaryDunders(op)
        return "__i" + name.dropFirst(2)
    }

    /// The builtin rules for numbers, sequences, sets and dicts; nil when they don't apply.
    func builtinBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value? {
        switch (a, b) {
        case let (.float(x), .float(y)): return try floatBinary(op, x, y)
        case (.float(let x), _):
            if let y = b.bigIntValue { return try floatBinary(op, x, try Self.toDouble(y)) }
        case (_, .float(let y)):
            if let x = a.bigIntValue { return try floatBinary(op, try Self.toDouble(x), y) }
        default: break
        }
        if case .int(let x) = a, case .int(let y) = b, let r = try smallIntBinary(op, x, y) { return r }
        if let x = a.bigIntValue, let y = b.bigIntValue { return try intBinary(op, x, y) }
        switch (a, b) {
        case let (.str(x), .str(y)) where op != .modulo:
            if op == .add {
                let bytes = x.value.utf8.count &+ y.value.utf8.count
                if bytes >= 1 << 20 { try checkStringBytes(bytes) }
                return .string(x.value + y.value)
            }
        case (.str(let x), _):
            if op == .multiply, let n = b.bigIntValue { return .string(try repeatString(x.value, n)) }
            if op == .modulo { return .string(try percentFormat(x.value, b)) }
        case (_, .str(let y)):
            if op == .multiply, let n = a.bigIntValue { return .string(try repeatString(y.value, n)) }
        case let (.list(x), .list(y)):
            if op == .add {
                try checkElements(x.items.count &+ y.items.count)
                return .list(PyList(x.items + y.items))
            }
        case (.list(let x), _):
            if op == .multiply, let n = b.bigIntValue { return .list(PyList(try repeatItems(x.items, n))) }
        case (_, .list(let y)):
            if op == .multiply, let n = a.bigIntValue { return .list(PyList(try repeatItems(y.items, n))) }
        case let (.tuple(x), .tuple(y)):
            if op == .add {
                try checkElements(x.items.count &+ y.items.count)
                return .tuple(PyTuple(x.items + y.items))
            }
        case (.tuple(let x), _):
            if op == .multiply, let n = b.bigIntValue { return .tuple(PyTuple(try repeatItems(x.items, n))) }
        case (_, .tuple(let y)):
            if op == .multiply, let n = a.bigIntValue { return .tuple(PyTuple(try repeatItems(y.items, n))) }
        case let (.dict(x), .dict(y)):
            if op == .bitOr {
                let r = PyDict()
                r.table = x.table
                for (k, v) in y.table.items { try tableSet(r, k, v) }
                return .dict(r)
            }
        case let (.object(x), .object(y)):
            if let sx = x as? PySet, let sy = y as? PySet { return try setBinary(op, sx, sy) }
        default: break
        }
        return nil
    }

    func setBinary(_ op: BinaryOperator, _ x: PySet, _ y: PySet) throws -> Value? {
        let r = PySet(frozen: x.isFrozen)
        switch op {
        case .bitOr:
            r.table = x.table
            for k in y.table.keys { try tableSet(r, k, .none) }
        case .bitAnd:
            for k in x.table.keys where try tableContains(y, k) { try tableSet(r, k, .none) }
        case .subtract:
            for k in x.table.keys where try !tableContains(y, k) { try tableSet(r, k, .none) }
        case .bitXor:
            r.table = x.table
            for k in y.table.keys where try tableRemove(r, k) == nil { try tableSet(r, k, .none) }
        default: return nil
        }
        return .object(r)
    }

    /// A repeat count as CPython takes it: an index-sized integer, else `OverflowError`.
    static func repeatCount(_ n: BigInt) throws -> Int {
        guard let count = Int(exactly: n) else {
            throw PyError.overflow("cannot fit 'int' into an index-sized integer")
        }
        return count
    }

    func repeatString(_ s: String, _ n: BigInt) throws -> String {
        let count = try Self.repeatCount(n)
        guard count > 0, !s.isEmpty else { return "" }
        try checkRepeat(s.utf8.count, count, string: true)
        return String(repeating: s, count: count)
    }

    func repeatItems(_ items: [Value], _ n: BigInt) throws -> [Value] {
        let count = try Self.repeatCount(n)
        guard count > 0, !items.isEmpty else { return [] }
        try checkRepeat(items.count, count, string: false)
        var result: [Value] = []
        result.reserveCapacity(items.count * count)
        for _ in 0..<count { result.append(contentsOf: items) }
        return result
    }

    static func toDouble(_ b: BigInt) throws -> Double {
        if let i = Int(exactly: b) { return Double(i) }
        let d = Double(b)
        if d.isInfinite { throw PyError.overflow("int too large to convert to float") }
        return d
    }

    func smallIntBinary(_ op: BinaryOperator, _ x: Int, _ y: Int) throws -> Value? {
        switch op {
        case .floorDivide:
            if y == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
            if x == Int.min && y == -1 { return nil }
            let q = x / y
            return .int((x % y != 0 && (x < 0) != (y < 0)) ? q - 1 : q)
        case .modulo:
            if y == 0 { throw PyError.zeroDivision("integer modulo by zero") }
            if y == -1 { return .int(0) }
            let r = x % y
            return .int((r != 0 && (r < 0) != (y < 0)) ? r + y : r)
        case .divide:
            if y == 0 { throw PyError.zeroDivision("division by zero") }
            if x.magnitude < 1 << 53 && y.magnitude < 1 << 53 { return .float(Double(x) / Double(y)) }
            return nil
        case .bitAnd: return .int(x & y)
        case .bitOr: return .int(x | y)
        case .bitXor: return .int(x ^ y)
        case .rightShift:
            if y < 0 { throw PyError.value("negative shift count") }
            return .int(y >= 64 ? (x < 0 ? -1 : 0) : x >> y)
        case .leftShift:
            if y < 0 { throw PyError.value("negative shift count") }
            if y < 62 && x.magnitude < (1 << (62 - y)) { return .int(x << y) }
            return nil
        case .power:
            if y < 0 { return nil }
            var result = 1, base = x, e = y
            while e > 0 {
                if e & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { return nil }
                    result = r
                }
                e >>= 1
                if e > 0 {
                    let (sq, o) = base.multipliedReportingOverflow(by: base)
                    if o { return nil }
                    base = sq
                }
            }
            return .int(result)
        default: return nil
        }
    }

    /// Refuses results whose size would make the process unresponsive.
    static let maxIntBits = 1 << 24

    func intBinary(_ op: BinaryOperator, _ x: BigInt, _ y: BigInt) throws -> Value {
        switch op {
        case .add: return .integer(x + y)
        case .subtract: return .integer(x - y)
        case .multiply:
            if x.bitWidth + y.bitWidth > Self.maxIntBits { throw PyError(Builtin.memoryError, args: []) }
            return .integer(x * y)
        case .floorDivide:
            if y == 0 { throw PyError.zeroDivision("integer division or modulo by zero") }
            return .integer(Self.floorDivMod(x, y).0)
        case .modulo:
            if y == 0 { throw PyError.zeroDivision("integer modulo by zero") }
            return .integer(Self.floorDivMod(x, y).1)
        case .divide:
            if y == 0 { throw PyError.zeroDivision("division by zero") }
            return .float(try Self.trueDivide(x, y))
        case .power:
            if y < 0 {
                if x == 0 { throw PyError.zeroDivision("0.0 cannot be raised to a negative power") }
                return try floatBinary(.power, try Self.toDouble(x), try Self.toDouble(y))
            }
            if x == 0 || x == 1 { return .integer(x) }
            if x == -1 { return .int(y.isMultiple(of: 2) ? 1 : -1) }
            guard let e = Int(exactly: y), e.multipliedReportingOverflow(by: x.bitWidth).partialValue <= Self.maxIntBits,
                  !e.multipliedReportingOverflow(by: x.bitWidth).overflow else {
                throw PyError(Builtin.memoryError, args: [])
            }
            return .integer(try power(x, e))
        case .leftShift:
            if y < 0 { throw PyError.value("negative shift count") }
            guard let s = Int(exactly: y), s + x.bitWidth <= Self.maxIntBits else {
                if x == 0 { return .int(0) }
                throw PyError.overflow("too many digits in integer")
            }
            return .integer(x << s)
        case .rightShift:
            if y < 0 { throw PyError.value("negative shift count") }
            guard let s = Int(exactly: y), s < Self.maxIntBits else { return .int(x < 0 ? -1 : 0) }
            return .integer(x >> s)
        case .bitAnd: return .integer(x & y)
        case .bitOr: return .integer(x | y)
        case .bitXor: return .integer(x ^ y)
        case .matrixMultiply:
            throw binaryTypeError(op, .integer(x), .integer(y))
        }
    }

    /// Exponentiation by squaring, checking for cancellation between steps.
    func power(_ base: BigInt, _ exponent: Int) throws -> BigInt {
        var result = BigInt(1), b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result *= b }
            e >>= 1
            if e > 0 { b *= b }
            try checkCancellation()
        }
        return result
    }

    static func floorDivMod(_ x: BigInt, _ y: BigInt) -> (BigInt, BigInt) {
        let (q, r) = x.quotientAndRemainder(dividingBy: y)
        if r != 0 && (r.sign == .minus) != (y.sign == .minus) { return (q - 1, r + y) }
        return (q, r)
    }

    /// Correctly rounded `x / y` for ints of any size.
    static func trueDivide(_ x: BigInt, _ y: BigInt) throws -> Double {
        if x.magnitude.bitWidth <= 53 && y.magnitude.bitWidth <= 53 {
            return try toDouble(x) / toDouble(y)
        }
        let negative = (x.sign == .minus) != (y.sign == .minus) && x != 0
        let a = x.magnitude, b = y.magnitude
        // Scale so the quotient has at least 66 significant bits, then fold the remainder into a sticky bit.
        let shift = 66 - (a.bitWidth - b.bitWidth)
        let (q, r) = shift >= 0 ? (a << shift).quotientAndRemainder(dividingBy: b) : a.quotientAndRemainder(dividingBy: b << -shift)
        var qq = q
        if r != 0 { qq |= 1 }
        let d = Double(qq)
        let result = Double(sign: .plus, exponent: -shift, significand: d)
        if result.isInfinite { throw PyError.overflow("integer division result too large for a float") }
        return negative ? -result : result
    }

    func floatBinary(_ op: BinaryOperator, _ x: Double, _ y: Double) throws -> Value {
        switch op {
        case .add: return .float(x + y)
        case .subtract: return .float(x - y)
        case .multiply: return .float(x * y)
        case .divide:
            if y == 0 { throw PyError.zeroDivision("float division by zero") }
            return .float(x / y)
        case .floorDivide:
            if y == 0 { throw PyError.zeroDivision("float floor division by zero") }
            return .float(Self.floatDivMod(x, y).0)
        case .modulo:
            if y == 0 { throw PyError.zeroDivision("float modulo") }
            return .float(Self.floatDivMod(x, y).1)
        case .power:
            if x == 0 && y < 0 { throw PyError.zeroDivision("0.0 cannot be raised to a negative power") }
            if x < 0 && y != y.rounded() && y.isFinite {
                return try complexBinary(.power, .float(x), .float(y))
            }
            let r = Foundation_pow(x, y)
            if r.isInfinite && x.isFinite && y.isFinite { throw PyError.overflow("(34, 'Numerical result out of range')") }
            return .float(r)
        default:
            throw binaryTypeError(op, .float(x), .float(y))
        }
    }

    /// CPython's `float_divmod`.
    static func floatDivMod(_ vx: Double, _ wx: Double) -> (Double, Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) {
                mod += wx
                div -= 1
            }
        } else {
            mod = Glibc_copysign(0.0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
        } else {
            floordiv = Glibc_copysign(0.0, vx / wx)
        }
        return (floordiv, mod)
    }

    /// Unary `-`, `+`, `~`, `not`.
    public func unary(_ op: UnaryOperator, _ v: Value) throws -> Value {
        switch (op, v) {
        case (.not, _): return .bool(!(try truthy(v)))
        case (.negate, .int(let i)):
            if i == Int.min { return .integer(-BigInt(i)) }
            return .int(-i)
        case (.negate, .float(let d)): return .float(-d)
        case (.negate, .bool(let b)): return .int(b ? -1 : 0)
        case (.plus, .int), (.plus, .float): return v
        case (.plus, .bool(let b)): return .int(b ? 1 : 0)
        case (.invert, .int(let i)): return .int(~i)
        case (.invert, .bool(let b)): return .int(b ? -2 : -1)
        default: break
        }
        if case .object(let o) = v {
            if let b = o as? PyBigInt {
                switch op {
                case .negate: return .integer(-b.value)
                case .plus: return v
                case .invert: return .integer(-b.value - 1)
                case .not: break
                }
            }
            let name = op == .negate ? "__neg__" : op == .plus ? "__pos__" : "__invert__"
            if Self.hasUserDunders(v), let m = o.pyType.lookup(name) { return try call(m, [v]) }
        }
        throw PyError.type("bad operand type for unary \(op.rawValue): '\(v.typeName)'")
    }
}

@inline(__always)
func Foundation_pow(_ x: Double, _ y: Double) -> Double {
    #if canImport(Glibc)
    return Glibc.pow(x, y)
    #else
    return Darwin.pow(x, y)
    #endif
}
