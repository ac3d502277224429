# np.save / np.load / np.savez: round trips through files (random names under /tmp, never printed).
import numpy as np
import random
base = "/tmp/swift_rnn_golden_npio_" + str(random.randrange(10**12))
a = np.arange(6, dtype=np.float32).reshape(2, 3) / 4
np.save(base + "_a", a)
b = np.load(base + "_a.npy")
print(repr(b))
# expect: array([[0.  , 0.25, 0.5 ],
# expect:        [0.75, 1.  , 1.25]], dtype=float32)
print((b == a).tolist(), b.dtype, b.shape)  # expect: [[True, True, True], [True, True, True]] float32 (2, 3)
# %%
np.save(base + "_i.npy", [[1, -2], [3, 4]])
print(repr(np.load(base + "_i.npy")))
# expect: array([[ 1, -2],
# expect:        [ 3,  4]])
# %%
np.save(base + "_s", 2.5)
np.save(base + "_m", np.array([True, False]))
print(repr(np.load(base + "_s.npy")), np.load(base + "_m.npy"))  # expect: array(2.5, dtype=float32) [ True False]
# %%
np.savez(base + "_z", a, np.arange(3), weights=np.ones((2, 2)), bias=np.zeros(2))
f = np.load(base + "_z.npz")
print(f.files)  # expect: ['weights', 'bias', 'arr_0', 'arr_1']
print(len(f), "bias" in f, "nope" in f, list(f))  # expect: 4 True False ['weights', 'bias', 'arr_0', 'arr_1']
print(f["arr_1"], f["weights.npy"].shape, f.get("nope"), f.get("bias"))  # expect: [0 1 2] (2, 2) None [0. 0.]
print([k for k, v in f.items()], [v.shape for v in f.values()], f.keys())  # expect: ['weights', 'bias', 'arr_0', 'arr_1'] [(2, 2), (2,), (2, 3), (3,)] ['weights', 'bias', 'arr_0', 'arr_1']
print(str(f).split(" with keys: ")[1])  # expect: weights, bias, arr_0, arr_1
type(f).__name__
# expect value: 'NpzFile'
# %%
f["missing"]
# expect error: KeyError: 'missing is not a file in the archive'
# %%
f.close()
f["bias"]
# expect error: ValueError: I/O operation on closed file.
# %%
print(f.files)  # expect: ['weights', 'bias', 'arr_0', 'arr_1']
np.savez(base + "_many", *[np.full(1, i) for i in range(7)])
print(repr(np.load(base + "_many.npz")).split(" with keys: ")[1])  # expect: arr_0, arr_1, arr_2, arr_3, arr_4...
# %%
np.savez(base + "_bad", np.ones(2), arr_0=np.zeros(2))
# expect error: ValueError: Cannot use un-named variables and keyword arr_0
# %%
np.savez()
# expect error: TypeError: savez() missing 1 required positional argument: 'file'
# %%
np.load("/nonexistent-swift-rnn/weights.npy")
# expect error: FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-swift-rnn/weights.npy'
# %%
np.save("/nonexistent-swift-rnn/weights", np.ones(2))
# expect error: FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-swift-rnn/weights.npy'
# %%
np.load("/tmp")
# expect error: IsADirectoryError: [Errno 21] Is a directory: '/tmp'
# %%
try:
    np.load("/nonexistent-swift-rnn/x.npz")
except OSError as e:
    print("OSError caught:", type(e).__name__)  # expect: OSError caught: FileNotFoundError
# %%
np.load(3)
# expect error: TypeError: expected str, bytes or os.PathLike object, not int
# %%
np.savez_compressed(base + "_c", a=a)
# expect error: NotImplementedError: np.savez_compressed is not supported: the Swift RNN runtime writes .npz members without deflate compression; use np.savez (same arrays, same np.load)
