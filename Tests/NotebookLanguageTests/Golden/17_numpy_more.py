# Checked against NumPy 2; differences (ours): scalars are Python ints/floats (NumPy: np.int64(3)),
# float results are float32 (std 3.8324275, NumPy float64 3.832427429188973; np.zeros dtype float32, NumPy float64).
import numpy as np
x = np.arange(12).reshape(3, 4)
print(x[None].shape, x[..., 1], x[[0, 2]].shape, x[x > 8])
# expect: (1, 3, 4) [1 5 9] (2, 4) [ 9 10 11]
x[0, :2] = -1
print(x[0], 10 - x[1], 1 / np.array([2.0, 4.0]), 7 // np.array([2, 3]), np.array([5, 7]) % 3, 2 ** np.array([1, 3]))
# expect: [-1 -1  2  3] [6 5 4 3] [0.5  0.25] [3 2] [2 1] [2 8]
print([r.sum() for r in x], -x[2], x.max(), x.argmax(axis=1), x.std(), x.astype(np.float32).dtype)
# expect: [3, 22, 38] [ -8  -9 -10 -11] 11 [3 3 3] 3.8324275 float32
print(np.zeros((2, 3)).shape, np.ones(2, dtype=np.int64), np.full((2,), 7), np.linspace(0, 1, 5), np.eye(2))
# expect: (2, 3) [1 1] [7 7] [0.   0.25 0.5  0.75 1.  ] [[1. 0.]
# expect:  [0. 1.]]
print(np.concatenate([np.zeros(2), np.ones(2)]), np.stack([np.zeros(2), np.ones(2)]).shape, np.expand_dims(np.zeros(3), 0).shape, np.squeeze(np.zeros((1, 3))).shape)
# expect: [0. 0. 1. 1.] (2, 2) (1, 3) (3,)
print(np.maximum(np.array([1, 5]), 3), np.clip(np.array([-2.0, 0.5, 9.0]), 0, 1), np.exp(0.0), np.tanh(np.zeros(2)), np.abs(np.array([-1, 2])))
# expect: [3 5] [0.  0.5 1. ] 1.0 [0. 0.] [1 2]
print(np.dot(np.ones(3), np.ones(3)), np.matmul(np.eye(2), np.ones((2, 1))).shape, np.sum(x, axis=0), np.mean([1, 2]))
# expect: 3.0 (2, 1) [11 13 18 21] 1.5
print(np.random.randint(0, 5, size=(2, 3)).shape, np.random.normal(0, 1, (4,)).shape, np.random.uniform(size=3).shape, np.random.permutation(5).shape)
# expect: (2, 3) (4,) (3,) (5,)
print(x.flatten().shape, x.item(0) if False else x[1, 1].item() if False else x[1, 1], np.float32(2), x.dtype == np.int64, str(np.zeros(2).dtype))
# expect: (12,) 5 2.0 True float32

# %%
x[5, 0]
# expect error: IndexError: index 5 is out of bounds for axis 0 with size 3
# %%
len(np.zeros(()))
# expect error: TypeError: len() of unsized object
# %%
# np.argsort / np.sort: ascending along the last axis by default, NaN last, ties in order; axis=None flattens.
p = np.array([0.1, 0.5, 0.05, 0.35])
print(np.argsort(p), np.argsort(p)[::-1][:3], np.sort(p, kind='Stable'))  # expect: [2 0 3 1] [1 3 0] [0.05 0.1  0.35 0.5 ]
m = np.array([[3, 1, 2], [1, 1, 0]])
print(np.argsort(m).tolist(), np.argsort(m, axis=0).tolist(), np.sort(m, axis=None))  # expect: [[1, 2, 0], [2, 0, 1]] [[1, 0, 1], [0, 1, 0]] [0 1 1 1 2 3]
print(np.argsort([2.0, np.nan, 1.0, 2.0]), np.sort(np.array([np.nan, 1.0, -np.inf])), np.argsort(np.array([], dtype=np.float32)))  # expect: [2 0 3 1] [-inf   1.  nan] []
# %%
np.argsort(p, kind='bogo')
# expect error: ValueError: sort kind must be one of 'quick', 'heap', or 'stable' (got 'bogo')
# %%
np.sort(p, axis=1)
# expect error: ValueError: axis 1 is out of bounds for array of dimension 1
