# np.isclose / np.allclose / np.array_equal / np.linalg.norm, checked against NumPy 2 (norms print
# float32's shortest digits: NumPy's float64 norm of [1, 2] is 2.23606797749979).
import numpy as np
a = np.array([1.0, 2.0, 3.0])
print(np.allclose(a, a + 1e-6), np.allclose(a, a + 1e-3), np.allclose(a, [1, 2, 3]), np.allclose(a, 2.0))
# expect: True False True False
print(np.isclose(a, [1.0, 2.1, 3.0]), np.isclose([1.0, 2.0], [1.05, 2.2], rtol=0.1), np.isclose(0.0, 1e-9))
# expect: [ True False  True] [ True  True] True
print(np.allclose([1.0, 1.1], [1.0, 1.0], atol=0.2), np.allclose(np.ones((2, 3)), np.ones(3)))
# expect: True True
nan, inf = float('nan'), float('inf')
print(np.isclose([nan, inf, inf], [nan, inf, -inf]), np.isclose([nan], [nan], equal_nan=True), np.allclose([1e6], [1.000005e6]))
# expect: [False  True False] [ True] True
print(np.array_equal([1, 2], [1, 2]), np.array_equal([1, 2], [1, 2, 3]), np.array_equal(np.array([1.0, 2.0]), [1, 2]), np.array_equal([nan], [nan]), np.array_equal([nan], [nan], equal_nan=True))
# expect: True False True False True
print(np.linalg.norm([3.0, 4.0]), np.linalg.norm(np.array([[1.0, 2.0], [2.0, 4.0]])), np.linalg.norm([1, 2]), np.linalg.norm([3, 4], ord=2))
# expect: 5.0 5.0 2.236068 5.0
E = np.array([[3.0, 4.0], [0.0, 2.0], [1.0, 0.0]])
print(np.linalg.norm(E, axis=1), np.linalg.norm(E, axis=1, keepdims=True).shape, np.linalg.norm(E, axis=0))
# expect: [5. 2. 1.] (3, 1) [3.1622777 4.472136 ]
unit = E / np.linalg.norm(E, axis=1, keepdims=True)
print(unit @ unit.T)
# expect: [[1.  0.8 0.6]
# expect:  [0.8 1.  0. ]
# expect:  [0.6 0.  1. ]]

# %%
np.allclose([1.0, 2.0], [1.0, 2.0, 3.0])
# expect error: ValueError: operands could not be broadcast together with shapes (2,) (3,) 
# %%
np.isclose([1.0], [1.0], rtol=-1)
# expect error: ValueError: isclose: rtol and atol must be non-negative, got rtol=-1.0, atol=1e-08
# %%
np.linalg.norm(np.eye(2), ord=2)
# expect error: NotImplementedError: np.linalg.norm: ord=2 is not supported here; the default (ord=None: the 2-norm of vectors, the Frobenius norm of matrices) is
# %%
np.allclose([1.0])
# expect error: TypeError: allclose() missing required argument 'b' (pos 2)
