/// float32 functions computed the way TensorFlow's CPU kernels compute them (Eigen's packet
/// math, as built with AVX and without FMA), so results agree with TensorFlow's to the last bit
/// instead of differing from the C library's by an ulp. TensorFlow applies them to the elements
/// in whole 8-element packets; for exp, log, sigmoid, sin and cos the last `count % 8` elements
/// go through the C library instead, while tanh uses the same formula for every element.
enum TensorFlowMath {
    /// Elements in one of Eigen's float32 AVX packets.
    static let packetWidth = 8

    /// Eigen's `pmadd` without FMA: a product and a sum, each rounded.
    @inline(__always)
    static func madd(_ a: Float, _ b: Float, _ c: Float) -> Float { a * b + c }

    /// `a * 2^e` for an integral `e` with a result that stays normal (Eigen's `pldexp_fast`).
    @inline(__always)
    static func ldexpFast(_ a: Float, _ e: Float) -> Float {
        let biased = e.isNaN ? 0 : min(max(e + 127, 0), 255)
        return a * Float(bitPattern: UInt32(biased) << 23)
    }

    /// Eigen's `pexp_float`.
    static func exp(_ input: Float) -> Float {
        if input.isNaN { return input }
        let x = min(input, 88.723)
        let m = madd(x, 1.44269504088896341, 0.5).rounded(.down)
        var r = madd(m, -0.693359375, x)
        r = madd(m, 2.12194440e-4, r)
        let r2 = r * r
        var pEven = madd(r2, 1.37449637986719608306884765625e-3, 4.166965186595916748046875e-2)
        let pOdd = madd(r2, 8.36894474923610687255859375e-3, 0.16666518151760101318359375)
        pEven = madd(r2, pEven, 0.49999988079071044921875)
        let pLow = r + 1
        var y = madd(r, pOdd, pEven)
        y = madd(r2, y, pLow)
        if x.magnitude <= 87 { return max(ldexpFast(y, m), input) }
        if input < -104 { return 0 }
        // Near the ends of the range 2^m is not a normal float: scale exactly in double.
        return max(Float(Double(y) * Double(sign: .plus, exponent: Int(m), significand: 1)), input)
    }

    /// Eigen's float32 `scalar_logistic_op` packet path: 1 / (1 + exp(-x)) via exp(x/2)².
    static func sigmoid(_ input: Float) -> Float {
        if input.isNaN { return input }
        var x = min(input, 16.6355324)
        x *= 0.5
        let m = madd(x, 1.44269504088896341, 0.5).rounded(.down)
        var r = madd(m, -0.693359375, x)
        r = madd(m, 2.12194440e-4, r)
        let r2 = r * r
        let pEven = madd(r2, 4.1898667812347412109375e-2, 0.49999141693115234375)
        let pOdd = madd(r2, 8.33471305668354034423828125e-3, 0.16666877269744873046875)
        let pLow = r + 1
        var p = madd(r, pOdd, pEven)
        p = madd(r2, p, pLow)
        var e = ldexpFast(p, m)
        e *= e
        return input < -104 ? 0 : e / (1 + e)
    }

    /// Eigen's `ptanh_float`: a [9/8] rational approximation on [-c, c], ±1 beyond.
    static func tanh(_ input: Float) -> Float {
        if input.isNaN { return input }
        let x = max(min(input, 7.90738964080810547), -7.90738964080810547)
        let x2 = x * x
        let x3 = x2 * x
        var p = madd(madd(madd(1.394553628e-8, x2, 2.102733560e-5), x2, 3.520756727e-3), x2, 1.340216100e-1)
        let q = madd(madd(madd(madd(8.015776984e-7, x2, 3.326951409e-4), x2, 2.597254514e-2), x2, 4.673548340e-1), x2, 1)
        p = madd(x3, p, x)
        return p / q
    }

    /// Eigen's `plog_float`: log(1 + x) on [√½ − 1, √2 − 1] by a rational approximation,
    /// plus the exponent times ln 2.
    static func log(_ input: Float) -> Float {
        if input.isNaN || input < 0 { return .nan }
        if input == 0 { return -.infinity }
        if input == .infinity { return .infinity }
        // frexp: input = mantissa · 2^exponent with the mantissa in [0.5, 1).
        var e = Float(input.exponent + 1)
        let mantissa = Float(sign: .plus, exponent: -1, significand: input.significand)
        var x = mantissa - 1
        if mantissa < 0.707106781186547524 {
            e -= 1
            x = x + mantissa
        }
        var p = madd(madd(0.18256296349849254, x, 1.0000000190281063), x, 1.0000000190281136)
        p = x * p
        let q = madd(madd(madd(0.049616247954120038, x, 0.59923249590823520), x, 1.4999999999999927), x, 1)
        return madd(e, 0.693147180559945309417, p / q)
    }

