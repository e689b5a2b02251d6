import Tensors

/// `exp` as TensorFlow's CPU softmax kernel (oneDNN's vectorised eltwise exp) computes it for
/// float32: `2^n · p(r)` with `n = ⌊x·log2(e) + ½⌋`, `r = x − n·ln 2` and a degree-5 polynomial.
/// It differs from a correctly rounded exp in the last bit for some inputs, which shows in
/// printed softmax values.
enum OneDNNExp {
    private static let coefficients: [Float] = [0x3f7f_fffb, 0x3eff_fee3, 0x3e2a_ad40, 0x3d2b_9d0d, 0x3c07_cfce]
        .map { Float(bitPattern: $0) }
    private static let log2e = Float(bitPattern: 0x3fb8_aa3b)
    private static let ln2 = Float(bitPattern: 0x3f31_7218)
    private static let lnFloatMax = Float(bitPattern: 0x42b1_7218)
    private static let lnFloatMin = Float(bitPattern: 0xc2ae_ac50)

    static func exp(_ input: Float) -> Float {
        guard !input.isNaN else { return input }
        let underflows = input < lnFloatMin
        let x = Swift.min(Swift.max(input, lnFloatMin), lnFloatMax)
        let n = (x * log2e + 0.5).rounded(.down)
        let r = x.addingProduct(-n, ln2)
        // 2^(n-1), so that n = 128 stays representable; times 2 at the end.
        let exponent = Int32(n) &- 1 &+ 127
        let scale = underflows ? 0 : Float(bitPattern: UInt32(truncatingIfNeeded: exponent & 0xff) << 23)
        var y = coefficients[4]
        y = coefficients[3].addingProduct(y, r)
        y = coefficients[2].addingProduct(y, r)
        y = coefficients[1].addingProduct(y, r)
        y = coefficients[0].addingProduct(y, r)
        y = Float(1).addingProduct(y, r)
        return y * scale * 2
    }

    /// `exp` of every element of a float32 tensor; nil for other dtypes.
    static func exp(_ tensor: Tensor) -> Tensor? {
        guard case .float32(let values) = tensor.storage else { return nil }
        return try? Tensor(shape: tensor.shape, storage: .float32(values.map { exp($0) }))
    }
}
