import math
print(math.sqrt(16), math.pi, math.floor(2.7), math.ceil(2.1), math.floor(-2.5))  # expect: 4.0 3.141592653589793 2 3 -3
print(math.exp(0), math.log(math.e), math.log(8, 2), math.log10(1000), math.tanh(0))  # expect: 1.0 1.0 3.0 3.0 0.0
print(math.inf, math.isnan(math.nan), math.factorial(5), math.gcd(12, 18), math.hypot(3, 4))  # expect: inf True 120 6 5.0
import math as m
from math import sqrt, pi as PI
print(m.sqrt(2) == sqrt(2), round(PI, 2))  # expect: True 3.14
import random
random.seed(42)
print(random.random())  # expect: 0.6394267984578837
print(random.randint(1, 10), random.choice(["a", "b", "c"]))  # expect: 1 c
random.seed(0)
items = list(range(10))
random.shuffle(items)
print(items)  # expect: [7, 8, 1, 5, 3, 4, 2, 0, 9, 6]
random.seed(1)
u = random.uniform(5, 6)
print(5 <= u <= 6)  # expect: True
import time
t0 = time.time()
time.sleep(0.01)
print(time.time() - t0 >= 0.005)  # expect: True
import sys
print(sys.maxsize)  # expect: 9223372036854775807
print("to stderr", file=sys.stderr)
print(type(math))  # expect: <class 'module'>
# %%
import nosuchmodule
# expect error: ModuleNotFoundError: No module named 'nosuchmodule'
# %%
math.sqr(4)
# expect error: AttributeError: module 'math' has no attribute 'sqr'. Did you mean: 'sqrt'?
# %%
from math import nothing_here
# expect error: ImportError: cannot import name 'nothing_here' from 'math'
# %%
math.sqrt(-1)
# expect error: ValueError: math domain error
