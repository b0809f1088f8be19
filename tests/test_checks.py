"""The assertion helpers in autograder.checks, asked the questions a course author would ask.

Does a correct answer pass in every reasonable form? Does a wrong one fail with one short sentence
that names the mistake? Does a failure message ever leak the hidden expected value?
"""

from __future__ import annotations

import fractions
import types

import numpy as np
import pytest
import sympy

from autograder.checks import (
    as_array,
    assert_close,
    assert_exact,
    assert_orthonormal_columns,
    assert_same_direction,
    assert_same_span,
    assert_scalar_close,
    assert_shape,
    assert_sympy_equal,
    forbid,
)

x, y, t = sympy.symbols("x y t")
n_int = sympy.Symbol("n", integer=True)
p_pos = sympy.Symbol("p", positive=True)
r_real = sympy.Symbol("r", real=True)

A = np.array([[1.0, 2.0], [3.0, 4.0]])
V = np.array([1.0, 2.0, 3.0])
PLANE = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])  # span{(1, 1, 0), (0, 1, 1)}


def failure(call, *args, **kwargs) -> str:
    """The message of the AssertionError that ``call`` raises (the test fails if it raises none)."""
    with pytest.raises(AssertionError) as info:
        call(*args, **kwargs)
    return str(info.value)


def passes_in_every_form(check, forms: dict) -> None:
    """Run ``check`` on every form of a correct answer, naming the form that was wrongly rejected."""
    for form, answer in forms.items():
        try:
            check(answer)
        except AssertionError as error:
            pytest.fail(f"the correct answer given as {form} was rejected: {error}")


# --------------------------------------------------------------------------- input every helper must reject


@pytest.mark.parametrize("check", [
    pytest.param(lambda a: assert_close(a, V), id="assert_close"),
    pytest.param(lambda a: assert_scalar_close(a, 2.0), id="assert_scalar_close"),
    pytest.param(lambda a: assert_same_direction(a, V), id="assert_same_direction"),
    pytest.param(lambda a: assert_orthonormal_columns(a), id="assert_orthonormal_columns"),
    pytest.param(lambda a: assert_same_span(a, PLANE), id="assert_same_span"),
])
def test_do_none_and_a_string_get_the_forgot_a_return_and_string_hints(check):
    message = failure(check, None)
    assert "is None" in message and "forget a return" in message
    assert "is a string" in failure(check, "[1, 2, 3]")


def test_does_as_array_hand_back_a_plain_float_copy():
    original = [[1, 2], [3, 4]]
    arr = as_array(original)
    assert type(arr) is np.ndarray and arr.dtype == np.float64
    arr[0, 0] = 99
    assert original[0][0] == 1


def test_is_a_scalar_kept_0_d_so_assert_shape_accepts_it():
    assert as_array(np.float64(2.0)).shape == ()
    assert_shape(2.0, ())
    with pytest.raises(AssertionError, match=r"shape \(1,\) but shape \(\) is expected"):
        assert_shape([2.0], ())


# --------------------------------------------------------------------------- assert_close


def test_does_a_correct_matrix_pass_in_every_form():
    passes_in_every_form(lambda a: assert_close(a, A), {
        "a list of ints": [[1, 2], [3, 4]],
        "a tuple": ((1.0, 2.0), (3.0, 4.0)),
        "an int64 array": A.astype(np.int64),
        "a float32 array": A.astype(np.float32),
        "a complex array with zero imaginary part": A + 0j,
        "a SymPy Matrix": sympy.Matrix([[1, 2], [3, 4]]),
        "an array with round-off": A + 1e-12,
        "a Fortran-ordered array": np.asfortranarray(A),
    })


