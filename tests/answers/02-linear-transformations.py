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
    # other bases: kernel vectors rescaled and mixed, image basis from the RREF of A^T (the row space of A^T),
    # rank from the pivots, a SymPy Integer
    "q5-kernel-image": (
        "def kernel_image(A):\n"
        "    m, n = A.shape\n"
        "    ns = A.nullspace()\n"
        "    mixed = [-2 * v for v in ns]\n"
        "    if len(ns) >= 2:\n"
        "        mixed[0] = ns[0] + ns[1]\n"
        "    K = sp.zeros(n, 0)\n"
        "    for v in mixed:\n"
        "        K = K.row_join(v)\n"
        "    R, pivots = A.T.rref()\n"
        "    r = sp.Integer(len(pivots))\n"
        "    C = sp.zeros(m, 0)\n"
        "    for i in range(len(pivots)):\n"
        "        C = C.row_join(R[i, :].T)\n"
        "    return K, C, r\n"),
    # the column convention, transposed back; works for a 1-D x too
    "q6-dense-forward": (
        "def dense_forward(X, W, b):\n"
        "    X, W, b = np.asarray(X, float), np.asarray(W, float), np.asarray(b, float)\n"
        "    return (W.T @ X.T).T + b\n"),
    # probing the network: its output at 0 is b_eff, at the basis vectors e_j it is row j of W_eff plus b_eff
    "q7-collapse-linear": (
        "def collapse_linear(layers):\n"
        "    def f(X):\n"
        "        for W, b in layers:\n"
        "            X = X @ np.asarray(W, dtype=float) + np.asarray(b, dtype=float)\n"
        "        return X\n"
        "    n_in = len(layers[0][0])\n"
        "    b_eff = f(np.zeros(n_in))\n"
        "    W_eff = f(np.eye(n_in)) - b_eff\n"
        "    return W_eff, b_eff\n"),
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
    # pivot columns of A for the image, and the kernel scaled by 3; rank as a numpy integer
    "q5-kernel-image": (
        "def kernel_image(A):\n"
        "    m, n = A.shape\n"
        "    _, pivots = A.rref()\n"
        "    C = A.extract(list(range(m)), list(pivots))\n"
        "    K = sp.Matrix.hstack(sp.zeros(n, 0), *[3 * v for v in A.nullspace()])\n"
        "    return K, C, np.int64(len(pivots))\n"),
    # a loop over the samples, with a separate branch for one sample
    "q6-dense-forward": (
        "def dense_forward(X, W, b):\n"
        "    X, W, b = np.asarray(X, float), np.asarray(W, float), np.asarray(b, float)\n"
        "    if X.ndim == 1:\n"
        "        return W.T @ X + b\n"
        "    return np.array([x @ W + b for x in X])\n"),
    # the column convention: collapse W^T and b, then transpose
    "q7-collapse-linear": (
        "def collapse_linear(layers):\n"
        "    M = None\n"
        "    c = None\n"
        "    for W, b in layers:\n"
        "        Wt = np.asarray(W, dtype=float).T\n"
        "        b = np.asarray(b, dtype=float)\n"
        "        M = Wt if M is None else Wt @ M\n"
        "        c = b if c is None else Wt @ c + b\n"
        "    return M.T, c\n"),
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
        # image basis from the pivot columns of the RREF instead of A
        "q5-kernel-image": (("C = sp.Matrix.hstack(sp.zeros(m, 0), *A.columnspace())",
                             "R, pivots = A.rref()\n    C = R.extract(list(range(m)), list(pivots))"), 0,
                            "not in the image"),
        # forgot the bias
        "q6-dense-forward": (("return X @ W + b", "return X @ W"), 0, "bias"),
        # only the last bias
        "q7-collapse-linear": (("    return W_eff, b_eff", "    return W_eff, b"), 0, "input 0"),
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
        # the nullity instead of the rank
        "q5-kernel-image": (("r = A.rank()", "r = len(A.nullspace())"), 1, "not the rank"),
        # a single sample comes back as a (1, n_out) batch
        "q6-dense-forward": (("    X = np.asarray(X, dtype=float)\n",
                              "    X = np.atleast_2d(np.asarray(X, dtype=float))\n"), 1, "1-D"),
        # the bias formula written out for exactly two layers
        "q7-collapse-linear": (("    return W_eff, b_eff",
                                "    b_eff = layers[0][1] @ layers[1][0] + layers[1][1]\n    return W_eff, b_eff"), 1,
                               "input 0"),
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
        # the kernel vectors stacked on top of each other (sp.Matrix of a list of vectors)
        "q5-kernel-image": (("K = sp.Matrix.hstack(sp.zeros(n, 0), *A.nullspace())", "K = sp.Matrix(A.nullspace())"),
                            1, "one row per entry"),
        # the bias added as a column
        "q6-dense-forward": (("return X @ W + b", "return X @ W + b[:, None]"), 0, "broadcast"),
        # the column-convention order W_k ... W_1
        "q7-collapse-linear": (("W_eff @ W, b_eff @ W + b", "W @ W_eff, b_eff @ W + b"), 0, "order of the factors"),
    },
    "mistakes4": {
        # no check of the shapes
        "q3-matmul-outer": (("    if A.shape[1] != B.shape[0]:\n        raise ValueError(f\"inner sizes differ: "
                             "{A.shape} and {B.shape}\")\n", ""), 1, "ValueError"),
        # overwrites the caller's first matrix with the running product
        "q4-compose": (("M = np.asarray(T, dtype=float) @ M", "M[...] = np.asarray(T, dtype=float) @ M"), 1,
                       "in place"),
        # hstack of an empty list of kernel vectors: shape (0, 0) instead of (n, 0)
        "q5-kernel-image": (("K = sp.Matrix.hstack(sp.zeros(n, 0), *A.nullspace())", "K = sp.Matrix.hstack(*A.nullspace())"),
                            1, "empty basis"),
        # collapsed from the last layer backwards, accumulating into the caller's last bias
        "q7-collapse-linear": (
            "def collapse_linear(layers):\n"
            "    W_eff, b_eff = layers[-1]\n"
            "    for W, b in reversed(layers[:-1]):\n"
            "        b_eff += b @ W_eff\n"
            "        W_eff = W @ W_eff\n"
            "    return W_eff, b_eff\n", 1, "in place"),
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
