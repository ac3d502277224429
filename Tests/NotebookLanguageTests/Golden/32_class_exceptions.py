class ShapeError(ValueError):
    pass

try:
    raise ShapeError("expected (batch, features)")
except ValueError as e:
    print(type(e).__name__, "|", e, "|", repr(e), "|", e.args)  # expect: ShapeError | expected (batch, features) | ShapeError('expected (batch, features)') | ('expected (batch, features)',)
print(issubclass(ShapeError, Exception), isinstance(ShapeError("x"), ValueError), ShapeError)  # expect: True True <class '__main__.ShapeError'>
raise ShapeError("bad shape")
# expect error: ShapeError: bad shape
# %%
raise ShapeError
# expect error: ShapeError
# %%
class TrainingError(Exception):
    """Raised when a fit goes wrong."""
    def __init__(self, message, epoch):
        super().__init__(message)
        self.epoch = epoch
    def __str__(self):
        return f"epoch {self.epoch}: {self.args[0]}"

try:
    raise TrainingError("loss is nan", 3)
except TrainingError as err:
    print(err.epoch, err, err.args, repr(err))  # expect: 3 epoch 3: loss is nan ('loss is nan',) TrainingError('loss is nan')
raise TrainingError("diverged", 7)
# expect error: TrainingError: epoch 7: diverged
# %%
class NoSuper(Exception):
    def __init__(self, a, b):
        self.total = a + b
e = NoSuper(1, 2)
print(e.args, e.total, str(e))  # expect: (1, 2) 3 (1, 2)
# %%
class Base(Exception):
    pass
class Middle(Base):
    pass
class Leaf(Middle):
    pass
for cls in [Leaf, Middle, Base, KeyError]:
    try:
        raise cls("m")
    except Middle as e:
        print("middle caught", type(e).__name__)
    except Base as e:
        print("base caught", type(e).__name__)
    except Exception as e:
        print("other", type(e).__name__)
# expect: middle caught Leaf
# expect: middle caught Middle
# expect: base caught Base
# expect: other KeyError
try:
    raise Leaf("x")
except (KeyError, Leaf) as e:
    print("tuple caught", e)  # expect: tuple caught x
# %%
class Retry(Exception):
    def __init__(self, attempts=3):
        super().__init__(f"gave up after {attempts}")
        self.attempts = attempts
def fetch():
    raise Retry
try:
    fetch()
except Retry as r:
    print(r, r.attempts)  # expect: gave up after 3 3
try:
    raise Retry(attempts=5)
except Exception as r:
    print(r.attempts, r.args)  # expect: 5 ('gave up after 5',)
# %%
class Plain:
    pass
try:
    raise Plain()
except Exception as e:
    print(type(e).__name__, e)  # expect: TypeError exceptions must derive from BaseException
try:
    pass
except Plain:
    pass
print("no exception, handler types are not checked")  # expect: no exception, handler types are not checked
try:
    1 / 0
except Plain:
    pass
# expect error: TypeError: catching classes that do not inherit from BaseException is not allowed
# %%
e = ValueError("tag me")
e.note = "added"
print(e.note, getattr(e, "missing", "none"))  # expect: added none
e.missing
# expect error: AttributeError: 'ValueError' object has no attribute 'missing'
