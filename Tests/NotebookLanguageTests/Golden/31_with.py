class Manager:
    def __init__(self, name, suppress=False, value=None):
        self.name = name
        self.suppress = suppress
        self.value = value
    def __enter__(self):
        print("enter", self.name)
        return self if self.value is None else self.value
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, repr(exc), tb)
        return self.suppress

with Manager("a") as m:
    print("body", m.name)
# expect: enter a
# expect: body a
# expect: exit a None None None
with Manager("b"):
    print("no as")
# expect: enter b
# expect: no as
# expect: exit b None None None
# %%
with Manager("outer") as o, Manager("inner", value=42) as i:
    print("body", o.name, i)
# expect: enter outer
# expect: enter inner
# expect: body outer 42
# expect: exit inner None None None
# expect: exit outer None None None
with (Manager("p1") as p, Manager("p2", value=(1, 2)) as (x, y)):
    print("parenthesized", p.name, x + y)
# expect: enter p1
# expect: enter p2
# expect: parenthesized p1 3
# expect: exit p2 None None None
# expect: exit p1 None None None
# %%
with Manager("quiet", suppress=True):
    1 / 0
    print("not reached")
print("after suppressed")
# expect: enter quiet
# expect: exit quiet ZeroDivisionError ZeroDivisionError('division by zero') None
# expect: after suppressed
# %%
with Manager("loud"):
    raise KeyError("k")
# expect: enter loud
# expect: exit loud KeyError KeyError('k') None
# expect error: KeyError: 'k'
# %%
try:
    with Manager("one"), Manager("two", suppress=True), Manager("three"):
        raise ValueError("v")
    print("two swallowed it")
except ValueError:
    print("never")
# expect: enter one
# expect: enter two
# expect: enter three
# expect: exit three ValueError ValueError('v') None
# expect: exit two ValueError ValueError('v') None
# expect: exit one None None None
# expect: two swallowed it
# %%
def first_even(items):
    for n in items:
        with Manager(f"n={n}"):
            if n % 2 == 0:
                return n
            continue
    return None
print(first_even([1, 4, 5]))
# expect: enter n=1
# expect: exit n=1 None None None
# expect: enter n=4
# expect: exit n=4 None None None
# expect: 4
for k in range(3):
    with Manager(k):
        break
print("broke at", k)
# expect: enter 0
# expect: exit 0 None None None
# expect: broke at 0
# %%
class Holder:
    pass
h = Holder()
store = {}
with Manager("attr", value="A") as h.attr, Manager("item", value="I") as store["key"]:
    pass
print(h.attr, store)
# expect: enter attr
# expect: enter item
# expect: exit item None None None
# expect: exit attr None None None
# expect: A {'key': 'I'}
# %%
class Replacer:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        raise RuntimeError("from exit")
try:
    with Replacer():
        raise ValueError("original")
except Exception as e:
    print(type(e).__name__, e)
# expect: RuntimeError from exit
class Reraiser:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        print("cleaning up after", t.__name__)
        raise
try:
    with Reraiser():
        [][1]
except IndexError as e:
    print("still", e)
# expect: cleaning up after IndexError
# expect: still list index out of range
# %%
class FailingEnter:
    def __enter__(self):
        raise OSError("cannot open")
    def __exit__(self, *a):
        print("exit must not run")
try:
    with Manager("before"), FailingEnter():
        print("body must not run")
except OSError as e:
    print("caught", e)
# expect: enter before
# expect: exit before OSError OSError('cannot open') None
# expect: caught cannot open
# %%
class Timer:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append("start")
        return self
    def __exit__(self, *exc):
        self.log.append("stop")
        return False
t = Timer()
with t as same:
    print(same is t)  # expect: True
print(t.log)  # expect: ['start', 'stop']
with t:
    pass
print(len(t.log))  # expect: 4
# %%
with 3:
    pass
# expect error: TypeError: 'int' object does not support the context manager protocol
# %%
class OnlyEnter:
    def __enter__(self):
        return self
with OnlyEnter():
    pass
# expect error: TypeError: 'OnlyEnter' object does not support the context manager protocol (missed __exit__ method)
# %%
with Manager("x") as 1:
    pass
# expect error: SyntaxError: cannot assign to literal
