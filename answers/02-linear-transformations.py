"""Test data for chapter 02: valid answers in unusual forms, and classic mistakes.

ALTERNATIVES: a list of notebooks, each a dict grade_id -> full answer-cell source; every one must earn
full marks. MISTAKES: notebook name -> {grade_id: (edit, points kept, hint)}, where edit is a full answer
source or an (old, new) replacement in the reference answer; the question must keep exactly that many
points and one of its messages must contain the hint.
"""

# Valid answers in another form than the reference, two notebooks' worth: each must earn full marks.
ALTERNATIVES = [{
    # columns as images of e1 and e2 (cos(t + 90°) = -sin t); the reflection as 2 u u^T - I, returned as lists
    "q1-rotation-reflection": (
        "def rotation_matrix(theta):\n"
        "    e1_image = [np.cos(theta), np.sin(theta)]\n"
        "    e2_image = [np.cos(theta + np.pi / 2), np.sin(theta + np.pi / 2)]\n"
        "    return np.column_stack([e1_image, e2_image])\n\n\n"
        "def reflection_matrix(theta):\n"
        "    u = np.array([np.cos(theta), np.sin(theta)])\n"
        "    return (2 * np.outer(u, u) - np.eye(2)).tolist()\n"),
    # einsum over the point index
    "q2-transform-points": (
        "def transform_points(A, P):\n"
        "    return np.einsum('ij,nj->ni', np.asarray(A, dtype=float), np.asarray(P, dtype=float))\n"),
    # broadcasting: all outer products at once in a 3-D array, summed over k (no @, no np.outer)
    "q3-matmul-outer": (
        "def matmul_outer(A, B):\n"
        "    A, B = np.array(A, dtype=float), np.array(B, dtype=float)\n"
        "    if A.shape[1] != B.shape[0]:\n"
        "        raise ValueError('shapes do not match')\n"
        "    return (A[:, :, None] * B[None, :, :]).sum(axis=1)\n"),
    # functools.reduce with the new matrix on the left
    "q4-compose": (
        "from functools import reduce\n\n\n"
        "def compose(transforms):\n"
        "    mats = [np.asarray(T, dtype=float) for T in transforms]\n"
        "    return reduce(lambda acc, T: T @ acc, mats[1:], mats[0])\n"),
    # define the map on a basis (lecture section 1): complete K to a basis with identity columns, send the
    # columns of K to 0 and the new ones to the columns of C, then A = [0 | C] B^-1
    "q5-build-kernel-image": (
        "def matrix_with_kernel_image(K, C):\n"
        "    K, C = sp.Matrix(K), sp.Matrix(C)\n"
        "    n, k = K.shape\n"
        "    B = K.copy()\n"
        "    for j in range(n):\n"
        "        if B.cols < n and sp.Matrix.hstack(B, sp.eye(n)[:, j]).rank() > B.cols:\n"
        "            B = sp.Matrix.hstack(B, sp.eye(n)[:, j])\n"
        "    images = sp.Matrix.hstack(sp.zeros(C.rows, k), C)\n"
        "    return images * B.inv()\n"),
    # closed-form integer arithmetic, the answer as a NumPy integer
    "q6-break-even": (
        "def break_even_batch(sizes):\n"
        "    n = np.array(sizes, dtype=np.int64)\n"
        "    layers = int(np.sum(n[1:] * (2 * n[:-1] - 1)))\n"
        "    collapsed = int(n[-1] * (2 * n[0] - 1))\n"
        "    up_front = int(np.sum(n[0] * n[2:] * (2 * n[1:-1] - 1)))\n"
        "    if layers <= collapsed:\n"
        "        return None\n"
        "    return np.int64(up_front // (layers - collapsed) + 1)\n"),
    # other representatives: one turn less, and the mirror line turned by pi
    "q7-two-mirrors": (
        "alpha, beta, theta = sp.symbols('alpha beta theta', real=True)\n"
        "rotation_angle = 2 * beta - 2 * alpha - 2 * sp.pi\n"
        "mirror_angle = (2 * alpha + theta + 2 * sp.pi) / 2\n"),
}, {
    # the matrix exponential of the generator of rotations; the reflection as R(theta) diag(1, -1) R(-theta)
    "q1-rotation-reflection": (
        "import scipy.linalg\n\n\n"
        "def rotation_matrix(theta):\n"
        "    return scipy.linalg.expm(theta * np.array([[0.0, -1.0], [1.0, 0.0]]))\n\n\n"
        "def reflection_matrix(theta):\n"
        "    return rotation_matrix(theta) @ np.diag([1.0, -1.0]) @ rotation_matrix(-theta)\n"),
    # a loop over the points (slower, but correct), via the transpose rule
    "q2-transform-points": (
        "def transform_points(A, P):\n"
        "    A = np.array(A, dtype=float)\n"
        "    return np.array([A @ np.asarray(p, dtype=float) for p in P])\n"),
    # column times row by broadcasting, accumulated in a loop
    "q3-matmul-outer": (
        "def matmul_outer(A, B):\n"
        "    A = np.array(A, dtype=float)\n"
        "    B = np.array(B, dtype=float)\n"
        "    m, n = A.shape\n"
        "    n2, p = B.shape\n"
        "    if n != n2:\n"
        "        raise ValueError('inner dimensions differ')\n"
        "    C = np.zeros((m, p))\n"
        "    for k in range(n):\n"
        "        C = C + A[:, [k]] * B[[k], :]\n"
        "    return C\n"),
    # multi_dot over the reversed list (when there are at least two matrices)
    "q4-compose": (
        "def compose(transforms):\n"
        "    mats = [np.asarray(T, dtype=float) for T in reversed(transforms)]\n"
        "    if len(mats) == 1:\n"
        "        return mats[0]\n"
        "    return np.linalg.multi_dot(mats)\n"),
    # another valid matrix: the reference one, mixed inside the image by an invertible r x r matrix
    "q5-build-kernel-image": (
        "def matrix_with_kernel_image(K, C):\n"
        "    K, C = sp.Matrix(K), sp.Matrix(C)\n"
        "    n, r = K.rows, C.cols\n"
        "    rows = K.T.nullspace()\n"
        "    N = sp.zeros(n, 0)\n"
        "    for v in rows:\n"
        "        N = N.row_join(3 * v)\n"
        "    M = sp.eye(r) + sp.Matrix(r, r, lambda i, j: 1 if j == i + 1 else 0)\n"
        "    return C * M * N.T\n"),
    # bisection on N with the two costs: no formula for N itself
    "q6-break-even": (
        "def break_even_batch(sizes):\n"
        "    def costs(N):\n"
        "        f = lambda p, q, s: p * s * (2 * q - 1)\n"
        "        layers = sum(f(N, sizes[j - 1], sizes[j]) for j in range(1, len(sizes)))\n"
        "        collapsed = sum(f(sizes[0], sizes[j - 1], sizes[j]) for j in range(2, len(sizes)))\n"
        "        return layers, collapsed + f(N, sizes[0], sizes[-1])\n"
        "    hi = 1\n"
        "    while True:\n"
        "        a, b = costs(hi)\n"
        "        if b < a:\n"
        "            break\n"
        "        if hi > 10**15:\n"
        "            return None\n"
        "        hi *= 2\n"
        "    lo = hi // 2\n"
        "    while hi - lo > 1:\n"
        "        mid = (lo + hi) // 2\n"
        "        a, b = costs(mid)\n"
        "        lo, hi = (lo, mid) if b < a else (mid, hi)\n"
        "    return hi\n"),
    # derived by SymPy itself: the angles read off the products with atan2, symbols without assumptions
    "q7-two-mirrors": (
        "a, b, t = sp.symbols('alpha beta theta')\n"
        "F = lambda x: sp.Matrix([[sp.cos(2 * x), sp.sin(2 * x)], [sp.sin(2 * x), -sp.cos(2 * x)]])\n"
        "R = lambda x: sp.Matrix([[sp.cos(x), -sp.sin(x)], [sp.sin(x), sp.cos(x)]])\n"
        "P = (F(b) * F(a)).applyfunc(sp.trigsimp)\n"
        "rotation_angle = sp.atan2(P[1, 0], P[0, 0])\n"
        "Q = (R(t) * F(a)).applyfunc(sp.trigsimp)\n"
        "mirror_angle = sp.atan2(Q[1, 0], Q[0, 0]) / 2\n"),
}]

