for i in range(3):
    print(i)
# expect: 0
# expect: 1
# expect: 2
total = 0
i = 0
while i < 10:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
print(total)  # expect: 16
for x in [1, 2]:
    pass
else:
    print("for-else")  # expect: for-else
while False:
    pass
else:
    print("while-else")  # expect: while-else
for x in range(5):
    if x == 2:
        break
else:
    print("not printed")
n = 15
if n % 15 == 0:
    print("FizzBuzz")  # expect: FizzBuzz
elif n % 3 == 0:
    print("Fizz")
else:
    print(n)
for i, (a, b) in enumerate([(1, 2), (3, 4)]):
    print(i, a + b)
# expect: 0 3
# expect: 1 7
print(list(range(2, 10, 3)), list(range(5, 0, -2)), range(3))  # expect: [2, 5, 8] [5, 3, 1] range(0, 3)
print(len(range(0, 10, 3)), range(10)[-1], range(10)[2:5])  # expect: 4 9 range(2, 5)
print("yes" if 3 > 2 else "no")  # expect: yes
print(0 or "default", 1 and 2, not 0, None or [] or 5)  # expect: default 2 True 5
# %%
for i in range(2): print(i); print("x")
# expect: 0
# expect: x
# expect: 1
# expect: x
# %%
assert 1 == 1
assert 1 == 2, "math is broken"
# expect error: AssertionError: math is broken
# %%
x = 5
del x
x
# expect error: NameError: name 'x' is not defined
