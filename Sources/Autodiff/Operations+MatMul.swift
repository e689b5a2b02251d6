import Tensors

extension TapeContext {
    /// Matrix product of the last two axes, batched over the leading ones (with broadcasting).
    public func matmul(_ a: TrackedTensor, _ b: TrackedTensor, transposeA: Bool = false, transposeB: Bool = false) throws -> TrackedTensor {
        let out = try constant(Tensor.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB))
        guard isRecording(a, b) else { return out }
        // TensorFlow's `_BatchMatMulV2Grad`; batch axes that were broadcast are summed by the engine.
        record(a, b, out) { g in
            switch (transposeA, transposeB) {
            case (false, false):
                return [try self.matmul(g, b, transposeB: true), try self.matmul(a, g, transposeA: true)]
            case (false, true):
                return [try self.matmul(g, b), try self.matmul(g, a, transposeA: true)]
            case (true, false):
                return [try self.matmul(b, g, transposeB: true), try self.matmul(a, g)]
            case (true, true):
                return [try self.matmul(b, g, transposeA: true, transposeB: true),
                        try self.matmul(g, a, transposeA: true, transposeB: true)]
            }
        }
        return out
    }
}
