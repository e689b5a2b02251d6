// Cases and the texts TensorFlow 2.21 prints for them (its internal prefixes stripped, as the
// conformance rules do). Each runs as one cell in a fresh session.

/// Error classes and TensorFlow's exact texts.
let errorCases: [(code: String, expected: String)] = [
    ("tf.constant([1, 2]) + tf.constant([1., 2.])", "!! InvalidArgumentError: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:AddV2]"),
    ("tf.constant([1, 2, 3]) * tf.constant([1, 2])", "!! InvalidArgumentError: Incompatible shapes: [3] vs. [2] [Op:Mul]"),
    ("tf.constant([1, 2]) * 0.5", "!! TypeError: Cannot convert 0.5 to EagerTensor of dtype int32"),
    // A lone float converts without the general walk, with the same errors.
    ("tf.constant(2.5, dtype=tf.int32)", "!! TypeError: Cannot convert 2.5 to EagerTensor of dtype int32"),
    ("tf.constant(2.5, dtype=tf.bool)", "!! TypeError: Cannot convert 2.5 to EagerTensor of dtype bool"),
    ("tf.constant(1e300)", "!! ValueError: Can't convert Python sequence with a value out of range for a double-precision float."),
    ("tf.constant([1, 2]) / 0.5", "!! TypeError: `x` and `y` must have the same dtype, got tf.int32 != tf.float32."),
    ("tf.constant([1, 2]) == 0.5", "!! TypeError: Cannot convert 0.5 to EagerTensor of dtype int32"),
    ("tf.matmul(tf.constant([[1., 2.]]), tf.constant([[1., 2.]]))", "!! InvalidArgumentError: Matrix size-incompatible: In[0]: [1,2], In[1]: [1,2] [Op:MatMul]"),
    ("tf.reshape(tf.range(6), [4, 2])", "!! InvalidArgumentError: Input to reshape is a tensor with 6 values, but the requested shape has 8 [Op:Reshape]"),
    ("tf.constant([1, 2, 3])[3]", "!! InvalidArgumentError: slice index 3 of dimension 0 out of bounds. [Op:StridedSlice]"),
    ("tf.constant([1, 2, 3])['a']", "!! TypeError: Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar tf.int32/tf.int64 tensors are valid indices, got 'a'"),
    ("tf.constant([[1, 2]])[0, 0, 0]", "!! InvalidArgumentError: Index out of range using input dim 2; input has only 2 dims [Op:StridedSlice]"),
    ("tf.concat([tf.constant([[1]]), tf.constant([1])], 0)", "!! InvalidArgumentError: ConcatOp : Ranks of all input tensors should match: shape[0] = [1,1] vs. shape[1] = [1] [Op:ConcatV2]"),
    ("tf.stack([tf.constant([1]), tf.constant([1, 2])])", "!! InvalidArgumentError: Shapes of all inputs must match: values[0].shape = [1] != values[1].shape = [2] [Op:Pack]"),
    ("tf.reduce_sum(tf.constant([1, 2]), axis=2)", "!! InvalidArgumentError: Invalid reduction dimension (2 for input with 1 dimension(s) [Op:Sum]"),
    ("bool(tf.constant([1, 2]))", "!! ValueError: The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()"),
    ("float(tf.constant([1., 2.]))", "!! TypeError: only 0-dimensional arrays can be converted to Python scalars"),
    ("len(tf.constant(1.))", "!! TypeError: Scalar tensor has no `len()`"),
    ("hash(tf.constant(1.))", "!! TypeError: Tensor is unhashable. Instead, use tensor.ref() as the key."),
    ("iter(tf.constant(1.))", "!! TypeError: Cannot iterate over a scalar tensor."),
    ("{tf.constant(1.): 1}", "!! TypeError: Tensor is unhashable. Instead, use tensor.ref() as the key."),
    ("tf.sqrt(tf.constant(4))", "!! InvalidArgumentError: Value for attr 'T' of int32 is not in the list of allowed values: bfloat16, half, float, double, complex64, complex128\n\t; NodeDef: {{node Sqrt}}; Op<name=Sqrt; signature=x:T -> y:T; attr=T:type,allowed=[DT_BFLOAT16, DT_HALF, DT_FLOAT, DT_DOUBLE, DT_COMPLEX64, DT_COMPLEX128]> [Op:Sqrt]"),
    ("tf.constant(2) ** -1", "!! InvalidArgumentError: Integers to negative integer powers are not allowed [Op:Pow]"),
    ("tf.constant(1) // tf.constant(0)", "!! InvalidArgumentError: Integer division by zero [Op:FloorDiv]"),
    ("f'{tf.constant([1., 2.]):.2f}'", "!! TypeError: unsupported format string passed to numpy.ndarray.__format__"),
    ("tf.ones([-1])", "!! InvalidArgumentError: Dimension -1 must be >= 0 [Op:Fill]"),
    ("tf.zeros([1 << 20, 1 << 20])", "!! ResourceExhaustedError: OOM when allocating tensor with shape[1048576,1048576] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:Fill]"),
    ("tf.expand_dims(tf.constant([1, 2]), 3)", "!! InvalidArgumentError: Tried to expand dim index 3 for tensor with 1 dimensions. [Op:ExpandDims]"),
    ("tf.transpose(tf.constant([[1, 2]]), perm=[0, 0])", "!! InvalidArgumentError: 1 is missing from {0,0}. [Op:Transpose]"),
    ("tf.squeeze(tf.constant([[1, 2]]), axis=1)", "!! InvalidArgumentError: Can not squeeze dim[1], expected a dimension of 1, got 2 [Op:Squeeze]"),
]
