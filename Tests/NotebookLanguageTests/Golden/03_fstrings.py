x = 3.14159
n = 42
name = "Ada"
print(f"{x:.3f}")  # expect: 3.142
print(f"{n:5d}|{n:<5}|{n:^7}|{n:05}")  # expect:    42|42   |  42   |00042
print(f"{name!r} {name}")  # expect: 'Ada' Ada
print(f"{1e-3:e} {12345.678:,.2f} {0.256:.1%} {1234567:,}")  # expect: 1.000000e-03 12,345.68 25.6% 1,234,567
print(f"{n + 1} {n * 2 = }" if False else f"{n + 1}")  # expect: 43
print(f"{{literal}} {[1, 2][0]} {'nested'}")  # expect: {literal} 1 nested
print(f"{x:10.2f}|{x:<10.2f}|{-x:+.1f}")  # expect:       3.14|3.14      |-3.1
width = 8
print(f"{name:>{width}}|")  # expect:      Ada|
print(f"{255:x} {255:#x} {5:b} {8:o}")  # expect: ff 0xff 101 10
print(f"{3.0}", f"{2.5:g}", f"{1e20:g}")  # expect: 3.0 2.5 1e+20
print(f"{'a':*^5}")  # expect: **a**
print(f"{x:.2}", f"{100.0:.3}")  # expect: 3.1 1e+02
print(f"{True} {None}")  # expect: True None
d = {"k": 1}
print(f"{d['k']}")  # expect: 1
print(f"""multi {n}
line""")
# expect: multi 42
# expect: line
