try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)  # expect: caught division by zero
try:
    {}["k"]
except (ValueError, KeyError) as e:
    print(type(e).__name__, e)  # expect: KeyError 'k'
try:
    int("x")
except Exception as e:
    print(repr(e))  # expect: ValueError("invalid literal for int() with base 10: 'x'")
try:
    raise ValueError("bad", 2)
except ValueError as e:
    print(e.args, e)  # expect: ('bad', 2) ('bad', 2)
def risky(n):
    try:
        if n == 0:
            raise RuntimeError("zero")
        return "ok"
    except RuntimeError:
        return "handled"
    finally:
        print("finally", n)
print(risky(0))
# expect: finally 0
# expect: handled
print(risky(1))
# expect: finally 1
# expect: ok
try:
    pass
except Exception:
    print("no")
else:
    print("else ran")  # expect: else ran
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise
except LookupError as e:
    print("outer got", repr(e))  # expect: outer got KeyError('inner')
try:
    [][0]
except:
    print("bare except")  # expect: bare except
print(issubclass(KeyboardInterrupt, Exception), issubclass(ZeroDivisionError, ArithmeticError))  # expect: False True
print(isinstance(ValueError("x"), Exception))  # expect: True
e = TypeError("boom")
print(str(e), repr(e), e.args)  # expect: boom TypeError('boom') ('boom',)
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("fin", i)
# expect: body 0
# expect: fin 0
# expect: fin 1
# expect: body 2
# expect: fin 2
# %%
raise ValueError("custom message")
# expect error: ValueError: custom message
# %%
raise NotImplementedError
# expect error: NotImplementedError
# %%
before = 1
undefined_name
after = 2
# expect error: NameError: name 'undefined_name' is not defined
# %%
print(before)  # expect: 1
print("after" in dir())  # expect: False
# %%
try:
    raise KeyboardInterrupt
except Exception:
    print("should not catch")
# expect error: KeyboardInterrupt
# %%
raise
# expect error: RuntimeError: No active exception to reraise