# Classic mistakes: notebook -> question -> (edit of the reference answer, points kept, hint).
MISTAKES = {
    "mistakes": {
        # clockwise rotation: the transpose
        "q1-rotation-reflection": (("return np.array([[c, -s], [s, c]])", "return np.array([[c, s], [-s, c]])"), 0,
                                   "counter-clockwise"),
        # points as rows multiplied by A instead of A^T
        "q2-transform-points": (("return P @ A.T", "return P @ A"), 0, "written as a row"),
        # the forbidden operator
        "q3-matmul-outer": (("    C = np.zeros((A.shape[0], B.shape[1]))\n",
                             "    return A @ B\n    C = np.zeros((A.shape[0], B.shape[1]))\n"), 1, "not allowed"),
        # multiplied in the listed order: T1 T2 ... Tk
        "q4-compose": (("M = np.asarray(T, dtype=float) @ M", "M = M @ np.asarray(T, dtype=float)"), 0,
                       "touches x first"),
        # ignores K: maps the first r coordinates onto C, so the kernel is the span of the last coordinates
        "q5-build-kernel-image": (("    return C * N.T", "    return C * sp.eye(n)[:C.cols, :]"), 0, "not in the kernel"),
        # the flops counted as 2 p q s, as in the rough estimate
        "q6-break-even": (
            "def break_even_batch(sizes):\n"
            "    n = [int(s) for s in sizes]\n"
            "    per_sample_layers = sum(2 * n[j] * n[j - 1] for j in range(1, len(n)))\n"
            "    per_sample_collapsed = 2 * n[-1] * n[0]\n"
            "    up_front = sum(2 * n[0] * n[j] * n[j - 1] for j in range(2, len(n)))\n"
            "    saving = per_sample_layers - per_sample_collapsed\n"
            "    if saving <= 0:\n"
            "        return None\n"
            "    return up_front // saving + 1\n", 1, "not strictly cheaper"),
        # the reflections multiplied in the order they are written: F(alpha) F(beta)
        "q7-two-mirrors": (("rotation_angle = 2 * (beta - alpha)", "rotation_angle = 2 * (alpha - beta)"), 0,
                           "other order"),
    },
    "mistakes2": {
        # theta instead of 2 theta: reflects across the line at theta / 2
        "q1-rotation-reflection": (("c, s = np.cos(2 * theta), np.sin(2 * theta)", "c, s = np.cos(theta), np.sin(theta)"),
                                   1, "mirror line"),
        # the images as columns: shape (m, N)
        "q2-transform-points": (("return P @ A.T", "return A @ P.T"), 0, "transposed"),
        # a forbidden function
        "q3-matmul-outer": (("    C = np.zeros((A.shape[0], B.shape[1]))\n",
                             "    return np.dot(A, B)\n    C = np.zeros((A.shape[0], B.shape[1]))\n"), 1,
                            "not allowed"),
        # assumes 2 x 2 matrices
        "q4-compose": (("    M = np.asarray(transforms[0], dtype=float)\n    for T in transforms[1:]:",
                        "    M = np.eye(2)\n    for T in transforms:"), 1, "do not assume square"),
        # the right kernel, but C forgotten: A has one row per column of C, not one per entry of an output
        "q5-build-kernel-image": (("    return C * N.T", "    return N.T"), 0, "shape"),
        # "at least as cheap" instead of strictly cheaper: off by one when the two costs tie
        "q6-break-even": (("    return up_front // saving + 1", "    return max(1, -(-up_front // saving))"), 1,
                          "not strictly cheaper"),
        # the mirror angle without the factor 1/2
        "q7-two-mirrors": (("mirror_angle = alpha + theta / 2", "mirror_angle = alpha + theta"), 0, "for every alpha"),
    },
    "mistakes3": {
        # theta taken as degrees
        "q1-rotation-reflection": (("c, s = np.cos(theta), np.sin(theta)",
                                    "c, s = np.cos(np.radians(theta)), np.sin(np.radians(theta))"), 0, "radians"),
        # overwrites the caller's points
        "q2-transform-points": (("    return P @ A.T", "    P[:] = P @ A.T\n    return P"), 1, "changed its input"),
        # loops over the rows of A instead of its columns (right only for square A)
        "q3-matmul-outer": (("for k in range(A.shape[1]):", "for k in range(A.shape[0]):"), 1,
                            "one outer product per column"),
        # reverses the caller's list in place
        "q4-compose": (("    M = np.asarray(transforms[0], dtype=float)\n    for T in transforms[1:]:\n"
                        "        M = np.asarray(T, dtype=float) @ M\n",
                        "    transforms.reverse()\n    M = np.asarray(transforms[0], dtype=float)\n"
                        "    for T in transforms[1:]:\n        M = M @ np.asarray(T, dtype=float)\n"), 1,
                       "changed its input list"),
        # floating-point entries (NumPy's null space)
        "q5-build-kernel-image": (
            "import scipy.linalg\n\n\ndef matrix_with_kernel_image(K, C):\n"
            "    Kf = np.array(K.tolist(), dtype=float).reshape(K.shape)\n"
            "    N = scipy.linalg.null_space(Kf.T)\n"
            "    return sp.Matrix(np.array(C.tolist(), dtype=float).reshape(C.shape) @ N.T)\n", 0, "floating-point"),
        # the up-front cost of collapsing forgotten
        "q6-break-even": (("    return up_front // saving + 1", "    return 1"), 0, "not strictly cheaper"),
        # rotating first, then reflecting: F(alpha) R(theta)
        "q7-two-mirrors": (("mirror_angle = alpha + theta / 2", "mirror_angle = alpha - theta / 2"), 0,
                           "rotating first"),
    },
    "mistakes4": {
        # no check of the shapes
        "q3-matmul-outer": (("    if A.shape[1] != B.shape[0]:\n        raise ValueError(f\"inner sizes differ: "
                             "{A.shape} and {B.shape}\")\n", ""), 1, "ValueError"),
        # overwrites the caller's first matrix with the running product
        "q4-compose": (("M = np.asarray(T, dtype=float) @ M", "M[...] = np.asarray(T, dtype=float) @ M"), 1,
                       "in place"),
        # a zero saving (one layer) let through to the division
        "q6-break-even": (("    if saving <= 0:", "    if saving < 0:"), 0, "return None"),
        # the projection that removes span(K), then C padded with zero columns: right for most K, but the zero
        # columns also remove whatever of the projection's image lies along the last k coordinates
        "q5-build-kernel-image": (
            "def matrix_with_kernel_image(K, C):\n"
            "    K, C = sp.Matrix(K), sp.Matrix(C)\n"
            "    n, k = K.shape\n"
            "    P = sp.eye(n) if k == 0 else sp.eye(n) - K * (K.T * K).inv() * K.T\n"
            "    return sp.Matrix.hstack(C, sp.zeros(C.rows, k)) * P\n", 1, "smaller than the number of columns"),
        # an approximate pi
        "q7-two-mirrors": (("mirror_angle = alpha + theta / 2", "mirror_angle = alpha + theta / 2 + 3.141592653589793"),
                           1, "floating-point"),
    },
    "mistakes5": {
        # a SymPy matrix product instead of outer products
        "q3-matmul-outer": (("    C = np.zeros((A.shape[0], B.shape[1]))\n",
                             "    return np.array(sp.Matrix(A) * sp.Matrix(B), dtype=float)\n"
                             "    C = np.zeros((A.shape[0], B.shape[1]))\n"), 1, "not allowed"),
        # multi_dot needs at least two matrices
        "q4-compose": (
            "def compose(transforms):\n"
            "    return np.linalg.multi_dot([np.asarray(T, dtype=float) for T in reversed(transforms)])\n", 1,
            "single matrix is allowed"),
    },
    # an equivalent that the list of names did not foresee: NumPy 2's vecdot ufunc (issue #13)
    "synonyms": {
        "q3-matmul-outer": ("def matmul_outer(A, B):\n    A = np.asarray(A, dtype=float)\n    B = np.asarray(B, dtype=float)\n"
                            "    if A.shape[1] != B.shape[0]:\n        raise ValueError('inner sizes differ')\n"
                            "    return np.vecdot(A[:, None, :], B.T[None, :, :])\n", 1, "dot/matmul-type"),
    },
}

# Graded in plain mode too (--plain): the rule loses the same points in both modes (issue #13).
PLAIN = ["synonyms"]
