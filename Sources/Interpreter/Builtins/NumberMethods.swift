import BigInt

extension Builtin {
    static func installNumberMethods() {
        intType.define("bit_length") { _, args in
            let b = try receiver(args, "int", "bit_length") { $0.bigIntValue }
            return .int(b == 0 ? 0 : b.magnitude.bitWidth)
        }
        intType.define("conjugate") { _, args in .integer(try receiver(args, "int", "conjugate") { $0.bigIntValue }) }
        intType.define("__index__") { _, args in .integer(try receiver(args, "int", "__index__") { $0.bigIntValue }) }
        intType.define("as_integer_ratio") { _, args in
            .tuple(PyTuple([.integer(try receiver(args, "int", "as_integer_ratio") { $0.bigIntValue }), .int(1)]))
        }
        floatType.define("is_integer") { _, args in
            let d = try receiver(args, "float", "is_integer") { v -> Double? in
                if case .float(let d) = v { return d }
                return nil
            }
            return .bool(d.isFinite && d == d.rounded())
        }
        floatType.define("conjugate") { _, args in
            .float(try receiver(args, "float", "conjugate") { v -> Double? in
                if case .float(let d) = v { return d }
                return nil
            })
        }
        floatType.define("as_integer_ratio") { _, args in
            let d = try receiver(args, "float", "as_integer_ratio") { v -> Double? in
                if case .float(let d) = v { return d }
                return nil
            }
            if d.isNaN { throw PyError.value("cannot convert NaN to integer ratio") }
            if d.isInfinite { throw PyError.overflow("cannot convert Infinity to integer ratio") }
            var numerator = BigInt(d.significandBitPattern) | (d.isNormal ? BigInt(1) << 52 : 0)
            var exponent = Int(d.exponent) - 52
            if !d.isNormal { exponent = -1074 }
            var denominator = BigInt(1)
            if exponent > 0 { numerator <<= exponent } else { denominator <<= -exponent }
            let g = numerator.greatestCommonDivisor(with: denominator)
            if g != 0 {
                numerator /= g
                denominator /= g
            }
            if d < 0 { numerator = -numerator }
            return .tuple(PyTuple([.integer(numerator), .integer(denominator)]))
        }
    }
}