@pytest.mark.parametrize("answer, expected, pattern", [
    pytest.param(A.T, A, r"is the transpose of the expected matrix\.", id="square-transpose"),
    pytest.param(np.ones((3, 2)), np.ones((2, 3)), r"shape \(3, 2\) but \(2, 3\) .*is it transposed\?",
                 id="shape-transpose"),
    pytest.param(V[:, None], V, r"shape \(3, 1\) but a 1-D array of shape \(3,\).*\.ravel\(\)", id="column-for-1d"),
    pytest.param(V, V[:, None], r"shape \(3,\) but a 2-D column vector of shape \(3, 1\)", id="1d-for-column"),
    pytest.param(np.ones(4), V, r"shape \(4,\) but shape \(3,\) is expected\.", id="other-shape"),
    pytest.param(-A, A, r"wrong sign: it is the negative", id="sign-flip"),
    pytest.param(2.5 * V, V, r"off by a constant factor", id="scaled"),
    pytest.param([1.0, np.nan, 3.0], V, r"contains NaN", id="nan"),
    pytest.param([1.0, np.inf, 3.0], V, r"contains an infinite value", id="inf"),
    pytest.param(np.array([1 + 5j, 2, 3]), V, r"complex entries, but a real answer", id="complex"),
    pytest.param([[1.0, 2.0], [3.5, 4.0]], A, r"1 of 4 entries .*index \(1, 0\)", id="one-entry-off"),
    pytest.param([1.0, 2.0, 3.0 + 1e-5], V, r"1 of 3 entries .*index 2\b", id="just-outside-tolerance"),
])
def test_does_a_wrong_answer_get_the_right_diagnosis(answer, expected, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_close(answer, expected)


def test_is_every_assert_close_message_one_short_line():
    for answer in (A.T, -A, 3 * A, np.zeros((2, 2)), np.ones(3), [[np.nan, 1], [2, 3]], None, "A"):
        message = failure(assert_close, answer, A)
        assert "\n" not in message and len(message) < 160, message


def test_does_the_message_use_the_name_and_append_the_hint():
    message = failure(assert_close, -A, A, name="rotate(A)", hint="check the angle.")
    assert message.startswith("rotate(A) has the wrong sign")
    assert message.endswith("Hint: check the angle.")


# --------------------------------------------------------------------------- answers that lie about equality


class AlwaysEqual(np.ndarray):
    """A cheating answer: every comparison, ufunc and NumPy function claims success."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __array_function__(self, func, types, args, kwargs):
        return True

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return True


def cheat(values) -> AlwaysEqual:
    return np.asarray(values, dtype=float).view(AlwaysEqual)


def test_does_the_cheating_subclass_really_fool_a_naive_comparison():
    fake = cheat([0.0, 0.0, 0.0])
    assert np.allclose(fake, V) and fake == V and np.all(np.isclose(fake, V))


@pytest.mark.parametrize("check, values", [
    pytest.param(lambda a: assert_close(a, V), [0.0, 0.0, 0.0], id="assert_close"),
    pytest.param(lambda a: assert_close(a, A), [[0.0, 0.0], [0.0, 0.0]], id="assert_close-matrix"),
    pytest.param(lambda a: assert_scalar_close(a, 7.0), [0.0], id="assert_scalar_close"),
    pytest.param(lambda a: assert_same_direction(a, V), [1.0, 0.0, 0.0], id="assert_same_direction"),
    pytest.param(lambda a: assert_orthonormal_columns(a), [[2.0, 0.0], [0.0, 1.0]], id="assert_orthonormal_columns"),
])
def test_does_an_always_equal_subclass_fail_against_a_different_value(check, values):
    with pytest.raises(AssertionError):
        check(cheat(values))


def test_does_a_subclass_holding_the_right_values_still_pass():
    assert_close(cheat(V), V)


# --------------------------------------------------------------------------- assert_scalar_close


def test_does_a_correct_scalar_pass_in_every_form():
    passes_in_every_form(lambda a: assert_scalar_close(a, 2.0), {
        "an int": 2,
        "a float": 2.0,
        "an np.float64": np.float64(2.0),
        "an np.int32": np.int32(2),
        "a (1,)-array": np.array([2.0]),
        "a (1, 1)-array": np.array([[2.0]]),
        "a one-element list": [2],
        "a SymPy Integer": sympy.Integer(2),
        "a float with round-off": 2.0 + 1e-12,
    })


@pytest.mark.parametrize("answer, pattern", [
    pytest.param([2.0, 2.0], r"should be a single number, but it has shape \(2,\)\.", id="array"),
    pytest.param(-2.0, r"wrong sign", id="sign-flip"),
    pytest.param(4.0, r"^your answer is not the expected value\.$", id="wrong-value"),
    pytest.param(np.nan, r"NaN", id="nan"),
    pytest.param(sympy.sqrt(x), r"symbolic SymPy expression; a numeric answer", id="symbolic"),
])
def test_does_a_wrong_scalar_get_the_right_diagnosis(answer, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_scalar_close(answer, 2.0)


# --------------------------------------------------------------------------- assert_same_direction


def test_does_any_nonzero_multiple_point_the_same_way():
    passes_in_every_form(lambda a: assert_same_direction(a, V), {
        "a multiple": 3 * V,
        "the unit vector": V / np.linalg.norm(V),
        "a negative multiple": -0.5 * V,
        "an int list": [2, 4, 6],
        "a column vector": (7 * V)[:, None],
    })
    assert_same_direction(0.1 * V, V, signed=True)


@pytest.mark.parametrize("answer, expected, kwargs, pattern", [
    pytest.param(-V, V, {"signed": True}, r"opposite direction \(its sign is flipped\)", id="signed-flip"),
    pytest.param([3.0, 0.0, -1.0], V, {}, r"does not point along the expected direction", id="perpendicular"),
    pytest.param([1.0, 2.0, 3.001], V, {}, r"does not point along", id="slightly-off"),
    pytest.param([0.333, 0.667], [1.0, 2.0], {}, r"does not point along", id="rounded-by-hand"),
    pytest.param(np.zeros(3), V, {}, r"zero vector, which has no direction", id="zero"),
    pytest.param([1.0, 2.0], V, {}, r"shape \(2,\) but shape \(3,\)", id="wrong-length"),
])
def test_does_a_wrong_direction_get_the_right_diagnosis(answer, expected, kwargs, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_same_direction(answer, expected, **kwargs)


# --------------------------------------------------------------------------- assert_orthonormal_columns


def test_do_orthonormal_columns_pass():
    c, s = np.cos(0.3), np.sin(0.3)
    passes_in_every_form(assert_orthonormal_columns, {
        "the identity": np.eye(3),
        "a rotation": [[c, -s], [s, c]],
        "a reflection with int entries": [[1, 0], [0, -1]],
        "a tall Q from QR": np.linalg.qr(np.arange(8.0).reshape(4, 2) + np.eye(4, 2))[0],
    })


@pytest.mark.parametrize("answer, pattern", [
    pytest.param([[1.0, 0.0], [0.0, 2.0]], r"column 1 of your matrix does not have unit length", id="non-unit"),
    pytest.param([[1.0, 0.6], [0.0, 0.8]], r"columns 0 and 1 of your matrix are not orthogonal", id="non-orthogonal"),
    pytest.param(np.eye(3, 2).T, r"column 2 .* unit length", id="orthonormal-rows-instead"),
    pytest.param([1.0, 0.0], r"should be a 2-D array with one vector per column", id="1d"),
])
def test_do_non_orthonormal_columns_get_the_right_diagnosis(answer, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_orthonormal_columns(answer)


# --------------------------------------------------------------------------- assert_same_span


def test_does_any_basis_of_the_same_subspace_pass():
    passes_in_every_form(lambda a: assert_same_span(a, PLANE), {
        "the same basis": PLANE,
        "the columns reordered": PLANE[:, ::-1],
        "rescaled columns": PLANE * [-3.0, 0.25],
        "another basis": PLANE @ [[1.0, 1.0], [1.0, -1.0]],
        "an orthonormal basis": np.linalg.qr(PLANE)[0],
        "a nested list": PLANE.tolist(),
    })
    assert_same_span([2.0, 4.0, 6.0], V)  # a 1-D vector is a basis of a line


@pytest.mark.parametrize("answer, pattern", [
    pytest.param(np.column_stack([PLANE, PLANE.sum(axis=1)]), r"linearly dependent, so they are not a basis",
                 id="dependent"),
    pytest.param(PLANE[:, :1], r"dimension 1, but dimension 2 is expected", id="too-few"),
    pytest.param(np.eye(3)[:, :2], r"right dimension, but not the right one", id="wrong-plane"),
    pytest.param(PLANE.T, r"vectors of length 3 as columns, but it has shape \(2, 3\)", id="vectors-as-rows"),
])
def test_does_a_wrong_basis_get_the_right_diagnosis(answer, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_same_span(answer, PLANE)


# --------------------------------------------------------------------------- assert_sympy_equal


def test_does_an_equivalent_sympy_form_pass():
    square = sympy.Matrix([[1, 2], [3, 4]])
    pairs = {
        "factored vs expanded": ((x + 1) ** 2, x**2 + 2 * x + 1),
        "sqrt(2)/2 vs 1/sqrt(2)": (sympy.sqrt(2) / 2, 1 / sympy.sqrt(2)),
        "an unsimplified rotation determinant": (sympy.sin(t) ** 2 + sympy.cos(t) ** 2, sympy.Integer(1)),
        "a Python int": (3, sympy.Integer(3)),
        "a matrix with equivalent entries": (sympy.Matrix([[x * (x + 1), 0]]), sympy.Matrix([[x**2 + x, 0]])),
        "a list of lists": ([[1, 2], [3, 4]], square),
        "an int ndarray": (np.array([[1, 2], [3, 4]]), square),
    }
    for form, (answer, expected) in pairs.items():
        try:
            assert_sympy_equal(answer, expected)
        except AssertionError as error:
            pytest.fail(f"the correct answer given as {form} was rejected: {error}")


def test_does_exact_false_accept_a_float():
    assert_sympy_equal(0.5, sympy.Rational(1, 2), exact=False)


@pytest.mark.parametrize("answer, expected, pattern", [
    pytest.param(0.5, sympy.Rational(1, 2), r"floating-point number; give an exact value", id="python-float"),
    pytest.param(sympy.Matrix([[0.5, 1]]), sympy.Matrix([[sympy.Rational(1, 2), 1]]), r"floating-point",
                 id="float-in-matrix"),
    pytest.param(x + y, x + 1, r"uses symbol\(s\) y that should not appear", id="extra-symbol"),
    pytest.param(-(x + 1), x + 1, r"has the wrong sign", id="sign-flip"),
    pytest.param(x + 2, x + 1, r"is not equal to the expected expression", id="wrong"),
    pytest.param(sympy.Matrix([[1, 3], [2, 4]]), sympy.Matrix([[1, 2], [3, 4]]), r"transpose", id="transposed"),
    pytest.param(sympy.Matrix([1, 2]), sympy.Matrix([[1, 2]]), r"shape \(2, 1\) but shape \(1, 2\)",
                 id="matrix-shape"),
    pytest.param(sympy.Integer(3), sympy.Matrix([[3]]), r"should be a matrix", id="scalar-for-matrix"),
    pytest.param(None, x, r"None: did you forget", id="none"),
    pytest.param("x + 1", x + 1, r"not a SymPy expression or matrix \(got str\)", id="string"),
])
def test_does_a_wrong_sympy_answer_get_the_right_diagnosis(answer, expected, pattern):
    with pytest.raises(AssertionError, match=pattern):
        assert_sympy_equal(answer, expected)


def test_is_a_wrong_symbolic_matrix_refused_without_waiting_for_simplify(monkeypatch):
    """The hat matrix without its inverse: simplify() took 7 s per notebook to fail to prove each entry zero.
    A value far from 0 at one exact point settles it."""
    import autograder.check_symbolic as check_symbolic

    x1, x2, x3 = sympy.symbols("x1 x2 x3", real=True)
    X = sympy.Matrix([[1, x1], [1, x2], [1, x3]])
    right = X * (X.T * X).inv() * X.T

    def no_simplify(expr, *args, **kwargs):
        raise AssertionError("simplify() was called on a clearly wrong answer")

    monkeypatch.setattr(check_symbolic.sympy, "simplify", no_simplify)
    with pytest.raises(AssertionError, match=r"9 of 9 entries are not equal"):
        assert_sympy_equal(X * (X.T * X) * X.T, right, name="H3")


@pytest.mark.parametrize("answer, expected", [
    pytest.param(sympy.sin(sympy.pi * n_int / 2) ** 2, (1 - (-1) ** n_int) / 2,
                 id="an integer symbol: no rational point can stand for it"),
    pytest.param(sympy.sqrt(p_pos ** 2), p_pos, id="a positive symbol"),
    pytest.param(sympy.sqrt(2) * sympy.sqrt(3), sympy.sqrt(6), id="no symbol, irrational"),
    pytest.param(sympy.Abs(r_real) ** 2, r_real ** 2, id="a real symbol"),
])
def test_do_equal_answers_still_pass_where_a_random_point_decides_nothing(answer, expected):
    assert_sympy_equal(answer, expected)


# --------------------------------------------------------------------------- assert_exact


def test_does_an_exact_value_pass_assert_exact():
    passes_in_every_form(assert_exact, {
        "a Rational": sympy.Rational(1, 3),
        "a radical": sympy.sqrt(2) / 2,
        "a Python int": 3,
        "an np.int64": np.int64(3),
        "a fractions.Fraction": fractions.Fraction(1, 3),
        "an exact Matrix": sympy.Matrix([[1, sympy.Rational(1, 2)], [0, sympy.sqrt(3)]]),
    })


def test_does_every_kind_of_float_fail_assert_exact():
    for answer in (0.5, 2.0, np.float64(0.25), 1.0 * sympy.sqrt(2), sympy.Matrix([[1, 0.5]])):
        with pytest.raises(AssertionError, match="floating-point number; give an exact value"):
            assert_exact(answer)


# --------------------------------------------------------------------------- hidden values stay hidden


SECRET = np.array([[12345.678, -23456.789], [34567.891, 45678.912]])


def secret_spellings(values) -> list[str]:
    """Ways a message could spell one of ``values``: repr, rounded, scientific, truncated to an int."""
    spellings = {"12345.678", "1.235e+04", "12345"}
    for v in np.abs(np.ravel(values)).astype(float):
        spellings.update({repr(v), str(v), f"{v:g}", f"{v:.3g}", f"{v:.4g}", f"{v:.3e}", f"{v:.1f}", str(int(v))})
    return sorted(spellings)


@pytest.mark.parametrize("call", [
    pytest.param(lambda: assert_close(SECRET.T, SECRET), id="close-transposed"),
    pytest.param(lambda: assert_close(-SECRET, SECRET), id="close-sign"),
    pytest.param(lambda: assert_close(2 * SECRET, SECRET), id="close-scaled"),
    pytest.param(lambda: assert_close(SECRET + [[0, 0], [0, 1]], SECRET), id="close-one-entry-off"),
    pytest.param(lambda: assert_close(np.ones((2, 3)), SECRET), id="close-shape"),
    pytest.param(lambda: assert_close(1.5, 12345.678), id="close-scalar"),
    pytest.param(lambda: assert_scalar_close(-12345.678, 12345.678), id="scalar-sign"),
    pytest.param(lambda: assert_same_direction([1.0, 0.0], SECRET[:, 0]), id="direction"),
    pytest.param(lambda: assert_same_span([[1.0], [0.0]], SECRET[:, 0]), id="span"),
    pytest.param(lambda: assert_sympy_equal(sympy.Rational(1, 3), sympy.Rational(12345678, 1000)), id="sympy"),
    pytest.param(lambda: assert_sympy_equal(sympy.Matrix([[1, 2], [3, 4]]),
                                            sympy.Matrix(SECRET.tolist()).applyfunc(sympy.nsimplify)),
                 id="sympy-matrix"),
])
def test_does_a_failure_message_never_reveal_the_expected_value(call):
    with pytest.raises(AssertionError) as info:
        call()
    message = str(info.value)
    leaked = [text for text in secret_spellings(SECRET) if text in message]
    assert not leaked, f"{message!r} reveals {leaked}"


# --------------------------------------------------------------------------- forbid


def test_does_forbid_block_the_function_inside_and_restore_it_after():
    original = np.linalg.qr
    with forbid(np.linalg, "qr"):
        with pytest.raises(AssertionError, match=r"^np\.linalg\.qr is not allowed here: this question asks you"):
            np.linalg.qr(np.eye(2))
    assert np.linalg.qr is original
    np.linalg.qr(np.eye(2))


def test_is_every_function_restored_even_when_the_block_raises():
    module = types.ModuleType("mathlib")
    module.solve = original_solve = lambda a: a
    module.inv = original_inv = lambda a: a
    with pytest.raises(ZeroDivisionError):
        with forbid(module, "solve", "inv"):
            with pytest.raises(AssertionError, match=r"mathlib\.inv is not allowed"):
                module.inv(1)
            1 / 0
    assert module.solve is original_solve and module.inv is original_inv


def test_does_forbid_show_a_custom_reason():
    module = types.ModuleType("mathlib")
    module.norm = lambda a: a
    with forbid(module, "norm", reason="compute the length with a dot product"):
        with pytest.raises(AssertionError, match=r"not allowed here: compute the length with a dot product\.$"):
            module.norm(3)


# --- Matrix structure and factorizations (added with chapters 02-06) --------------------------------

from autograder.checks import (assert_eigendecomposition, assert_eigenpair, assert_low_rank_approximation,
                               assert_permutation, assert_solves, assert_svd, assert_triangular)

_rng = np.random.default_rng(7)
_A = _rng.normal(size=(5, 3))
_S = _A.T @ _A  # symmetric positive definite 3x3


def test_is_a_triangular_matrix_recognized_and_a_full_one_refused():
    assert_triangular(np.triu(_S))
    assert_triangular(np.tril(_S), lower=True)
    assert_triangular(np.eye(3) + np.tril(_S, -1), lower=True, unit_diagonal=True)
    with pytest.raises(AssertionError, match="upper triangular"):
        assert_triangular(_S)
    with pytest.raises(AssertionError, match="ones on its diagonal"):
        assert_triangular(np.tril(_S), lower=True, unit_diagonal=True)


def test_is_a_permutation_matrix_recognized():
    assert_permutation(np.eye(4)[[2, 0, 3, 1]])
    with pytest.raises(AssertionError, match="exactly one 1"):
        assert_permutation(np.array([[1, 1], [0, 0]]))
    with pytest.raises(AssertionError, match="only zeros and ones"):
        assert_permutation(2 * np.eye(2))


def test_does_a_solution_pass_by_its_residual_even_on_an_ill_conditioned_system():
    n = 10
    H = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1.0)  # Hilbert, cond ~ 1e13
    x_true = np.ones(n)
    b = H @ x_true
    x = np.linalg.solve(H, b)
    assert np.linalg.norm(x - x_true) > 1e-6  # far from the exact x ...
    assert_solves(H, x, b)                     # ... yet a perfectly good answer
    with pytest.raises(AssertionError, match="does not solve"):
        assert_solves(H, x_true + 1.0, b)
    with pytest.raises(AssertionError, match=r"shape \(10, 1\)"):
        assert_solves(H, x[:, None], b)


def test_an_eigenvector_passes_at_any_scale_and_sign():
    vals, vecs = np.linalg.eigh(_S)
    assert_eigenpair(_S, vals[0], -7.5 * vecs[:, 0])
    with pytest.raises(AssertionError, match="zero vector"):
        assert_eigenpair(_S, vals[0], np.zeros(3))
    with pytest.raises(AssertionError, match="not an eigenpair"):
        assert_eigenpair(_S, vals[1], vecs[:, 0])


def test_left_eigenvectors_get_their_own_hint():
    A = np.array([[2.0, 1.0], [0.0, 3.0]])
    # (0, 1) is an eigenvector of A.T for 3, but A @ (0, 1) = (1, 3) is not a multiple of it
    with pytest.raises(AssertionError, match="transposed"):
        assert_eigenpair(A, 3.0, np.array([0.0, 1.0]))


def test_any_basis_of_a_repeated_eigenspace_passes():
    A = np.diag([2.0, 2.0, 5.0])
    R = np.array([[np.cos(0.3), -np.sin(0.3), 0], [np.sin(0.3), np.cos(0.3), 0], [0, 0, 1]])
    assert_eigendecomposition(A, [5.0, 2.0, 2.0], (R * [1, -3, 2])[:, [2, 0, 1]])
    with pytest.raises(AssertionError, match="not every value"):
        assert_eigendecomposition(A, [2.0, 5.0, 5.0], np.eye(3)[:, [0, 2, 2]])
    with pytest.raises(AssertionError, match="linearly dependent"):
        assert_eigendecomposition(A, [2.0, 2.0, 5.0], np.eye(3)[:, [0, 0, 2]])


def test_an_svd_with_flipped_signs_is_still_an_svd():
    U, s, Vt = np.linalg.svd(_A, full_matrices=False)
    flip = np.array([1.0, -1.0, -1.0])
    assert_svd(_A, U * flip, s, flip[:, None] * Vt)
    U_full, s_full, Vt_full = np.linalg.svd(_A, full_matrices=True)
    assert_svd(_A, U_full, s_full, Vt_full)


@pytest.mark.parametrize("mistake, message", [
    ("V", "V transposed"),
    ("ascending", "decreasing order"),
    ("one_sign", "reproduce A"),
])
def test_a_broken_svd_is_refused_with_the_reason(mistake, message):
    U, s, Vt = np.linalg.svd(_S)
    if mistake == "V":
        Vt = Vt.T.copy()
        Vt[0] *= -1  # make sure V != Vt even though S is symmetric
        U = U.copy()
    if mistake == "ascending":
        U, s, Vt = U[:, ::-1], s[::-1], Vt[::-1]
    if mistake == "one_sign":
        U = U * np.array([-1.0, 1.0, 1.0])
    with pytest.raises(AssertionError, match=message):
        assert_svd(_S, U, s, Vt)


def test_a_best_low_rank_approximation_passes_and_a_truncation_of_the_wrong_part_fails():
    U, s, Vt = np.linalg.svd(_A, full_matrices=False)
    best = s[0] * np.outer(U[:, 0], Vt[0])
    assert_low_rank_approximation(_A, best, 1)
    with pytest.raises(AssertionError, match="not the best rank-2"):
        assert_low_rank_approximation(_A, best, 2)  # rank 1 <= 2, but it throws away s_2
    smallest = s[2] * np.outer(U[:, 2], Vt[2])
    with pytest.raises(AssertionError, match="not the best rank-1"):
        assert_low_rank_approximation(_A, smallest, 1)
    with pytest.raises(AssertionError, match="rank greater than 1"):
        assert_low_rank_approximation(_A, _A, 1)


def test_equal_forms_that_simplify_cannot_prove_equal_still_pass():
    sp = sympy
    a = sp.Symbol("a", real=True)
    sigma1 = (a + sp.sqrt(a**2 + 4)) / 2
    other = sp.sqrt(a**2 / 2 + a * sp.sqrt(a**2 + 4) / 2 + 1)
    assert_sympy_equal(other, sigma1)
    with pytest.raises(AssertionError, match="not equal"):
        assert_sympy_equal(other + sp.Rational(1, 10**6), sigma1)


def test_an_equal_nested_radical_is_accepted_without_waiting_for_equals(monkeypatch):
    """A singular value written as a nested radical: simplify() cannot prove it equal, and equals() spent a
    quarter of a second on it to answer "don't know" (twelve times per pair of chapter 01 and 06 batches).
    Zero at the random points settles it, as it did after equals() before."""
    sp = sympy
    a = sp.Symbol("a", real=True)
    sigma1 = (a + sp.sqrt(a**2 + 4)) / 2

    def no_equals(self, other, *args, **kwargs):
        raise AssertionError("equals() was called on an answer the random points settle")

    monkeypatch.setattr(sp.Expr, "equals", no_equals)
    assert_sympy_equal(sp.sqrt(a**2 / 2 + a * sp.sqrt(a**2 + 4) / 2 + 1), sigma1)


def test_an_equal_rational_function_is_accepted_without_simplify(monkeypatch):
    """The ridge minimizer of chapter 07 in another exact form: cancel() decides a rational function exactly,
    in a quarter of simplify()'s time; a wrong one is still refused."""
    import autograder.check_symbolic as check_symbolic

    t1, t2, t3, y1, y2, y3 = sympy.symbols("t1 t2 t3 y1 y2 y3", real=True)
    lam = sympy.Symbol("lam", positive=True)
    X = sympy.Matrix([[1, t1], [1, t2], [1, t3]])
    G, rhs = X.T * X + lam * sympy.eye(2), X.T * sympy.Matrix([y1, y2, y3])
    w = G.adjugate() * rhs / G.det()  # the minimizer, by Cramer's rule: not the form of G w = rhs

    def no_simplify(expr, *args, **kwargs):
        raise AssertionError("simplify() was called on a rational function")

    monkeypatch.setattr(check_symbolic.sympy, "simplify", no_simplify)
    assert_sympy_equal(G * w, rhs, name="(X^T X + lam I) w_ridge")
    with pytest.raises(AssertionError, match="not equal"):
        assert_sympy_equal(G * w * (1 + lam) / (2 + lam), rhs, name="(X^T X + lam I) w_ridge")


def test_an_equal_polynomial_is_accepted_by_expanding_it(monkeypatch):
    """A 7x7 determinant by Berkowitz (a deep sum of products) against its closed form: expand() decides it;
    cancel() spent 0.17 s factoring its terms first, simplify() more."""
    import autograder.check_symbolic as check_symbolic

    a, b = sympy.symbols("a b", real=True)
    det = (a * sympy.eye(7) + b * sympy.ones(7, 7)).det(method="berkowitz")

    def refuse(expr, *args, **kwargs):
        raise AssertionError("cancel() or simplify() was called on a polynomial")

    monkeypatch.setattr(check_symbolic.sympy, "simplify", refuse)
    monkeypatch.setattr(check_symbolic.sympy, "cancel", refuse)
    assert_sympy_equal(det, a**6 * (a + 7 * b), name="det E_7")
    with pytest.raises(AssertionError, match="not equal"):
        assert_sympy_equal(det, a**6 * (a + 6 * b), name="det E_7")


def test_an_exact_answer_off_by_a_tiny_amount_is_still_wrong():
    with pytest.raises(AssertionError, match="not equal"):
        assert_sympy_equal(sympy.Rational(1, 3) + sympy.Rational(1, 10**20), sympy.Rational(1, 3))