    /// Eigen's `psincos_float` for |x| below the size where it switches to Payne–Hanek
    /// reduction (those, and non-finite inputs, use the C library).
    static func sinCos(_ input: Float, sine: Bool) -> Float {
        let huge: Float = sine ? 25966 : 18838
        guard input.isFinite, input.magnitude < huge else { return sine ? Float.mathSin(input) : Float.mathCos(input) }
        var x = input.magnitude
        // Round x · 2/π to an integer with the 2^23 trick; its low bits give the quadrant.
        let rounded = x * 0.636619746685028076171875 + 12582912
        let quadrant = rounded.bitPattern
        let y = rounded - 12582912
        x = madd(y, -1.5703125, x)
        x = madd(y, -0.000483989715576171875, x)
        x = madd(y, 1.62865035235881805419921875e-07, x)
        x = madd(y, 5.5644315544167710640977020375430583953857421875e-11, x)
        let x2 = x * x
        var cosine: Float = 2.4372266125283204019069671630859375e-05
        cosine = madd(cosine, x2, -0.00138865201734006404876708984375)
        cosine = madd(cosine, x2, 0.041666619479656219482421875)
        cosine = madd(cosine, x2, -0.5)
        cosine = madd(cosine, x2, 1)
        var sinus: Float = -0.0001959234114083702898469196984621021329076029360294342041015625
        sinus = madd(sinus, x2, 0.0083326873655616851693794799871284340042620897293090820312500000)
        sinus = madd(sinus, x2, -0.1666666203982298255503735617821803316473960876464843750000000000)
        sinus = sinus * x2
        sinus = madd(sinus, x, x)
        let even = quadrant & 1 == 0
        let signBit = sine ? (input.bitPattern ^ (quadrant << 30)) & 0x8000_0000 : ((quadrant &+ 1) << 30) & 0x8000_0000
        let value = sine ? (even ? sinus : cosine) : (even ? cosine : sinus)
        return Float(bitPattern: value.bitPattern ^ signBit)
    }

    /// Eigen's scalar logistic, used for the elements after the last whole packet.
    static func scalarSigmoid(_ x: Float) -> Float {
        let e = Float.mathExp(min(x, 16.6355324))
        return e / (1 + e)
    }
}

enum TensorFlowExp: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.exp(x)) } }
enum TensorFlowSigmoid: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.sigmoid(x)) } }
enum TensorFlowTanh: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.tanh(x)) } }
enum TensorFlowLog: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.log(x)) } }
enum TensorFlowSin: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.sinCos(x, sine: true)) } }
enum TensorFlowCos: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.sinCos(x, sine: false)) } }
enum ScalarSigmoid: UnaryFunction { static func apply(_ x: Float) -> Float { flushed(TensorFlowMath.scalarSigmoid(x)) } }

/// `Packet` applied to the elements in whole packets and `Tail` to the rest, as TensorFlow's
/// kernels split a tensor.
func mapPackets<Packet: UnaryFunction, Tail: UnaryFunction>(_ source: [Float], _: Packet.Type, _: Tail.Type, costPerElement: Int) -> [Float]
where Packet.Input == Float, Packet.Output == Float, Tail.Input == Float, Tail.Output == Float {
    let count = source.count
    let whole = count / TensorFlowMath.packetWidth * TensorFlowMath.packetWidth
    return source.withUnsafeBufferPointer { src in
        makeArray(count: count) { (out: UnsafeMutableBufferPointer<Float>) in
            guard let s = src.baseAddress, let o = out.baseAddress else { return }
            let shared = UncheckedSendable((s, o))
            Parallel.forEachChunk(count: count, costPerElement: costPerElement) { range in
                let (s, o) = shared.value
                for i in range.lowerBound..<min(range.upperBound, whole) { o[i] = Packet.apply(s[i]) }
                for i in max(range.lowerBound, whole)..<max(range.upperBound, whole) { o[i] = Tail.apply(s[i]) }
            }
        }
    }
}
