#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Complex arithmetic as CPython's `Objects/complexobject.c` computes it, so results (including
/// infinities, NaNs and signed zeros) match digit for digit.
enum ComplexMath {
    typealias C = (re: Double, im: Double)

    /// Raised by `quotient` on a zero divisor, as CPython's `_Py_c_quot` sets `EDOM`.
    struct DivisionByZero: Error {}

    static func sum(_ a: C, _ b: C) -> C { (a.re + b.re, a.im + b.im) }
    static func difference(_ a: C, _ b: C) -> C { (a.re - b.re, a.im - b.im) }

    /// `_Py_c_prod`.
    static func product(_ a: C, _ b: C) -> C {
        (a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }

    /// `_Py_c_quot`: Smith's method, scaled by the larger part of the divisor.
    static func quotient(_ a: C, _ b: C) throws(DivisionByZero) -> C {
        let absReal = b.re < 0 ? -b.re : b.re
        let absImag = b.im < 0 ? -b.im : b.im
        if absReal >= absImag {
            if absReal == 0 { throw DivisionByZero() }
            let ratio = b.im / b.re
            let denominator = b.re + b.im * ratio
            return ((a.re + a.im * ratio) / denominator, (a.im - a.re * ratio) / denominator)
        }
        if absImag >= absReal {
            let ratio = b.re / b.im
            let denominator = b.re * ratio + b.im
            return ((a.re * ratio + a.im) / denominator, (a.im * ratio - a.re) / denominator)
        }
        return (.nan, .nan)
    }

    /// `complex_pow`: repeated squaring for small integral exponents, polar form otherwise.
    /// - Throws: CPython's ZeroDivisionError for 0 to a negative or complex power, and
    ///   OverflowError when a part overflows.
    static func power(_ a: C, _ b: C) throws -> C {
        var zeroDivision = false
        let p: C
        if b.im == 0, b.re == b.re.rounded(.down), Swift.abs(b.re) <= 100 {
            p = integerPower(a, Int(b.re), &zeroDivision)
        } else {
            p = polarPower(a, b, &zeroDivision)
        }
        if zeroDivision { throw PyError(Builtin.zeroDivisionError, "0.0 to a negative or complex power") }
        if p.re.isInfinite || p.im.isInfinite { throw PyError.overflow("complex exponentiation") }
        return p
    }

    /// `c_powi`.
    private static func integerPower(_ x: C, _ n: Int, _ zeroDivision: inout Bool) -> C {
        if n > 0 { return unsignedPower(x, n) }
        do {
            return try quotient((1, 0), unsignedPower(x, -n))
        } catch {
            zeroDivision = true
            return (0, 0)
        }
    }

    /// `c_powu`.
    private static func unsignedPower(_ x: C, _ n: Int) -> C {
        var r: C = (1, 0)
        var p = x
        var mask = 1
        while mask > 0 && n >= mask {
            if n & mask != 0 { r = product(r, p) }
            mask <<= 1
            p = product(p, p)
        }
        return r
    }

    /// `_Py_c_pow`.
    private static func polarPower(_ a: C, _ b: C, _ zeroDivision: inout Bool) -> C {
        if b.re == 0 && b.im == 0 { return (1, 0) }
        if a.re == 0 && a.im == 0 {
            if b.im != 0 || b.re < 0 { zeroDivision = true }
            return (0, 0)
        }
        let magnitude = hypot(a.re, a.im)
        var length = pow(magnitude, b.re)
        let angle = atan2(a.im, a.re)
        var phase = angle * b.re
        if b.im != 0 {
            length /= exp(angle * b.im)
            phase += b.im * log(magnitude)
        }
        return (length * cos(phase), length * sin(phase))
    }

    /// `abs(z)`: `hypot`, with CPython's OverflowError when finite parts overflow.
    static func magnitude(_ z: C) throws -> Double {
        let r = hypot(z.re, z.im)
        if r.isInfinite && z.re.isFinite && z.im.isFinite { throw PyError.overflow("absolute value too large") }
        return r
    }

    /// CPython's `_Py_HashDouble` for a finite or infinite double (NaN hashes by identity there).
    static func hashDouble(_ v: Double) -> Int {
        if v.isInfinite { return v > 0 ? 314_159 : -314_159 }
        let bits: UInt64 = 61
        let modulus: UInt64 = (1 << 61) - 1
        var e32: Int32 = 0
        var m = frexp(v, &e32)
        var e = Int(e32)
        var negative = false
        if m < 0 {
            negative = true
            m = -m
        }
        var x: UInt64 = 0
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (bits - 28)
            m *= 268_435_456.0
            e -= 28
            let y = UInt64(m)
            m -= Double(y)
            x &+= y
            if x >= modulus { x -= modulus }
        }
        let shift = e >= 0 ? UInt64(e % 61) : UInt64(60 - ((-1 - e) % 61))
        x = ((x << shift) & modulus) | x >> (bits - shift)
        var h = Int(bitPattern: UInt(x))
        if negative { h = -h }
        return h == -1 ? -2 : h
    }
}

extension Interpreter {
    /// The operand of a complex operation as a complex, or nil for types complex doesn't mix with.
    func complexOperand(_ v: Value) throws -> ComplexMath.C? {
        switch v {
        case .int(let i): return (Double(i), 0)
        case .bool(let b): return (b ? 1 : 0, 0)
        case .float(let d): return (d, 0)
        case .object(let o):
            if let c = o as? PyComplex { return (c.real, c.imag) }
            if let b = o as? PyBigInt { return (try Self.toDouble(b.value), 0) }
            return nil
        default: return nil
        }
    }

    /// `a op b` where one side is complex; NotImplemented when the other side isn't a number.
    func complexBinary(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
        guard let x = try complexOperand(a), let y = try complexOperand(b) else { return .notImplemented }
        let r: ComplexMath.C
        switch op {
        case .add: r = ComplexMath.sum(x, y)
        case .subtract: r = ComplexMath.difference(x, y)
        case .multiply: r = ComplexMath.product(x, y)
        case .divide:
            do {
                r = try ComplexMath.quotient(x, y)
            } catch {
                throw PyError(Builtin.zeroDivisionError, "complex division by zero")
            }
        case .power: r = try ComplexMath.power(x, y)
        default: return .notImplemented
        }
        return .object(PyComplex(r.re, r.im))
    }

    /// `z == other` for a complex `z`: exact against ints, NotImplemented for non-numbers.
    func complexEquals(_ z: PyComplex, _ other: Value) throws -> Value {
        switch other {
        case .int, .bool, .object(is PyBigInt):
            guard z.imag == 0, let i = other.bigIntValue else { return .bool(false) }
            return .bool(Self.compareFloatInt(z.real, i) == 0)
        case .float(let d): return .bool(z.imag == 0 && z.real == d)
        case .object(let o):
            if let c = o as? PyComplex { return .bool(z.real == c.real && z.imag == c.imag) }
            return .notImplemented
        default: return .notImplemented
        }
    }

    /// `hash(z)`: CPython's `complex_hash`. A complex equal to a float or int hashes as that
    /// number does here, so such keys find each other in dicts.
    func complexHash(_ z: PyComplex) throws -> Int {
        if z.imag == 0 { return try hash(.float(z.real)) }
        if z.real.isNaN || z.imag.isNaN { return ObjectIdentifier(z).hashValue }
        let h = ComplexMath.hashDouble(z.real) &+ 1_000_003 &* ComplexMath.hashDouble(z.imag)
        return h == -1 ? -2 : h
    }
}
