import numpy as np
inputs = np.random.randn(3, 2, 10)
inputs.shape
# expect value: (3, 2, 10)
# %%
print(inputs.ndim, inputs.size, inputs.dtype)  # expect: 3 60 float32
inputs.dtype
# expect value: dtype('float32')
# %%
a = np.arange(6, dtype=np.float32).reshape(2, 3)
print(a)
# expect: [[0. 1. 2.]
# expect:  [3. 4. 5.]]
print(repr(a))
# expect: array([[0., 1., 2.],
# expect:        [3., 4., 5.]], dtype=float32)
# %%
print(a + np.array([10, 20, 30]))
# expect: [[10. 21. 32.]
# expect:  [13. 24. 35.]]
print(a[-1], a[-1, -1], a[:, 1:].shape)  # expect: [3. 4. 5.] 5.0 (2, 2)
print(a.sum(axis=0), a.mean(), a.T.shape)  # expect: [3. 5. 7.] 2.5 (3, 2)
# %%
b = np.array([[1, 2], [3, 4]])
print(repr(b @ b))
# expect: array([[ 7, 10],
# expect:        [15, 22]])
np.array([1.5, -2])
# expect value: array([ 1.5, -2. ], dtype=float32)
# %%
print(2 * b - 1, (b > 2).tolist(), len(b))  # expect: [[1 3]
# expect:  [5 7]] [[False, False], [True, True]] 2
# %%
np.zeros(6).reshape(4)
# expect error: ValueError: cannot reshape array of size 6 into shape (4,)
# %%
np.zeros((2, 3)) + np.zeros((4,))
# expect error: ValueError: operands could not be broadcast together with shapes (2,3) (4,) 
# %%
np.random.seed(0)
np.random.rand()
# expect value: 0.5488135
# %%
np.nothing
# expect error: AttributeError: module 'numpy' has no attribute 'nothing' (available: ndarray, float32, int64, newaxis, pi, e, inf, nan, array, asarray, zeros, zeros_like, ones, ones_like, full, arange, linspace, eye, reshape, transpose, concatenate, stack, expand_dims, squeeze, exp, log, sqrt, tanh, abs, maximum, minimum, clip, matmul, dot, sum, mean, max, min, argmax, argmin, ...)
