# open(): text files in UTF-8 (read, readline, readlines, iteration, write, append, with), Python's errors.
import random
base = "/tmp/swift_rnn_golden_text_" + str(random.randrange(10**12))
with open(base + ".txt", "w") as f:
    print(f.write("Twinkle, twinkle,\nlittle star\n"), f.writable(), f.readable(), f.closed)
# expect: 30 True False False
# %%
print(f.closed, repr(f).replace(base, "BASE"))  # expect: True <_io.TextIOWrapper name='BASE.txt' mode='w' encoding='UTF-8'>
f = open(base + ".txt", "a", encoding="utf-8")
f.writelines(["How I wonder\n", "what you are — ✨\n"])
f.close()
text = open(base + ".txt").read()
print(len(text), text.count("\n"), text.split("\n")[3])  # expect: 60 4 what you are — ✨
# %%
f = open(base + ".txt")
print(repr(f.read(7)), repr(f.readline()), repr(f.readline(6)), f.readlines())
# expect: 'Twinkle' ', twinkle,\n' 'little' [' star\n', 'How I wonder\n', 'what you are — ✨\n']
print(repr(f.read()), repr(f.readline()))  # expect: '' ''
# %%
with open(base + ".txt", encoding="UTF8") as f:
    lines = [line.rstrip("\n") for line in f]
print(lines)  # expect: ['Twinkle, twinkle,', 'little star', 'How I wonder', 'what you are — ✨']
# %%
with open(base + "_crlf.txt", "w", newline="\r\n") as f:
    f.write("a\nb\n")
print(repr(open(base + "_crlf.txt").read()), repr(open(base + "_crlf.txt", newline="").read()))  # expect: 'a\nb\n' 'a\r\nb\r\n'
# %%
f.read()
# expect error: ValueError: I/O operation on closed file.
# %%
open(base + "_crlf.txt").write("x")
# expect error: UnsupportedOperation: not writable
# %%
try:
    open(base + ".txt", "x")
except FileExistsError as e:
    print(str(e).replace(base, "BASE"))  # expect: [Errno 17] File exists: 'BASE.txt'
# %%
open("/nonexistent-swift-rnn/corpus.txt")
# expect error: FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent-swift-rnn/corpus.txt'
# %%
open("/tmp").read()
# expect error: IsADirectoryError: [Errno 21] Is a directory: '/tmp'
# %%
open(base + ".txt", "rb")
# expect error: NotImplementedError: open(): binary mode 'rb' needs bytes, which this language does not have; open the file in text mode
# %%
open(base + ".txt", "rw")
# expect error: ValueError: must have exactly one of create/read/write/append mode
# %%
open(base + ".txt", "q")
# expect error: ValueError: invalid mode: 'q'
# %%
open(base + ".txt", encoding="latin-1")
# expect error: NotImplementedError: open(): only the UTF-8 encoding is supported in this kernel, not 'latin-1'
# %%
open(3)
# expect error: TypeError: expected str, bytes or os.PathLike object, not int
# %%
try:
    open("/nonexistent-swift-rnn/x")
except OSError as e:
    print(type(e).__name__)  # expect: FileNotFoundError
# %%
# Scalars from arrays answer .numpy() and .item(), as 0-d TF tensors and NumPy scalars do.
import numpy as np
import tensorflow as tf
ids = tf.random.categorical(np.log(np.array([[0.0, 1.0]]) + 1e-9), num_samples=1)
print(ids[-1, 0].numpy(), ids[-1, 0].item(), tf.reduce_sum(np.ones(3)).numpy(), (2.5).item(), True.numpy())
# expect: 1 1 3.0 2.5 True
