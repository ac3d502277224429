print(1 + 2 * 3)  # expect: 7
print(2 ** 3 ** 2)  # expect: 512
print(-2 ** 2)  # expect: -4
print(7 // 2, -7 // 2, 7 // -2)  # expect: 3 -4 -4
print(7 % 3, -7 % 3, 7 % -3)  # expect: 1 2 -2
print(7 / 2, 1 / 3)  # expect: 3.5 0.3333333333333333
print(2 ** -1)  # expect: 0.5
print(10 - 3 - 2)  # expect: 5
print(1 < 2 < 3, 1 < 3 < 2)  # expect: True False
print(True + True)  # expect: 2
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 4, 256 >> 2)  # expect: 1 7 6 -6 16 64
print(divmod(17, 5), divmod(-17, 5))  # expect: (3, 2) (-4, 3)
print(abs(-4), abs(-2.5))  # expect: 4 2.5
print(pow(2, 10), pow(3, 4, 5))  # expect: 1024 1
x = 10
x += 5
x *= 2
x -= 1
x //= 4
x **= 2
x %= 10
print(x)  # expect: 9
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)  # expect: 3.0 -4.0 1.5 0.5
print(0.1 + 0.2)  # expect: 0.30000000000000004
print(1e-3, 1e-5, 1e16, 1e15, 123456789.0)  # expect: 0.001 1e-05 1e+16 1000000000000000.0 123456789.0
print(float('inf'), -float('inf'), float('nan'))  # expect: inf -inf nan
print(3 * 1.0, 2.5e-7, 1.5e300 * 1.0)  # expect: 3.0 2.5e-07 1.5e+300
print(round(2.5), round(3.5), round(-0.5), round(2.675, 2), round(1234, -2))  # expect: 2 4 0 2.67 1200
print(int("42"), int("-0x1f", 16), int("ff", 16), int(3.99), int(-3.99), int("1_000"))  # expect: 42 -31 255 3 -3 1000
print(float("1.5"), float("  -2 "), float(3))  # expect: 1.5 -2.0 3.0
print(9223372036854775807)  # expect: 9223372036854775807
# %%
2 ** 10
# expect value: 1024
# %%
1 / 0
# expect error: ZeroDivisionError: division by zero
# %%
5 % 0
# expect error: ZeroDivisionError: integer modulo by zero
# %%
1.0 / 0
# expect error: ZeroDivisionError: float division by zero
