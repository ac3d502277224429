s = "Hello, World"
print(s.lower(), s.upper())  # expect: hello, world HELLO, WORLD
print(s.split(", "))  # expect: ['Hello', 'World']
print("  a  b   c ".split())  # expect: ['a', 'b', 'c']
print("a,b,c,d".split(",", 2))  # expect: ['a', 'b', 'c,d']
print("-".join(["x", "y", "z"]))  # expect: x-y-z
print("  pad  ".strip(), "xxhixx".strip("x"), "  l".lstrip(), "r  ".rstrip() + "|")  # expect: pad hi l r|
print(s.replace("l", "L"), s.replace("l", "L", 1))  # expect: HeLLo, WorLd HeLlo, World
print(s.startswith("Hell"), s.endswith(("x", "ld")), s.find("o"), s.find("z"), s.index("W"))  # expect: True True 4 -1 7
print(s.count("l"), len(s))  # expect: 3 12
print("123".isdigit(), "abc".isalpha(), "a1".isalpha())  # expect: True True False
print("hello world".title(), "hELLO".capitalize())  # expect: Hello World Hello
print("42".zfill(5), "-42".zfill(5))  # expect: 00042 -0042
print("[" + "ab".center(6) + "]", "[" + "ab".ljust(5, "*") + "]", "[" + "ab".rjust(5) + "]")  # expect: [  ab  ] [ab***] [   ab]
print(s[0], s[-1], s[1:4], s[::-1], s[::2])  # expect: H d ell dlroW ,olleH Hlo ol
print("ab" * 3, "x" + "y")  # expect: ababab xy
print(repr("it's"), repr('say "hi"'), repr("a\nb"), repr('\\'))  # expect: "it's" 'say "hi"' 'a\nb' '\\'
print("a" in "abc", "z" not in "abc")  # expect: True True
print(str(1.0), str([1, "a"]), str(None), str(True))  # expect: 1.0 [1, 'a'] None True
print("{} and {}".format(1, 2), "{1}{0}".format("a", "b"), "{name}!".format(name="Bob"))  # expect: 1 and 2 ba Bob!
print("{:>6.2f}|{:<4}|{:^5}|".format(3.14159, "ab", "c"))  # expect:   3.14|ab  |  c  |
print("%d items cost %.2f (%s)" % (3, 9.5, "ok"))  # expect: 3 items cost 9.50 (ok)
print('''triple
quoted''')
# expect: triple
# expect: quoted
print(r"raw\n", len(r"\n"))  # expect: raw\n 2
print("tab\there", "\x41\u00e9")  # expect: tab	here Aé
print("a" "b" 'c')  # expect: abc
print(ord("A"), chr(97), "é".upper())  # expect: 65 a É
print(sorted("banana"), list("abc"))  # expect: ['a', 'a', 'a', 'b', 'n', 'n'] ['a', 'b', 'c']
print("x=%5.1f|%-4d|%04d|%x" % (2.25, 7, 42, 255))  # expect: x=  2.2|7   |0042|ff
# %%
"abc" + 1
# expect error: TypeError: can only concatenate str (not "int") to str
# %%
"abc"[5]
# expect error: IndexError: string index out of range
# %%
"abc".nosuch()
# expect error: AttributeError: 'str' object has no attribute 'nosuch'
# %%
'multi\
line'
# expect value: 'multiline'
