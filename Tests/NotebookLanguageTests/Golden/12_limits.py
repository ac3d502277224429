big = 9223372036854775807
try:
    big + 1
except OverflowError as e:
    print("overflow")  # expect: overflow
print(-big - 1)  # expect: -9223372036854775808
print(2 ** 62)  # expect: 4611686018427387904
# %%
2 ** 100
# expect error: OverflowError: integer overflow: 2 ** 100 does not fit in 64 bits
# %%
(-9223372036854775807 - 1) // -1
# expect error: OverflowError: integer overflow: -9223372036854775808 // -1 does not fit in 64 bits
# %%
'a' * 10**12
# expect error: MemoryError: cannot create a string of 1000000000000 characters (limit 200000000)
# %%
[0] * 10**12
# expect error: MemoryError: cannot create a sequence of 1000000000000 elements (limit 20000000)
# %%
list(range(10**18))
# expect error: MemoryError: cannot create a sequence of 1000000000000000000 elements (limit 20000000)
# %%
int(float("inf"))
# expect error: OverflowError: cannot convert float infinity to integer
# %%
int(1e30)
# expect error: OverflowError: int too large: 1e+30 does not fit in 64 bits
# %%
x = []
for i in range(100000):
    x = [x]
print(len(x))  # expect: 1
x
# expect error: RecursionError: maximum recursion depth exceeded while getting the repr of an object
# %%
((((((((((((((((((((1))))))))))))))))))))
# expect value: 1
# %%
math_factorial = 1
for i in range(1, 30):
    math_factorial *= i
# expect error: OverflowError: integer overflow: 2432902008176640000 * 21 does not fit in 64 bits
