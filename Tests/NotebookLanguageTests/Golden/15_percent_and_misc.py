print("%s is %d years" % ("Tom", 30))  # expect: Tom is 30 years
print("%5.2f%%" % 12.345)  # expect: 12.35%
print("%r" % "q")  # expect: 'q'
print("%(a)s-%(b)s" % {"a": 1, "b": 2})  # expect: 1-2
a = [1, 2, 3, 4, 5]
print(a[-1], a[-2:], a[1:-1], a[::2], a[5:], a[-100:100])  # expect: 5 [4, 5] [2, 3, 4] [1, 3, 5] [] [1, 2, 3, 4, 5]
print(a[slice(1, 3)], a[::-2])  # expect: [2, 3] [5, 3, 1]
print(None is None, 1 is not None, [] is [])  # expect: True True False
print(1 == 1.0, 0.1 + 0.2 == 0.3, "a" < "b", (1, 2) < (1, 3))  # expect: True False True True
i = 0
while True:
    i += 1
    if i >= 3:
        break
print(i)  # expect: 3
print(*[1, 2, 3], sep=", ", end="!\n")  # expect: 1, 2, 3!
print()  # expect:
print("a", "b", sep="")  # expect: ab
x = 1 if True else \
    2
print(x)  # expect: 1
val = (1 +
       2)
print(val)  # expect: 3
print(type(range(3)).__name__, type(print).__name__)  # expect: range builtin_function_or_method
print(3 * "ab", [1] * 0, -1 * [2])  # expect: ababab [] []
print(10 ** -2, 2 ** 0.5 ** 2)  # expect: 0.01 1.189207115002721
